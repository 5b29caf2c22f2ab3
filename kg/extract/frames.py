"""Migration frames: who moves whom, from where to where, and who takes them in.

Removal and deportation, return, transfer, detention and reception are frames
with roles: the state that acts, the people moved, their origin and
destination, and the counterpart state. The sentence gives what it gives; the
article supplies the rest, as an attentive reader would:

- an agentless passive of removal or detention ("Thirty men have been deported
  to Uzbekistan", "the 12 men were transferred to a facility") takes the
  story's removing state as its actor;
- a vehicle moving people ("A charter carrying 40 Nigerians left Madrid for
  Lagos", "the deportation flight landed in Kigali") is the removal itself, by
  the vehicle's state or else the story's;
- a reception ("Ecuador received 60 deportees from Spain") has the sending
  state as its target and the people as its object; when the sentence does not
  name the sender, the story's removing state is the target.

Roles the sentence leaves out are filled when the whole article has been read
(`settle`): the story's removing state is the state the article most often
shows removing people, else the state whose bodies act most in it, else the
country of its dateline. A role filled that way is marked inferred.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.extract import entities, lexicon, syntax
from kg.model import Entity, Participant, Statement
from kg.vocab import ID

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.actors import ActorResolver
    from kg.extract.discourse import SentenceContext
    from kg.extract.lexicon import Coding
    from kg.extract.predicates import Frame

#: Stands for the story's removing state until the article has been read to its end.
STORY_STATE = Participant(Entity(ID + "pending/story-state", "the story's removing state", "Country"), "")

# Verbs of a vehicle's journey: with a vehicle of people as subject, they tell the removal.
_JOURNEY = ("land", "arrive", "leave", "depart", "take off", "touch down", "fly", "carry", "transport", "bring",
            "return", "reach")
# Verbs that say a removal vehicle runs ("deportation flights between Mexico and Cuba resumed")
# and, with the vehicle as object, that someone runs it ("ICE operated 12 removal flights", "U.S.
# authorities have organized another charter flight carrying Uzbek nationals"): the removal.
_RUNNING = ("resume", "continue", "restart", "begin", "start", "operate", "run", "proceed", "take place",
            "go ahead", "increase")
_RUN_BY = ("operate", "run", "organize", "organise", "charter", "conduct", "arrange", "schedule", "launch",
           "resume", "restart", "carry out", "dispatch", "send", "book")
# Compounds that make a vehicle a removal ("deportation flight", "repatriation charter").
_REMOVAL_WORDS = ("deportation", "removal", "repatriation", "expulsion", "deportee", "return", "returns",
                  "extradition", "transfer", "ice", "deport")
_REMOVAL = lexicon.PredicateRow("deport", "V", "*", "174", None, "deport", frozenset({"move", "vehicle"}))
_ARRIVAL = lexicon.PredicateRow("deport", "V", "*", "174", None, "deport", frozenset({"move", "arrival"}))
# Verbs of arrival: with people removed as subject, they tell the removal ("the five men
# deported by the U.S. arrived in Eswatini").
_ARRIVING = ("arrive", "come", "land", "reach", "disembark")
# Participles and nouns that say the people were removed.
_REMOVED = ("deport", "expel", "remove", "return", "repatriate", "push", "send", "fly", "transfer", "relocate")
_REMOVED_PEOPLE = ("deportee", "returnee", "expellee")
# People whose nationality adjective says whose they are, not who sends them.
_PEOPLE_OF_A_NATION = ("refugee", "migrant", "national", "citizen", "seeker", "worker", "people", "person",
                       "immigrant", "family", "child")
# States whose actors act as states in a story (people and groups of no state do not remove anyone).
_STATE_LIKE = ("Country", "GovernmentBody")
#: PLOVER: "Requires recipient: Yes" (AID too in PLOVER, but aid announced for no one is still aid).
REQUIRES_RECIPIENT = ("COOPERATE", "SANCTION")


@dataclass
class Story:
    """What the article shows of its migration story, for the roles its sentences leave out."""

    removers: Counter = field(default_factory=Counter)  # country → explicit removals and detentions by it
    subjects: Counter = field(default_factory=Counter)  # country → clauses whose subject is that state or its organs
    receivers: set = field(default_factory=set)  # states the article shows taking people in


def is_removal(coding: Coding) -> bool:
    return coding.removes


def receives(frame: Frame) -> bool:
    return frame.coding.receives or (frame.argument_coding is not None and frame.argument_coding.receives)


# ---------------------------------------------------------------------- frames the lexicon does not give
def vehicle_frame(verb: Token, ctx: SentenceContext, resolver: ActorResolver) -> tuple[Coding, Token] | None:
    """"The flight carrying 135 migrants landed in Kigali": (the removal's coding, the vehicle)."""
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    journey = f"{syntax.lemma(verb)} {particle}" if particle else syntax.lemma(verb)
    if verb.dep_ in ("acl", "relcl", "amod"):
        return None  # "an aircraft carrying migrants" describes the vehicle; its own verb tells the journey
    if journey in _RUN_BY or syntax.lemma(verb) in _RUN_BY:
        vehicle = syntax.direct_object(verb)
        if vehicle is not None and _removal_vehicle(vehicle, ctx, resolver, told=False):
            ctx.consumed.add(vehicle.i)  # the flight is this removal, not one of its own
            return _removal_by(vehicle, ctx)
    running = journey in _RUNNING or syntax.lemma(verb) in _RUNNING
    if journey not in _JOURNEY and syntax.lemma(verb) not in _JOURNEY and not running:
        return None
    vehicle = next((t for t in syntax.subject_tokens(verb) if lexicon.object_classes().get(syntax.lemma(t)) == "FLIGHT"), None)
    if vehicle is None or vehicle.dep_ == "nsubjpass":
        return None
    if not _removal_vehicle(vehicle, ctx, resolver, told=True):
        return None
    return _removal_by(vehicle, ctx)


def _removal_vehicle(vehicle: Token, ctx: SentenceContext, resolver: ActorResolver, told: bool) -> bool:
    """A flight or boat of a removal: named so ("a deportation flight"), carrying people ("a charter
    carrying 40 Nigerians"), or, with `told`, the definite vehicle of a removal just told."""
    if lexicon.object_classes().get(syntax.lemma(vehicle)) != "FLIGHT":
        return False
    return _named_removal(vehicle) or moved_people(vehicle, ctx, resolver) is not None or (
        told and _removal_told_before(vehicle, ctx))


# Nouns of a vehicle's journey: "the arrival of the first flight carrying deported Nicaraguans".
_JOURNEY_NOUNS = ("arrival", "landing", "departure")


def vehicle_noun_frame(noun: Token, ctx: SentenceContext, resolver: ActorResolver) -> tuple[Coding, Token] | None:
    """The arrival, landing or departure of a vehicle that carries removed people: the removal."""
    if syntax.lemma(noun) not in _JOURNEY_NOUNS:
        return None
    vehicle = syntax.prep_object(noun, ("of",))
    if vehicle is None or lexicon.object_classes().get(syntax.lemma(vehicle)) != "FLIGHT":
        return None
    carried = syntax.carried_token(vehicle)
    removed = carried is not None and any(
        c.dep_ in ("amod", "acl") and syntax.lemma(c) in _REMOVED for c in carried.children)
    if not (_named_removal(vehicle) or removed or _removal_told_before(vehicle, ctx)):
        return None
    return _removal_by(vehicle, ctx)


def _named_removal(vehicle: Token) -> bool:
    """"a deportation flight", "the repatriation charter": a vehicle its words name a removal's."""
    return any(c.dep_ in ("compound", "amod", "nmod") and syntax.lemma(c) in _REMOVAL_WORDS for c in vehicle.children)


def _removal_by(vehicle: Token, ctx: SentenceContext) -> tuple[Coding, Token]:
    """The removal a vehicle's journey tells, remembered for the vehicles and arrivals after it."""
    ctx.memory.last_removal = ctx.memory.sentence_index
    return lexicon.coding_for(_REMOVAL), vehicle


def _removal_told_before(vehicle: Token, ctx: SentenceContext) -> bool:
    """"The US deported 104 Indians ... The plane landed around 2 p.m.": a definite vehicle ("the
    plane", "the second flight") just after a removal is that removal's."""
    return _definite(vehicle) and _just_before(ctx, ctx.memory.last_removal)


def _definite(vehicle: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in vehicle.children)


def _just_before(ctx: SentenceContext, sentence: int | None) -> bool:
    """Was `sentence` one of the three before the one being read?"""
    return sentence is not None and 0 < ctx.memory.sentence_index - sentence <= 3


def arrival_frame(verb: Token, ctx: SentenceContext, resolver: ActorResolver) -> tuple[Coding, Token] | None:
    """"The five men ... arrived in Eswatini on a chartered deportation flight", "migrants
    expelled from Algeria keep arriving in Assamaka": the arrival of people removed is their
    removal. (the removal's coding, the people); None for arrivals that say no removal."""
    if syntax.lemma(verb) not in _ARRIVING or verb.dep_ in ("acl", "relcl", "amod"):
        return None
    people = next((t for t in syntax.subject_tokens(verb)), None)
    group = resolver.resolve(people, ctx.mentions, ctx.memory) if people is not None else None
    if group is None or group.entity.type != "PopulationGroup":
        return None
    removed = syntax.lemma(people) in _REMOVED_PEOPLE or any(
        c.dep_ in ("acl", "relcl", "amod") and syntax.lemma(c) in _REMOVED for c in people.subtree if c.i != people.i)
    removed = removed or any(  # "... on a chartered deportation flight"
        t.dep_ in ("compound", "amod") and syntax.lemma(t) in _REMOVAL_WORDS and lexicon.object_classes().get(syntax.lemma(t.head)) == "FLIGHT"
        for t in verb.subtree)
    vehicle = _arrival_vehicle(verb)
    if not removed and vehicle is not None and _arrived(verb) and (
            _state_vehicle(vehicle, ctx, resolver) is not None or (_definite(vehicle) and ctx.memory.last_removal is not None)):
        # "the Nicaraguan migrants arrived aboard a U.S. Air Force C-17", "45 Nicaraguans arrived
        # on the flight" in a story of removals: people a state's plane brings are removed
        removed = True
    if not removed and not (_just_before(ctx, ctx.memory.last_removal) and _arrived(verb)):
        return None  # "hundreds of migrants arrived in Lampedusa": an arrival, no removal
    # "Algeria expelled migrants to Niger. ... 1,466 migrants arrived in Assamaka": people
    # arriving just after a removal was told are the people removed
    return lexicon.coding_for(_ARRIVAL), people


def _arrival_vehicle(verb: Token) -> Token | None:
    """The vehicle people arrive on or aboard ("arrived on the flight", "aboard a C-17")."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("on", "aboard", "in", "onboard"):
            vehicle = syntax.prep_object(prep, None)
            if vehicle is None:
                continue
            classes = {lexicon.object_classes().get(syntax.lemma(t)) for t in (vehicle, *vehicle.children)}
            if "FLIGHT" in classes or lexicon.object_classes().get(syntax.lemma(vehicle)) == "TROOPS":
                return vehicle  # "on the flight", "aboard a U.S. Air Force C-17" (parsed with "Force" the head)
    return None


def _state_vehicle(vehicle: Token, ctx: SentenceContext, resolver: ActorResolver) -> Participant | None:
    """The state (or its forces) a vehicle's modifiers name: "a U.S. Air Force C-17", "a Mexican Navy plane"."""
    forces = resolver.actor_at(vehicle, ctx)
    if forces is not None and forces.entity.type == "GovernmentBody":
        return forces
    for child in vehicle.children:
        if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i < vehicle.i:
            named = resolver.modifier_actor(child, ctx)
            if named is not None and named.entity.type in _STATE_LIKE:
                return named
    return None


def _arrived(verb: Token) -> bool:
    """An arrival told as done ("1,466 migrants arrived in Assamaka"), not one the people attempt
    ("trying to reach Europe"), nor a crossing of their own ("boats reached the islands")."""
    return syntax.lemma(verb) in ("arrive", "land", "disembark") and not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def remover_named_on(people: Token, ctx: SentenceContext, resolver: ActorResolver) -> Participant:
    """The state a participle on the people names ("expelled from Algeria", "deported by the
    United States"), else the state whose plane they arrive on ("aboard a U.S. Air Force C-17"),
    else the story's removing state."""
    vehicle = _arrival_vehicle(people.head) if people.dep_ == "nsubj" else None
    owner = _state_vehicle(vehicle, ctx, resolver) if vehicle is not None else None
    for child in people.subtree:
        if child.dep_ in ("acl", "relcl", "amod") and syntax.lemma(child) in _REMOVED:
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            pobj = syntax.prep_object(agent, None) if agent is not None else syntax.prep_object(child, ("from", "by"))
            named = resolver.actor_at(pobj, ctx) if pobj is not None else None
            if named is not None and named.entity.type in _STATE_LIKE:
                return named
    return owner if owner is not None else STORY_STATE


def agentless(verb: Token) -> bool:
    """A passive (or passive participle) whose agent the sentence does not name."""
    if any(c.dep_ == "agent" for c in verb.children):
        return False
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN"
    ) or (verb.dep_ == "conj" and verb.tag_ in ("VBN", "VBD") and agentless(verb.head)
          and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in verb.children))


def story_actor(frame: Frame, ctx: SentenceContext, resolver: ActorResolver) -> list[Participant]:
    """The story's removing state for an agentless removal, detention or vehicle journey, when
    the people it moves are named; the article's two states for an agreement signed by no one named."""
    if "creates" in frame.coding.frame and frame.head.pos_ in ("VERB", "AUX") and agentless(frame.head):
        # "The pact was signed on Monday": by the two states the article is about, each with the other
        return ctx.memory.leading_states()
    if receives(frame) and frame.head.pos_ in ("VERB", "AUX") and agentless(frame.head):
        return _home_of_received(frame, ctx, resolver)
    if frame.coding.type == "MOBILIZE" and frame.head.pos_ in ("VERB", "AUX") and agentless(frame.head):
        # "the Marine police have been mobilised to beef up patrols": forces deployed with no one
        # named deploying them are the state's forces acting (their own mobilization)
        forces = syntax.patient(frame.head)
        body = resolver.resolve(forces, ctx.mentions, ctx.memory) if forces is not None else None
        return [body] if body is not None and body.entity.type == "GovernmentBody" and body.entity.sector in ("MIL", "COP") else []
    refusal = frame.coding.type == "REJECT"  # "40 children were denied permits": by the story's state
    if frame.head.pos_ == "NOUN" and is_removal(frame.coding):
        # "the deportation of 180 Afghans", "70 Haitians are awaiting deportation", with no deporter
        # named: the story's, when people are named
        people = syntax.prep_object(frame.head, ("of",)) or frame.about
        group = resolver.resolve(people, ctx.mentions, ctx.memory) if people is not None else None
        return [STORY_STATE] if group is not None and group.entity.type == "PopulationGroup" else []
    if not (is_removal(frame.coding) or "transfer" in frame.coding.frame or refusal) or frame.head.pos_ not in ("VERB", "AUX"):
        return []
    if "vehicle" in frame.coding.frame:
        return [STORY_STATE]
    if not agentless(frame.head):
        return []
    moved = syntax.patient(frame.head)
    if frame.chain:  # "a repatriation of 500 defectors was carried out": the people of the event noun
        moved = syntax.prep_object(frame.chain[0], ("of",)) or moved
    if moved is None and frame.head.dep_ == "conj":
        moved = syntax.patient(frame.head.head)  # "will be detained and returned to France"
    participant = resolver.resolve(moved, ctx.mentions, ctx.memory) if moved is not None else None
    pronoun = moved is not None and moved.lower_ in ("he", "she", "they", "him", "her", "them")
    if not pronoun and (participant is None or participant.entity.type not in ("PopulationGroup", "Person")):
        return []
    source = syntax.prep_object(frame.head, ("from",))
    origin = resolver.actor_at(source, ctx) if source is not None else None
    if origin is not None and origin.entity.type in _STATE_LIKE and is_removal(frame.coding):
        return [origin]  # "nationals who were being removed from the US": by the US
    if refusal and (participant is None or participant.entity.type != "PopulationGroup"):
        return []  # "the request was rejected", "he was refused": whose refusal, the story does not say
    if participant is None:
        return [STORY_STATE]  # "he was turned over to Salvadoran authorities": someone was
    if participant.entity.sector not in (None, "REF", "CRM"):
        return []  # "officials were detained": not a removal of migrants
    return [STORY_STATE]


def _home_of_received(frame: Frame, ctx: SentenceContext, resolver: ActorResolver) -> list[Participant]:
    """"190 Venezuelan migrants were received at Maiquetia": people taken in with no one named
    are taken in by their own state, when the article says whose they are (else no one is named)."""
    moved = syntax.patient(frame.head)
    people = resolver.resolve(moved, ctx.mentions, ctx.memory) if moved is not None else None
    if people is None or people.entity.type != "PopulationGroup" or not people.entity.country \
            or people.entity.country in entities.INTERNATIONAL:
        return []
    return [Participant(entities.country(resolver.gaz, people.entity.country), "")]


def acts_for_a_state(speaker: Participant | None) -> bool:
    """A speaker that acts for a state: a government, its police, army or border guards."""
    if speaker is None:
        return False
    entity = speaker.entity
    return entity.type in _STATE_LIKE or (entity.country is not None and entity.sector in ("GOV", "COP", "MIL", "JUD"))


def reported_own_act(frame: Frame, speaker: Participant | None, ctx: SentenceContext, resolver: ActorResolver) -> bool:
    """Did the state's speaker who reports an agentless arrest or removal make it ("Four
    Indonesians have been arrested, police said")? Not a removal of the speaker's own people:
    "1,800 Malian migrants have been expelled, according to Mali's minister" tells what another
    state did to them."""
    if not acts_for_a_state(speaker):
        return False
    if not frame.coding.moves_people:
        return True  # an arrest: police arrest their own nationals
    moved = syntax.patient(frame.head)
    people = resolver.resolve(moved, ctx.mentions, ctx.memory) if moved is not None else None
    return people is None or people.entity.country is None or people.entity.country != speaker.entity.country


def vehicle_operator(vehicle: Token, owner: Participant | None, ctx: SentenceContext, resolver: ActorResolver) -> Participant:
    """Who moves the people a vehicle carries: the state its modifiers name ("a U.S. military
    plane"), else the one named on its passengers ("Venezuelans deported from the United
    States"), else the story's removing state. An airline is no party to a removal."""
    if owner is not None and owner.entity.type in _STATE_LIKE:
        return owner
    carried = syntax.carried_token(vehicle)
    for holder in (carried, vehicle):  # "Venezuelans deported from the U.S.", "flights deported from the U.S."
        if holder is None:
            continue
        for child in holder.children:
            if child.dep_ in ("acl", "relcl") and child.tag_ == "VBN":
                agent = next((c for c in child.children if c.dep_ == "agent"), None)
                pobj = syntax.prep_object(agent, None) if agent is not None else syntax.prep_object(child, ("from",))
                named = resolver.actor_at(pobj, ctx) if pobj is not None else None
                if named is not None and named.entity.type in _STATE_LIKE:
                    return named
    departure = _departure_state(vehicle, ctx, resolver)
    return departure if departure is not None else STORY_STATE


# Verbs of a vehicle's departure: the state it leaves is the one removing its passengers.
_DEPARTING = ("leave", "depart", "take", "fly")


def _departure_state(vehicle: Token, ctx: SentenceContext, resolver: ActorResolver) -> Participant | None:
    """"An expulsion flight took off from Germany's Leipzig-Halle airport", "the charter left
    Madrid for Lagos": a removal flight's state of departure removes the people it carries."""
    verb = vehicle.head
    if vehicle.dep_ != "nsubj" or syntax.lemma(verb) not in _DEPARTING:
        return None
    if syntax.lemma(verb) == "take" and not any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children):
        return None
    place = syntax.prep_object(verb, ("from",)) or (syntax.direct_object(verb) if syntax.lemma(verb) == "leave" else None)
    if place is None:
        return None
    for token in (place, *(c for c in place.children if c.dep_ in ("poss", "compound", "amod", "nmod"))):
        named = resolver.modifier_actor(token, ctx)
        if named is not None and named.entity.type == "Country":
            return named
    return None


def carried_before(target: Participant | None, vehicle: Token, ctx: SentenceContext) -> tuple[Participant | None, bool]:
    """The people of "The plane landed around 2 p.m.", "deportation flights resumed": those the
    removal told just before carried, else the people just named (and whether they were taken
    from there); not those of "a flight", another one. A flight's own passengers are remembered."""
    memory = ctx.memory
    if target is not None:
        if target.entity.type == "PopulationGroup":
            memory.last_removal_people = (memory.sentence_index, target)
        return target, False
    if any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in vehicle.children):
        return None, False  # "A deportation flight landed on Thursday": another flight, its own people
    told = memory.last_removal_people
    if told is not None and _just_before(ctx, told[0]):
        return told[1], True
    people = memory.recent(memory.last_people, window=2)
    if people is not None and people.sector in ("REF", None):
        # "Mexico deported 100 Cubans ... deportation flights between Mexico and Cuba resumed": a
        # removal vehicle that names no one carries the people the story has just named
        return Participant(people, ""), True
    return None, False


def moved_people(vehicle: Token, ctx: SentenceContext, resolver: ActorResolver, journey: bool = False) -> Participant | None:
    """The people a vehicle carries; with `journey`, also the object of the journey's verb ("the
    plane carried 26 Iraqi citizens"), once the vehicle is known to be a removal's."""
    carried = syntax.carried_token(vehicle)
    if carried is None and journey and vehicle.dep_ == "nsubj" and syntax.lemma(vehicle.head) in syntax.CARRYING:
        carried = syntax.direct_object(vehicle.head)
    participant = resolver.resolve(carried, ctx.mentions, ctx.memory) if carried is not None else None
    return participant if participant is not None and participant.entity.type == "PopulationGroup" else None


def destination_state(vehicle: Token, actor: Participant, ctx: SentenceContext, resolver: ActorResolver) -> Participant | None:
    """The country a removal vehicle goes to ("a deportation flight to Kabul", "... landed in
    Guatemala"), when it is another state than the one removing (a place, whose nationals the
    flight may carry: destination_nationals)."""
    verb = vehicle.head if vehicle.dep_ in ("nsubj", "dobj") else None  # "... landed in", "sent a flight to"
    places = [syntax.prep_object(vehicle, ("to",))]
    if verb is not None:
        places += [syntax.prep_object(verb, ("to", "for", "in", "into"))]
    for place in places:
        if place is None:
            continue
        named = resolver.modifier_actor(place, ctx)
        if named is not None and named.entity.type == "Country" and named.entity.country != actor.entity.country:
            return named
    return None


def destination_nationals(vehicle: Token, actor: Participant, ctx: SentenceContext, resolver: ActorResolver) -> Participant | None:
    """"sent its first deportation flight to Cuba", no one named: a removal flight to a country
    carries its nationals, unless the article has named people of another nationality (the
    third-country removals of the Eswatini or South Sudan stories), when whose they are is unknown."""
    state = destination_state(vehicle, actor, ctx, resolver)
    if state is None or not state.entity.country or ctx.memory.nationalities - {state.entity.country}:
        return None
    return Participant(entities.group(resolver.gaz, "nationals", state.entity.country), "")


# Verbs whose object is not taken in: a removal participle on it describes people, not a removal.
_UNREALIZED = ("reject", "refuse", "deny", "decline", "oppose", "block")


def describes_people_of(verb: Token) -> Token | None:
    """The event not yet done that a removal participle describes the people of ("agreed to take
    in migrants deported from the United States", "would accept 250 migrants deported from the
    US", "rejecting flights of Venezuelans deported from the US"): the verb whose object they are,
    coded for its own sake (the agreement names the sender), the participle only saying who would
    come. None for people taken in ("grateful to Kosovo for receiving nationals removed from the
    United States": they were removed), a participle on a subject ("Five men deported by the
    United States arrived": the arrival is the removal), a detention, or no event."""
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBG") or syntax.lemma(verb) in ("detain", "hold", "arrest"):
        return None
    node = verb.head
    for _ in range(4):
        if node.dep_ in ("dobj", "nsubjpass") and node.head.pos_ == "VERB":
            host = node.head
            if not lexicon.is_predicate(syntax.lemma(host), "V"):
                return None
            unrealized = syntax.lemma(host) in _UNREALIZED or host.dep_ == "xcomp" or any(
                c.dep_ == "aux" and c.lower_ in ("will", "would", "could", "can", "may", "might", "to") for c in host.children)
            return host if unrealized else None
        if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ == "of":
            node = node.head.head  # "flights of Venezuelans deported ...": up to "flights"
            continue
        if node.dep_ == "conj":
            node = node.head
            continue
        return None
    return None


# ---------------------------------------------------------------------- reception
def sender(frame: Frame, actor: Entity, people: Token | None, ctx: SentenceContext, resolver: ActorResolver) -> Participant | None:
    """The state that sends the people or flights a reception takes in: "from Spain", "deported by
    the United States", "U.S. deportation flights"; else the story's removing state. Refugees a
    state hosts were sent by no one ("Lebanon hosts two million people from Syria": they fled)."""
    hosting = syntax.lemma(frame.head) == "host"
    candidates: list[Participant | None] = []
    for head in (frame.argument_head, people):
        if head is None:
            continue
        source = syntax.prep_object(head, ("from",))
        if source is not None and not hosting:
            candidates.append(resolver.actor_at(source, ctx))
    if people is not None:
        for child in people.children:  # "migrants deported by the United States", "deported from the U.S."
            if child.dep_ in ("acl", "relcl") and child.tag_ == "VBN":
                agent = next((c for c in child.children if c.dep_ == "agent"), None)
                pobj = syntax.prep_object(agent, None) if agent is not None else syntax.prep_object(child, ("from",))
                if pobj is not None:
                    candidates.append(resolver.actor_at(pobj, ctx))
        # "U.S. deportation flights", "U.S. deportees"; but "Syrian refugees" are Syria's
        # people, not sent by it (Lebanon hosting them cooperates with no one)
        if syntax.lemma(people) not in _PEOPLE_OF_A_NATION:
            for child in people.children:
                if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i < people.i:
                    named = ctx.mentions.get(child.i)
                    if syntax.lemma(people) in _REMOVED_PEOPLE and named is not None and named.kind == "ADJECTIVE":
                        continue  # "Venezuelan deportees" are Venezuelans, deported by someone else
                    candidates.append(resolver.modifier_actor(child, ctx))
    for candidate in candidates:
        if candidate is not None and candidate.entity.type in _STATE_LIKE and candidate.entity.country not in (None, actor.country):
            return candidate
    return None if hosting else STORY_STATE


# ---------------------------------------------------------------------- the article's end
def note(memory, statement: Statement) -> None:
    """Remember a removal the article tells: the sentence and the people removed (for the
    vehicles, arrivals and bare counts after it), and, when a state is named doing it or an
    arrest, that state as the story's removing state."""
    if statement.action.type != "COERCE" or statement.negated or statement.action.mode not in ("deport", "arrest"):
        return
    if statement.modality in ("planned", "hypothetical"):
        return  # "the UK's plan to send asylum seekers to Rwanda" in a Dutch story: not its removals
    if statement.action.mode == "deport":
        memory.last_removal = memory.sentence_index
        people = statement.target
        if people is not None and people.entity.type == "PopulationGroup":
            memory.last_removal_people = (memory.sentence_index, people)
            if people.entity.country:
                memory.removed_nationalities.add(people.entity.country)
    actor = statement.actor.entity
    if statement.actor is STORY_STATE or actor.id == STORY_STATE.entity.id:
        return
    if actor.country and (actor.type in _STATE_LIKE or (actor.type == "Person" and actor.sector in ("GOV", "COP"))):
        memory.story.removers[actor.country] += 1


def note_subject(story: Story, entity: Entity) -> None:
    """A state, one of its bodies or officials as the subject of a clause: the story is about it."""
    if entity.country and entity.country not in entities.INTERNATIONAL and (
        entity.type in _STATE_LIKE or (entity.type == "Person" and entity.sector in ("GOV", "COP", "MIL"))
    ):
        story.subjects[entity.country] += 1


def _pending(statement: Statement) -> list[str]:
    roles = []
    if statement.actor is STORY_STATE or statement.actor.entity.id == STORY_STATE.entity.id:
        roles.append("actor")
    if statement.target is not None and statement.target.entity.id == STORY_STATE.entity.id:
        roles.append("target")
    return roles


_REPATRIATING = ("repatriate", "repatriation")


def sent_home(people: Participant | None, destination: Participant | None, lemma: str, memory, gaz) -> Participant | None:
    """People removed to a state are its nationals when the article has named people of that
    state ("400,000 Afghans ... migrants have been deported to Afghanistan") or the removal is
    a repatriation; a third country's deportees keep no nationality the article has not given.
    People removed to no state named are of the one nationality of the people it has told removed."""
    if people is None or people.entity.type != "PopulationGroup" or people.entity.country:
        return people
    if destination is not None and destination.entity.type == "Country":
        home = destination.entity.country
        if home not in memory.nationalities and lemma not in _REPATRIATING:
            return people
    elif len(memory.removed_nationalities) == 1:
        # "how many nationals were sent" in a story whose removed people are all Nicaraguans
        home = next(iter(memory.removed_nationalities))
    else:
        return people
    label = people.entity.label
    # "migrants" become "Afghan migrants"; a bare count ("400,000", "others") becomes nationals
    counted = not label[:1].isalpha() or label.split()[0] in syntax.QUANTITY_HEADS or label == "others"
    return replace(people, entity=entities.group(gaz, "nationals" if counted else label, home,
                                                 people.entity.sector or "REF"))


def settle(statements: list[Statement], memory, gaz) -> list[Statement]:
    """Fill the roles left to the story, or drop the statements whose role the article never fills."""
    statements = _settle_home_parties(statements, memory, gaz)
    story, home_country = memory.story, memory.home_country
    if not any(_pending(s) for s in statements):
        return statements
    # the states that remove people in the story, weighed with those it is about
    scores = Counter({country: 2 * n for country, n in story.removers.items()})
    scores.update(story.subjects)
    ranked = [c for c, _ in scores.most_common()]
    if home_country:
        ranked.append(home_country)
    # last, the states the text names most ("Moroccan nationals are sent back to Morocco" in a
    # story about Ceuta that names Spain more than any state but Morocco)
    named = sorted(memory.state_mentions.items(), key=lambda item: -item[1][0])
    ranked += [c for c, (n, _) in named if n >= 2 and c not in ranked and c not in entities.INTERNATIONAL]
    settled = []
    for statement in statements:
        roles = _pending(statement)
        if not roles:
            settled.append(statement)
            continue
        excluded = {p.entity.country for p in (statement.destination, statement.target if "target" not in roles else None,
                                               statement.actor if "actor" not in roles else None) if p is not None}
        if "target" in roles:
            excluded |= story.receivers  # a state taking people in is not the one sending them
        state = next((c for c in ranked if c not in excluded), None)
        if state is None:
            if "actor" in roles or statement.action.type in REQUIRES_RECIPIENT:
                continue  # the article never says who: no event
            settled.append(replace(statement, target=None))  # "agreed to accept deportees": from no one named
            continue
        participant = Participant(entities.country(gaz, state), "")
        changes = {role: participant for role in roles}
        settled.append(replace(statement, **changes, inferred=tuple(roles), cues=statement.cues + ("story-role",)))
    return _one_per_reading(settled)


def _home(party: Participant | None) -> bool:
    return party is not None and party.entity.id.startswith(entities.HOME_PARTY)


def _settle_home_parties(statements: list[Statement], memory, gaz) -> list[Statement]:
    """"Police detained 30 migrants": the police of the state the story is about — its
    dateline's, else the one whose bodies its clauses are most about, else the one it names most
    (its places counted: "Aceh" is Indonesia)."""
    if not any(_home(p) for s in statements for p in (s.actor, s.target, s.attributed_to)):
        return statements
    state = memory.home_country
    if state is None:
        about = Counter({code: count for code, (count, _) in memory.state_mentions.items()})
        about.update(memory.place_states)
        about.update({code: 2 * n for code, n in memory.story.subjects.items()})
        # on a tie, the state whose places the story is told in ("heading to Malaysia ... off Aceh")
        state = max(about, key=lambda code: (about[code], memory.place_states[code])) if about else None
    settled = []
    for statement in statements:
        changes, roles = {}, []
        for role in ("actor", "target", "attributed_to"):
            party = getattr(statement, role)
            if _home(party):
                changes[role] = replace(party, entity=entities.home_party_of(gaz, party.entity, state)) if state else None
                roles.append(role)
        if not changes:
            settled.append(statement)
            continue
        actor, target = changes.get("actor", statement.actor), changes.get("target", statement.target)
        if actor is None or (target is not None and target.entity.type in _STATE_LIKE
                             and target.entity.country == actor.entity.country):
            continue  # the article never says whose, or it is a state acting on itself: no event
        inferred = tuple(dict.fromkeys(statement.inferred + tuple(r for r in roles if r != "attributed_to")))
        settled.append(replace(statement, **changes, inferred=inferred, cues=statement.cues + ("story-role",)))
    return settled


def _one_per_reading(statements: list[Statement]) -> list[Statement]:
    """A role the story filled may make a statement the sentence already has ("migrants expelled
    from Algeria keep arriving": the participle by the story's state, the arrival by Algeria):
    keep the one the sentence states."""
    def key(s: Statement):
        return (s.char_start, s.actor.entity.id, s.action.type, s.action.mode,
                s.target.entity.id if s.target else None, s.negated)

    stated = {key(s) for s in statements if not s.inferred}
    return [s for s in statements if not s.inferred or key(s) not in stated]


__all__ = ["STORY_STATE", "Story", "agentless", "is_removal", "moved_people", "note", "receives", "sender",
           "settle", "story_actor", "vehicle_frame"]
