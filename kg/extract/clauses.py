"""Reading a parsed sentence into actor–action–target statements.

For every predicate the lexicon knows (verbs, light verb + event noun, event
nouns with a stated actor) the reader finds:

- the **actor**: the subject; the by-agent of a passive; the subject inherited
  through control ("Mexico refused to allow …"), coordination ("rejected the
  idea and denied claims"), relative and participial clauses;
- the **target**: an actor named as indirect or direct object, in a
  prepositional role the lexicon gives ("agree with", "impose on"), or as the
  owner of the thing acted upon ("denied the U.S. permission", "rejected
  American deportation flights"); otherwise the thing itself;
- roles of movement: destination ("to Panama") and origin ("from Guantanamo");
- negation, modality and attribution (modality.py), and the date (dates.py).

Discourse verbs ("follows", "highlights") and speech verbs are not events;
speech verbs attribute the events of their complement to their subject.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Span, Token

from kg.extract import dates, entities, lexicon, modality
from kg.extract.actors import ACTOR_TYPES, ActorResolver, ArticleMemory, Mention, _antecedent, _compound_lemma, _lemma
from kg.extract.lexicon import Coding, _rows
from kg.model import Action, Article, Entity, Participant, Statement
from kg.resources import lexicon_dir

_PASSIVE_DEPS = ("nsubjpass", "auxpass")
_VERB_POS = ("VERB",)
_EVENT_NOUN_POS = ("NOUN", "PROPN")
_MOVE_DESTINATION = ("to", "into", "toward", "towards")
_MOVE_ORIGIN = ("from", "out")
_ALWAYS_TARGET_PREPS = ("against",)
# Types that stay events when their object is a statement ("rejected the statement").
_JUDGING = ("REJECT", "ACCUSE", "SUPPORT")
# Particles the parser sometimes labels as adverbs ("turned back", "pushed migrants back").
_PARTICLES = ("back", "away", "down", "off", "out", "up", "in", "around")
# Heads that measure what follows "of" ("decades of cooperation", "12 of the migrants").
_MEASURES = ("decade", "year", "month", "series", "number", "dozen", "hundred", "thousand", "group", "batch", "wave",
             "round", "pound", "kilogram", "kilo", "ton", "tonne", "gram", "dose", "pill", "load", "shipment")
# Judicial findings: "ruled that the plan was unlawful".
_RULING_VERBS = ("rule", "find", "declare", "deem", "judge", "hold")
_UNLAWFUL = ("unlawful", "illegal", "unconstitutional", "invalid", "void", "discriminatory", "illegitimate", "arbitrary")
# Adjectives whose subject is the object of their complement ("hard to deport").
_TOUGH = ("hard", "easy", "difficult", "impossible", "tough", "simple", "costly", "expensive", "slow", "quick")
# Clauses with predicates of their own: their dates are theirs.
_OTHER_CLAUSES = ("ccomp", "xcomp", "advcl", "relcl", "conj", "parataxis", "csubj")
# PLOVER: "Requires recipient: Yes".
_REQUIRES_RECIPIENT = ("COOPERATE", "SANCTION")  # AID too in PLOVER, but aid announced for no one is still aid
# Prepositions behind which a thing's owner or addressee stands ("tariffs on Colombian goods").
_OWNER_PREPS = ("on", "against", "for", "from", "with", "to", "by", "into", "over", "about", "at")
# Types whose coordinated actors act towards each other.
_RECIPROCAL = ("CONSULT", "AGREE", "SUPPORT", "COOPERATE")
# Verbal conflict is never directed at the actor's own nationals by way of a thing they own.
_CONFLICT_VERBAL = ("ACCUSE", "REJECT", "THREATEN", "PROTEST")
# Nouns of intention whose infinitive is an intended event ("plans to deport", "its threat to impose").
_INTENTION_NOUNS = ("plan", "intention", "intent", "threat", "promise", "pledge", "bid", "attempt", "effort",
                    "decision", "offer", "commitment", "agreement", "proposal", "willingness", "readiness", "move")
# Nouns naming agreements: events only with a complement ("agreement to accept").
_AGREEMENT_NOUNS = ("agreement", "deal", "pact", "accord", "memorandum", "arrangement", "treaty", "commitment", "pledge", "promise", "offer")
# Nouns that, with "the two"/"both", stand for the two sides of the last meeting.
_PAIR_NOUNS = ("leader", "president", "government", "country", "nation", "side", "party", "minister", "official", "delegation")


@cache
def discourse_verbs() -> frozenset[str]:
    return frozenset(cells[0] for cells in _rows(lexicon_dir() / "discourse_verbs.tsv"))


@dataclass
class SentenceContext:
    """Everything the reader needs about the sentence being read."""

    sent: Span
    mentions: dict[int, Mention]
    memory: ArticleMemory
    article: Article
    offset: int  # where the sentence's doc starts in the article text
    extractor: str
    quoted_speaker: Participant | None = None  # a speaker introducing this sentence with a colon
    consumed: set[int] = field(default_factory=set)  # event nouns already coded inside a verb's statement


@dataclass(frozen=True)
class Frame:
    """A predicate with its coding, before participants are resolved."""

    head: Token  # the predicate token (verb or event noun)
    coding: Coding
    lemma: str
    words: str  # "has denied"
    argument_head: Token  # whose arguments give the target (embedded verb under control)
    governor: Token | None = None  # the verb whose direct object is the target ("asked Mexico to")
    argument_coding: Coding | None = None  # the embedded predicate's coding, for its target prepositions
    inverse: bool = False  # "X drew condemnation from Y": Y acts, X (or its owner) is the target
    about: Token | None = None  # what a judgment is about ("ruled that the plan was unlawful")
    chain: tuple[Token, ...] = ()  # verbs between the predicate and the clause it sits in


class ClauseReader:
    def __init__(self, resolver: ActorResolver):
        self.resolver = resolver

    # ================================================================== entry point
    def read(self, ctx: SentenceContext) -> list[Statement]:
        statements: list[Statement] = []
        for token in ctx.sent:
            if (token.pos_ in _VERB_POS and token.dep_ not in ("aux", "auxpass")) or _willing(token):
                frame = self._verb_frame(token, ctx)
                if frame is not None:
                    statements.extend(self._statements(frame, ctx))
        for token in ctx.sent:
            if token.pos_ in _EVENT_NOUN_POS and token.i not in ctx.consumed:
                frame = self._noun_frame(token, ctx)
                if frame is not None:
                    statements.extend(self._statements(frame, ctx, nominal=True))
        self._remember_subjects(ctx)
        return _unique(statements)

    # ================================================================== frames
    def _verb_frame(self, verb: Token, ctx: SentenceContext) -> Frame | None:
        lemma = _phrasal_lemma(verb)
        base = _lemma(verb)
        if _governed(verb):
            return None  # coded at the verb that governs it ("refused to allow")
        if not _own_event(verb):
            return None  # a purpose, reason or condition of another event, or inside a threat
        if _lemma(verb) in _RULING_VERBS:
            unlawful = _unlawful_clause(verb)
            if unlawful is not None:
                # "the Supreme Court ruled that the plan was unlawful": a finding against (CAMEO 116)
                coding = lexicon.coding_for(lexicon.PredicateRow("rule", "V", "*", "116", None, None, frozenset()))
                subject = next((c for c in unlawful.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                return Frame(verb, coding, _lemma(verb), _verb_words(verb), argument_head=unlawful, about=subject)
        if modality.is_reporting(verb):
            return None
        xcomp = _verbal_complement(verb)
        behaviour = lexicon.complement_verbs().get(lemma) or lexicon.complement_verbs().get(base)
        if xcomp is not None and behaviour is not None and behaviour[0] == "planned" and (
            _direct_object(verb) is not None or any(c.dep_ == "nsubj" for c in xcomp.children)
        ):
            behaviour = ("govern-object", "100")  # "expects all nations to cooperate": a demand
        if xcomp is not None and behaviour is not None:
            kind, cameo = behaviour
            if kind in ("govern", "govern-object"):
                coding = lexicon.coding_for(
                    lexicon.PredicateRow(base, "V", "*", cameo, None, None, frozenset())
                )
                embedded = _embedded_coding(xcomp, self, ctx)
                if coding.type == "THREATEN" and embedded is not None:
                    coding = _threat_mode(coding, embedded)
                self._consume_objects(xcomp, ctx)
                return Frame(
                    verb, coding, base, _verb_words(verb), argument_head=xcomp,
                    governor=verb if kind == "govern-object" else None,
                    argument_coding=embedded,
                )
            return None  # transparent: the complement is the event
        if lemma in discourse_verbs() and lemma not in ("call",) and (
            not lexicon.is_predicate(lemma, "V") or any(c.dep_ in ("dobj", "ccomp") for c in verb.children)
        ):
            return None  # "demonstrates the scale" is discourse; "activists demonstrated" is not
        coding = self._coding(verb, lemma, ctx) or (self._coding(verb, base, ctx) if lemma != base else None)
        if coding is None:
            return None
        if coding.is_light:
            patient = _patient(verb)
            if patient is None:
                return None
            noun_coding = self._noun_coding(patient, ctx)
            if noun_coding is None:
                return None
            ctx.consumed.add(patient.i)
            return Frame(verb, noun_coding, _lemma(patient), _verb_words(verb) + " " + patient.text,
                         argument_head=verb, chain=(patient,), inverse="inverse" in coding.frame)
        return Frame(verb, coding, lemma, _verb_words(verb), argument_head=verb)

    def _coding(self, verb: Token, lemma: str, ctx: SentenceContext) -> Coding | None:
        if not lexicon.is_predicate(lemma, "V"):
            return None
        if lemma == "call" and any(c.dep_ in ("oprd", "ccomp", "xcomp") for c in verb.children):
            return None  # "called it an administrative matter": naming, not a call
        patient = _patient(verb)
        classes = self._classes(patient, ctx) if patient is not None else ()
        for second in verb.children:  # "paid Rwanda 240 million pounds": both objects count
            if second.dep_ in ("dobj", "dative", "npadvmod") and (patient is None or second.i != patient.i) and second.pos_ in ("NOUN", "PROPN"):
                classes += self._classes(second, ctx)
        if not classes:
            classes = self._prepositional_classes(verb, ctx)
        coding = lexicon.lookup(lemma, "V", classes)
        if coding is not None and "DISCOURSE" in classes and coding.type not in _JUDGING:
            return None  # "released a statement", "requested anonymity": talk about talk
        return coding

    def _noun_coding(self, noun: Token, ctx: SentenceContext) -> Coding | None:
        of_object = _prep_object(noun, ("of",))
        classes = self._classes(of_object, ctx) if of_object is not None else ()
        coding = lexicon.lookup(_compound_lemma(noun), "N", classes) or lexicon.lookup(_lemma(noun), "N", classes)
        if coding is None and noun.lower_ == "talks":
            coding = lexicon.lookup("talks", "N", classes)
        if coding is None and lexicon.object_classes().get(_lemma(noun)) == "FLIGHT":
            # "deportation flights": the event is the compound, the head the vehicle
            for compound in noun.lefts:
                if compound.dep_ == "compound":
                    coding = lexicon.lookup(_lemma(compound), "N", ())
                    if coding is not None:
                        break
        return coding

    def _noun_frame(self, noun: Token, ctx: SentenceContext) -> Frame | None:
        coding = self._noun_coding(noun, ctx)
        if coding is None or coding.type is None:
            return None
        if noun.dep_ in ("compound",):
            return None  # coded at the head ("deportation flights")
        if noun.pos_ == "PROPN" or (noun.text[:1].isupper() and noun.i > noun.sent.start):
            return None  # part of a name ("U.S.-Mexico-Canada Agreement", "Safe Mobility Office Initiative")
        if noun.dep_ == "appos":
            return None  # "visited Panama, his first trip abroad": the verb already says it
        if coding.type == "AGREE" and _lemma(noun) in _AGREEMENT_NOUNS and not any(
            c.dep_ in ("acl", "relcl") and any(t.dep_ == "aux" and t.lower_ == "to" for t in c.children) for c in noun.children
        ):
            return None  # "Rome's deal with Tirana" names an agreement; "Colombia's agreement to accept" is one
        if _patient_of_event(noun) and not _explicit_agent(noun):
            # "rejected the U.S. deportation flight" is one event; "refused to approve the
            # government's detention of 12 migrants" is two: the possessive states an agent
            return None
        return Frame(noun, coding, _lemma(noun), noun.text, argument_head=noun)

    def _classes(self, token: Token, ctx: SentenceContext) -> tuple[str, ...]:
        """Object classes of a noun phrase head: lexical class first, then what it names."""
        found = []
        table = lexicon.object_classes()
        if _lemma(token) in _MEASURES or token.pos_ == "NUM":
            inner = _prep_object(token, ("of",))
            if inner is not None:
                token = inner  # "decades of military cooperation", "12 of the migrants"
        for key in (_compound_lemma(token), _lemma(token), token.lower_):
            if key in table:
                found.append(table[key])
                break
        for modifier in token.lefts:  # "tariff order", "visa sanctions", "repatriation flights"
            if modifier.dep_ == "compound" and _lemma(modifier) in table:
                found.append(table[_lemma(modifier)])
        participant = self.resolver.resolve(token, ctx.mentions, ctx.memory)
        if participant is not None:
            kind = participant.entity.type
            if kind == "PopulationGroup":
                found.append("GROUP")
            if kind == "Person":
                found.append("PERSON")
            if kind == "Country":
                found.append("STATE")
            if kind in ACTOR_TYPES:
                found.append("ACTOR")
        return tuple(dict.fromkeys(found))

    def _prepositional_classes(self, verb: Token, ctx: SentenceContext) -> tuple[str, ...]:
        """"cracked down on migrants", "imposed tariffs on": the object behind a particle/preposition."""
        for prep in verb.children:
            if prep.dep_ == "prep":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        classes = self._classes(pobj, ctx)
                        if classes:
                            return classes
        return ()

    def _consume_objects(self, verb: Token, ctx: SentenceContext) -> None:
        patient = _patient(verb)
        if patient is not None and not _explicit_agent(patient):
            ctx.consumed.add(patient.i)

    # ================================================================== statements
    def _statements(self, frame: Frame, ctx: SentenceContext, nominal: bool = False) -> list[Statement]:
        if frame.inverse:
            return self._inverse_statements(frame, ctx)
        actors = self._nominal_actors(frame, ctx) if nominal else self._actors(frame.head, ctx)
        if "official" in frame.coding.frame:
            actors = [a for a in actors if a.entity.type != "PopulationGroup"]
        if not actors:
            return []
        stance = modality.read(frame.head, ctx, self, nominal=nominal)
        results = []
        for actor in actors:
            target, obj = self._target(frame, actor.entity, ctx, nominal)
            more = self._coordinated_targets(frame, target, ctx, nominal)
            others = [a for a in actors if _other_side(a, actor)]
            if _reciprocal(frame.coding) and others and not stance.negated and (
                target is None or target.entity.type not in ACTOR_TYPES
            ):
                # "Panama and Guatemala agreed", "the two leaders discussed": each side acts
                # towards the other (dyadic coding of reciprocal events, as in CAMEO)
                pairs = [(other, obj) for other in others]
            else:
                pairs = [(target, obj)] + [(extra, obj) for extra in more]
            for target, obj in pairs:
                if frame.coding.type == "MOBILIZE" and _own_forces(actor, target):
                    # "Peru sent army units to Tacna": a state's own troops are what it mobilizes, not its target
                    target, obj = None, obj or target.text
                statement = self._statement(frame, ctx, actor, target, obj, stance, nominal)
                if statement.action.type in _REQUIRES_RECIPIENT and statement.target is None:
                    continue  # "Mexico cooperates on immigration": no one to cooperate with, no event
                if statement.action.type == "CONSULT" and statement.target is not None and statement.target.entity.type == "Object":
                    continue  # "speak to the press": talks need a party
                if statement.action.type == "CONSULT" and statement.target is None and len(actors) == 1 \
                        and frame.coding.mode != "visit":
                    continue  # "Petro spoke on Sunday": one party talking is not a consultation
                results.append(statement)
        for statement in results:
            if statement.action.type == "CONSULT" and statement.target is not None and statement.target.entity.type in ACTOR_TYPES:
                ctx.memory.last_pair = (ctx.memory.sentence_index, (statement.actor, statement.target))
        return results

    def _statement(self, frame, ctx, actor, target, obj, stance, nominal) -> Statement:
        destination, origin = self._movement(frame, ctx) if frame.coding.moves_people else (None, None)
        coding = _adjust(frame.coding, frame.lemma, actor, target, stance.modality)
        date, date_text = self._date(frame, ctx, future=stance.modality == "planned")
        return Statement(
            article=ctx.article.id,
            sentence=ctx.sent.text.strip(),
            char_start=ctx.offset + ctx.sent.start_char,
            char_end=ctx.offset + ctx.sent.end_char,
            actor=actor,
            action=Action(frame.words, frame.lemma, coding.type, coding.cameo, coding.mode),
            target=target,
            object=obj,
            negated=stance.negated,
            modality=stance.modality,
            attributed_to=stance.speaker,
            date=date or ctx.article.date,
            date_text=date_text,
            destination=destination,
            origin=origin,
            confidence=_confidence(actor, target, coding, nominal),
            extractor=ctx.extractor,
            predicate_offset=ctx.offset + frame.head.idx,
        )

    def _inverse_statements(self, frame: Frame, ctx: SentenceContext) -> list[Statement]:
        """"Italy's transfer of migrants drew condemnation from rights groups": the groups accuse Italy."""
        verb = frame.head
        noun = frame.chain[0] if frame.chain else None
        source = _prep_object(verb, ("from",)) or (_prep_object(noun, ("from",)) if noun is not None else None)
        if source is None:
            return []
        actors = [p for t in (source, *source.conjuncts) for p in self._actors_in_phrase(t, ctx)]
        if not actors:
            return []
        target = None
        for subject in subject_tokens(verb):
            target = self._actor_at(subject, ctx) or self._owner(subject, ctx)
            if target is None:
                nominal = [c for c in subject.children if c.dep_ == "poss"]
                target = next((p for p in (self._modifier_actor(c, ctx) for c in nominal) if p), None)
            if target is not None:
                break
        stance = modality.read(verb, ctx, self)
        return [self._statement(frame, ctx, actor, target, None, stance, False) for actor in actors]

    # ------------------------------------------------------------------ actors
    def _actors(self, verb: Token, ctx: SentenceContext) -> list[Participant]:
        found = []
        for token in subject_tokens(verb):
            pair = _pair(token, ctx.memory)
            if pair:
                found.extend(pair)
                continue
            participant = self.resolver.resolve(token, ctx.mentions, ctx.memory)
            if participant is None and lexicon.object_classes().get(_lemma(token)) == "FLIGHT":
                participant = self._operator(token, ctx)
            if participant is not None and participant.entity.type in ACTOR_TYPES:
                found.append(participant)
        return found

    def _operator(self, vehicle: Token, ctx: SentenceContext) -> Participant | None:
        """"A second U.S. military plane will deport migrants": the vehicle's state acts (its military)."""
        owner = self._modifier_owner(vehicle, ctx)
        if owner is None or owner.entity.type != "Country":
            return owner
        if any(c.lower_ == "military" for c in vehicle.children):
            gaz = self.resolver.gaz
            return Participant(entities.organ(gaz, owner.entity.country, "MIL", "{country} armed forces"), owner.text)
        return owner

    def _nominal_actors(self, frame: Frame, ctx: SentenceContext) -> list[Participant]:
        """"Mexico's refusal", "the Pentagon's deployment", "U.S. deportation flights", "… by Italy"."""
        noun = frame.head
        candidates = [c for c in noun.children if c.dep_ == "poss"]
        candidates += [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i]
        agent = _prep_object(noun, ("by", "under") if frame.coding.moves_people else ("by", "under", "from"))
        undergoes = frame.coding.moves_people or frame.coding.type in ("COERCE", "RETREAT")
        for candidate in candidates:
            participant = self._modifier_actor(candidate, ctx)
            if participant is None:
                continue
            if undergoes and participant.entity.type in ("PopulationGroup", "Person") and participant.entity.sector in ("REF", None):
                continue  # "their impending deportation": the possessor is deported, not deporting
            return [participant]
        if agent is None:
            for child in noun.children:  # "the visa sanctions issued by the State Department"
                if child.dep_ == "acl" and child.tag_ == "VBN":
                    by = next((c for c in child.children if c.dep_ == "agent"), None)
                    agent = _prep_object(by, None) if by is not None else None
                    if agent is not None:
                        break
        if agent is not None:
            participant = self._modifier_actor(agent, ctx)
            if participant is not None:
                return [participant]
        between = _prep_object(noun, ("between",))
        if frame.coding.type == "CONSULT" and between is not None:
            sides = [p for t in (between, *between.conjuncts) if (p := self._actor_at(t, ctx)) is not None]
            if len(sides) >= 2:
                return sides  # "a meeting in Caracas between Maduro and Grenell"
        if frame.coding.type == "CONSULT" and noun.dep_ == "pobj" and noun.head.lower_ in ("after", "following", "during", "in", "at"):
            verb = noun.head.head
            if verb.pos_ in ("VERB", "AUX"):
                return self._actors(verb, ctx)  # "resumed them after talks with Grenell"
        return []

    def _modifier_actor(self, token: Token, ctx: SentenceContext) -> Participant | None:
        """An actor named by a modifier: "Mexico's", "U.S.", "Mexican", "Trump's"."""
        mention = ctx.mentions.get(token.i)
        if mention is not None and mention.kind == "ADJECTIVE":
            entity = entities.country(self.resolver.gaz, mention.entries[0].key)
            return Participant(entity, token.text)
        participant = self.resolver.resolve(token, ctx.mentions, ctx.memory)
        if participant is not None and participant.entity.type in ACTOR_TYPES:
            return participant
        return None

    # ------------------------------------------------------------------ targets
    def _target(
        self, frame: Frame, actor: Entity, ctx: SentenceContext, nominal: bool
    ) -> tuple[Participant | None, str | None]:
        head = frame.argument_head
        if nominal and frame.coding.moves_people:
            carried = self._carried_group(head, ctx)  # "deportation … of Asian migrants", "flights carrying 80 migrants"
            if carried is not None:
                return carried, _object_text(carried_token(head), None)
        preps = tuple(frame.coding.target_prepositions()) + _ALWAYS_TARGET_PREPS
        if frame.argument_coding is not None:
            preps += frame.argument_coding.target_prepositions()
        if nominal:
            preps += ("to", "with", "against", "on")
        candidates: list[Participant | None] = []
        objects: list[Token] = []
        if frame.about is not None:
            candidates.append(self._actor_at(frame.about, ctx) or self._owner(frame.about, ctx, exclude=actor))
        if frame.governor is not None:
            governed = _direct_object(frame.governor)
            if governed is not None:
                addressed = self._actor_at(governed, ctx) or self._owner(governed, ctx, exclude=actor)
                if addressed is None and governed.pos_ in ("NOUN", "PROPN"):
                    addressed = self._thing(governed, ctx)  # "urged governments to respect …"
                candidates.append(addressed)
        dative = next((c for c in head.children if c.dep_ in ("dative", "iobj")), None)
        if dative is not None and dative.dep_ != "prep":
            candidates.append(self._actor_at(dative, ctx))
        patient = _prep_object(head, ("of",)) if nominal else _patient(head)
        if patient is not None and "instrument" not in frame.coding.frame and self._actor_at(patient, ctx) is None:
            domestic = self._domestic(patient, actor)
            if domestic is not None:
                return domestic, _object_text(patient, None)
        if patient is not None and patient.tag_ == "PRP" and patient.lower_ in ("them", "it") and head.dep_ == "conj":
            shared = _direct_object(head.head)
            if shared is not None:
                patient = shared
        instrument = None
        if "instrument" in frame.coding.frame:
            instrument, patient = patient, None  # the troops deployed are the means, not the target
        if patient is not None:
            objects.append(patient)
            candidates.append(self._actor_at(patient, ctx, exclude=actor))
        for prep in head.children:
            if prep.dep_ in ("prep", "dative") and prep.lower_ in preps:
                if frame.coding.moves_people and prep.lower_ in _MOVE_DESTINATION + _MOVE_ORIGIN:
                    continue
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        for token in (pobj, *pobj.conjuncts):
                            candidates.append(self._actor_at(token, ctx) or self._owner(token, ctx))
        if patient is not None:
            candidates.append(self._owner(patient, ctx, exclude=actor, movement=frame.coding.moves_people))
        elif instrument is not None and _lemma(instrument) not in ("troop", "soldier", "force", "personnel"):
            candidates.append(self._owner(instrument, ctx, exclude=actor))  # "burned an effigy of Trump"
        for candidate in candidates:
            if candidate is None or candidate.entity.id == actor.id:
                continue
            if frame.coding.type in _CONFLICT_VERBAL and candidate.entity.type == "PopulationGroup" \
                    and candidate.entity.country is not None and candidate.entity.country == actor.country:
                continue  # "Brazil protested the treatment of its nationals": not a protest against them
            return candidate, _object_text(patient, candidate) if patient is not None else None
        if frame.coding.type in ("PROTEST", "ACCUSE") and not nominal:
            # "marched … to protest immigration raids by ICE", "demonstrated, chanting slogans against X"
            for purpose in head.children:
                if purpose.dep_ == "advcl" and (purpose.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in purpose.children)):
                    aim = _patient(purpose)
                    if aim is not None:
                        found = self._actor_at(aim, ctx) or self._owner(aim, ctx, exclude=actor)
                        if found is not None:
                            return found, _object_text(aim, found)
        if frame.coding.type == "REQUEST":
            demanded = _clause_subject(head)  # "demanding that Washington treat …"
            if demanded is not None:
                participant = self._actor_at(demanded, ctx)
                if participant is not None and participant.entity.id != actor.id:
                    return participant, None
        creates = "creates" in frame.coding.frame or bool(frame.chain)  # "reached an agreement", "held talks"
        if patient is not None and not creates:
            thing = self._thing(patient, ctx)
            if thing is not None:
                return thing, _object_text(patient, None)
        if patient is None:  # "agreed only to civilian repatriation flights"
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in frame.coding.target_prepositions():
                    pobj = _prep_object(prep, None)
                    if pobj is not None:
                        thing = self._thing(pobj, ctx)
                        if thing is not None:
                            return thing, _object_text(pobj, None)
        return None, _object_text(patient, None) if patient is not None else None

    def _domestic(self, token: Token, actor: Entity) -> Participant | None:
        """"Meloni accused some judges", "the Supreme Court blocked the administration": an unnamed
        organ of the state acted upon belongs to the actor's own state (domestic politics)."""
        from kg.extract.actors import actor_nouns

        noun = actor_nouns().get(_lemma(token))
        if noun is None or noun.kind not in ("organ", "state") or actor.country is None or actor.type == "Country":
            return None
        if _lemma(token) in ("ruling", "judgment", "verdict"):
            return None  # "criticized the ruling": a decision, not the court
        if actor.country in entities.INTERNATIONAL or _lemma(token) in ("country", "nation", "state", "side", "counterpart"):
            return None
        if any(c.dep_ in ("poss", "amod", "compound") for c in token.children if c.i < token.i and c.lower_ not in ("some", "several")):
            return None
        gaz = self.resolver.gaz
        entity = entities.organ(gaz, actor.country, noun.sector, noun.label) if noun.kind == "organ" else entities.country(gaz, actor.country)
        return Participant(entity, token.text)

    def _coordinated_targets(self, frame: Frame, target: Participant | None, ctx: SentenceContext, nominal: bool) -> list[Participant]:
        """"received 238 Tren de Aragua members and 23 MS-13 gang members": one target per conjunct."""
        if target is None or target.entity.type not in ACTOR_TYPES or nominal:
            return []
        patient = _patient(frame.argument_head)
        if patient is None or self._actor_at(patient, ctx) is None:
            return []
        found = []
        for conj in patient.conjuncts:
            participant = self._actor_at(conj, ctx) or self._owner(conj, ctx)
            if participant is not None and participant.entity.id != target.entity.id:
                found.append(participant)
        return found

    def _actors_in_phrase(self, token: Token, ctx: SentenceContext) -> list[Participant]:
        """The phrase's actor, or, when its head is generic ("the Italian opposition and rights
        groups" parsed with "groups" as head), the actors its modifiers name."""
        own = self._actor_at(token, ctx)
        if own is not None:
            return [own]
        found = []
        for child in token.children:
            if child.dep_ in ("nmod", "compound") and child.i < token.i:
                for t in (child, *child.conjuncts):
                    participant = self._actor_at(t, ctx)
                    if participant is not None:
                        found.append(participant)
        return found

    def _carried_group(self, head: Token, ctx: SentenceContext) -> Participant | None:
        token = carried_token(head)
        if token is None:
            return None
        participant = self.resolver.resolve(token, ctx.mentions, ctx.memory)
        return participant if participant is not None and participant.entity.type == "PopulationGroup" else None

    def _actor_at(self, token: Token, ctx: SentenceContext, exclude: Entity | None = None) -> Participant | None:
        participant = self.resolver.resolve(token, ctx.mentions, ctx.memory, exclude=exclude)
        if participant is None or participant.entity.type not in ACTOR_TYPES:
            return None
        return participant

    def _owner(
        self, token: Token, ctx: SentenceContext, exclude: Entity | None = None, depth: int = 0, movement: bool = False
    ) -> Participant | None:
        """The party a thing belongs to: "the U.S. permission", "American flights", "Mexico's request",
        "decades of cooperation with the United States" (not the actor itself: "its border with Russia")."""

        def usable(participant: Participant | None) -> bool:
            return participant is not None and (exclude is None or participant.entity.id != exclude.id)

        for child in token.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < token.i:
                participant = self._modifier_actor(child, ctx)
                if usable(participant):
                    return participant
        of_object = _prep_object(token, ("of",))
        if of_object is not None:
            found = self._actor_at(of_object, ctx)
            if not usable(found) and depth < 2:
                found = self._owner(of_object, ctx, exclude, depth + 1)
            if usable(found):
                return found
        for child in token.children:  # "claims made by Mr. Trump", "flights operated by the U.S."
            if child.dep_ == "acl" and child.tag_ == "VBN":
                agent = next((c for c in child.children if c.dep_ == "agent"), None)
                pobj = _prep_object(agent, None) if agent is not None else None
                if pobj is not None:
                    found = self._actor_at(pobj, ctx) or self._modifier_owner(pobj, ctx)
                    if usable(found):
                        return found
        if lexicon.object_classes().get(_lemma(token)) in ("CLAIM", "DISCOURSE"):
            # "allegations that Greek border guards pushed migrants back": what the claim is about
            for child in token.children:
                if content_clause(child) or (child.dep_ == "acl" and any(c.dep_ == "mark" for c in child.children)):
                    subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
                    found = self._actor_at(subject, ctx) if subject is not None else None
                    if usable(found):
                        return found
        # "tariffs on Colombian goods", "a memorandum with the United States", "explanations from Washington"
        movement = movement or _moves_people(token)
        for prep in token.children:
            if movement and prep.lower_ in _MOVE_DESTINATION + _MOVE_ORIGIN:
                continue  # "flights from the United States": an origin, not an owner
            if prep.dep_ == "prep" and prep.lower_ in _OWNER_PREPS:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        found = self._actor_at(pobj, ctx)
                        if not usable(found):
                            found = self._modifier_owner(pobj, ctx)
                        if usable(found):
                            return found
        return None

    def _modifier_owner(self, token: Token, ctx: SentenceContext) -> Participant | None:
        for child in token.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < token.i:
                participant = self._modifier_actor(child, ctx)
                if participant is not None:
                    return participant
        return None

    def _thing(self, token: Token, ctx: SentenceContext) -> Participant | None:
        if token.tag_ == "PRP" and token.lower_ == "it":
            token = _thing_antecedent(token)  # "… with Hungary and Poland voting against it"
            if token is None:
                return None
        if token.lower_ in ("that", "which") and token.head.dep_ in ("relcl", "acl"):
            token = _antecedent(token)  # "the flights that Mexico rejected"
        if token.pos_ not in ("NOUN", "PROPN") or token.tag_ in ("PRP", "WDT"):
            return None
        if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"):
            return None
        if _lemma(token) in _MEASURES:
            inner = _prep_object(token, ("of",))
            if inner is not None:
                token = inner  # "seized 200 pounds of fentanyl": the fentanyl
        participant = self.resolver.resolve(token, ctx.mentions, ctx.memory)
        if participant is not None:
            # an actor is never a mere thing; places, policies and things are
            return participant if participant.entity.type in ("Policy", "Place", "Object") else None
        modifiers = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "NOUN"]
        phrase = " ".join([*(t.lower_ for t in modifiers), _lemma(token)])
        return Participant(entities.thing(phrase), _object_text(token, None) or token.text)

    def _movement(self, frame: Frame, ctx: SentenceContext) -> tuple[Participant | None, Participant | None]:
        destination = origin = None
        heads = [frame.argument_head]
        patient = _prep_object(frame.head, ("of",)) if frame.head.pos_ in _EVENT_NOUN_POS else _patient(frame.argument_head)
        if patient is not None:
            heads.append(patient)
        for head in heads:
            preps = [c for c in head.children if c.dep_ == "prep"]
            # "from Guantanamo Bay to Venezuela": the parser hangs "to" on "from"
            preps += [c for p in preps for c in p.children if c.dep_ == "prep"]
            for prep in preps:
                if prep.dep_ != "prep":
                    continue
                target = None
                if prep.lower_ in _MOVE_DESTINATION and destination is None:
                    target = "destination"
                elif prep.lower_ in _MOVE_ORIGIN and origin is None:
                    target = "origin"
                if target is None:
                    continue
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    place = self.resolver.resolve(pobj, ctx.mentions, ctx.memory, as_place=True)
                    if patient is not None and head.i == patient.i and target == "origin" and place is not None \
                            and place.entity.type == "Country":
                        continue  # "migrants from Cameroon": a nationality, not where the flight left from
                    if place is not None and place.entity.type in ("Country", "Place"):
                        if target == "destination":
                            destination = place
                        else:
                            origin = place
        return destination, origin

    # ------------------------------------------------------------------ dates
    def _date(self, frame: Frame, ctx: SentenceContext, future: bool) -> tuple[str | None, str | None]:
        # Only the predicate's own dates: in "agreed to hold a dialogue in September" September
        # dates the dialogue, not the agreement.
        published = ctx.article.date
        for text in _date_phrases(frame.head) or _clause_date_phrases(frame.head):
            value = dates.resolve(text, published, future)
            if value and published and not future and value > published[:len(value)]:
                continue  # "applauded the goal of zero deforestation by 2030": a reported fact is not dated after its report
            return value, text
        return None, None

    def _remember_subjects(self, ctx: SentenceContext) -> None:
        """Keep the people the sentence named, and its main subject for "they" in the next one."""
        seen = set()
        for i in range(ctx.sent.start, ctx.sent.end):
            mention = ctx.mentions.get(i)
            if mention is not None and mention.kind in ("PERSON", "PERSON_NER") and mention.start not in seen:
                seen.add(mention.start)
                self.resolver.resolve(ctx.sent.doc[mention.end - 1], ctx.mentions, ctx.memory)
        root = ctx.sent.root
        for token in subject_tokens(root):
            participant = self.resolver.resolve(token, ctx.mentions, ctx.memory)
            if participant is not None:
                ctx.memory.last_subject = (ctx.memory.sentence_index, participant.entity)
                if participant.entity.type in ("Country", "GovernmentBody", "Organization"):
                    ctx.memory.last_state = (ctx.memory.sentence_index, participant.entity)
                return


# ====================================================================== syntax helpers
def subject_tokens(verb: Token) -> list[Token]:
    """The tokens naming who does `verb`, following passives, control, coordination and relatives."""
    subject = None
    passive = any(c.dep_ in _PASSIVE_DEPS for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN" and not _main_verb_misparsed(verb)
    )
    if passive:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        subject = _prep_object(agent, None) if agent is not None else _embedded_agent(verb)
        if subject is None:
            return []
    else:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
    if subject is None:
        head = verb.head
        if verb.pos_ == "ADJ" and verb.dep_ == "acomp" and head.i != verb.i:
            return subject_tokens(head)
        if verb.pos_ == "NOUN":
            owner = next((c for c in verb.children if c.dep_ == "poss"), None)
            if owner is not None:
                return [owner]
            if verb.dep_ in ("dobj", "attr") and head.pos_ in ("VERB", "AUX"):
                return subject_tokens(head)  # "Mexico maintains its position on accepting …"
            return []
        if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.lower_ in _TOUGH:
            return []  # "migrants that are hard to deport": the migrants are deported, by nobody named
        if verb.dep_ == "xcomp" and head.i != verb.i:
            controller = _direct_object(head) if _object_control(head) else None
            if controller is None:
                # raising passives: "Guatemala is expected to receive", "the flight is scheduled to land"
                controller = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
            return [controller, *controller.conjuncts] if controller is not None else subject_tokens(head)
        if verb.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            owner = next((c for c in head.children if c.dep_ == "poss"), None)
            if owner is not None:
                return [owner]  # "the government's plan to deport asylum seekers"
            if head.dep_ in ("dobj", "attr"):
                return subject_tokens(head.head)  # "Ottawa has no plans to suspend", "took steps to deport"
        if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX") and head.i != verb.i:
            if _finite_conjunct_of_infinitive(verb):
                return subject_tokens(head.head)  # "urged X to release Y and accused Z": the urger accused
            return subject_tokens(head)
        if verb.dep_ in ("acl", "relcl") and verb.tag_ in ("VBG",):
            return [head]
        if verb.dep_ == "acl" and (verb.tag_ in ("VBD", "VBZ", "VBP") or _main_verb_misparsed(verb)):
            # "Migrants protested outside …" read as a noun with a reduced relative: a finite verb
            # cannot head one, so the "head noun" is the subject
            return [head, *head.conjuncts]
        if verb.dep_ == "advcl" and head.i != verb.i and (
            verb.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        ):
            return subject_tokens(head)  # "declaring an emergency", "spoke with X to congratulate him"
        if verb.dep_ == "pcomp" and verb.head.head.i != verb.i:
            governing = verb.head.head
            if governing.pos_ != "VERB":
                return []
            if verb.head.lower_ in ("for", "of", "from") and _direct_object(governing) is not None:
                obj = _direct_object(governing)  # "fined Hungary for restricting", "accused Caracas of failing"
                return [obj, *obj.conjuncts]
            return subject_tokens(governing)
        return []
    if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        subject = verb.head
    found = [subject, *subject.conjuncts]
    for child in subject.children:  # "the UN refugee agency UNHCR and Amnesty International"
        if child.dep_ in ("appos", "compound") and child.i > subject.i:
            found += [c for c in child.conjuncts if c.i > child.i]
    return found


def _embedded_agent(verb: Token) -> Token | None:
    """"was barred from landing by Mexico", "denied permission to land by Bogota": the parser
    hangs the passive's by-phrase on the complement."""
    for child in verb.children:
        if child.dep_ not in ("prep", "xcomp", "advcl", "dobj", "oprd"):
            continue
        for inner in child.subtree:
            if inner.dep_ in ("prep", "agent") and inner.lower_ == "by" and inner.head.pos_ in ("VERB", "NOUN"):
                if inner.head.tag_ in ("VBG", "VB") or inner.head.dep_ in ("pcomp", "acl", "xcomp"):
                    pobj = next((c for c in inner.children if c.dep_ == "pobj"), None)
                    if pobj is not None and pobj.ent_type_ in ("GPE", "ORG", "NORP", "PERSON"):
                        return pobj
    return None


def _main_verb_misparsed(verb: Token) -> bool:
    """"El Salvador's president, Nayib Bukele, offered to jail …" parsed as a participle on the
    subject: a participle heading the sentence's root noun with an object or complement of its own
    is the main verb ("Migrants detained at the border", with neither, stays a passive)."""
    head = verb.head
    return (
        verb.tag_ == "VBN"
        and not any(c.dep_ == "agent" for c in verb.children)
        and (head.dep_ == "ROOT" or head.dep_ in ("nsubj", "appos"))
        and any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in verb.children)
    )


def _object_control(verb: Token) -> bool:
    """Verbs whose object is the subject of their complement: "asked Mexico to", "allowed the plane to"."""
    behaviour = lexicon.complement_verbs().get(_lemma(verb))
    return (behaviour is not None and behaviour[0] == "govern-object") or _lemma(verb) in (
        "allow", "permit", "force", "compel", "help", "let", "authorize",
    )


def _patient(verb: Token) -> Token | None:
    """What the verb acts on: the direct object, or the subject of a passive."""
    passive = any(c.dep_ in _PASSIVE_DEPS for c in verb.children)
    if passive:
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subject is not None and subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            return _antecedent(subject)
        return subject
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head
    direct = _direct_object(verb)
    if direct is not None:
        return direct
    bound = _phrasal_lemma(verb).split(" ", 1)
    if len(bound) == 2:  # "pushing for more deals", "cracked down on migrants"
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == bound[1]:
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
    # "allowed the Venezuelan aircraft to land": the subject of the complement is what is acted on
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp"):
            embedded = next((c for c in child.children if c.dep_ == "nsubj"), None)
            bare = _lemma(verb) in ("help", "let", "make", "have", "see", "watch")  # "help Washington return"
            if embedded is not None and (bare or any(t.dep_ == "aux" and t.lower_ == "to" for t in child.children)):
                return embedded
    # "detain and accept members": coordinated verbs share the object that follows them
    for conj in verb.conjuncts:
        if conj.i > verb.i:
            direct = _direct_object(conj)
            if direct is not None:
                return direct
    if verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP") for c in verb.children):
        if not content_clause(verb):
            return verb.head  # "the flights that Mexico rejected"
    return None


def _direct_object(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)


def _prep_object(head: Token | None, preps: tuple[str, ...] | None) -> Token | None:
    if head is None:
        return None
    if preps is None:  # head is itself the preposition ("by" of a passive)
        return next((c for c in head.children if c.dep_ == "pobj"), None)
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _phrasal_lemma(verb: Token) -> str:
    """"take back", "call on", "crack down": the verb with its particle or bound preposition."""
    base = _lemma(verb)
    for child in verb.children:
        if child.dep_ == "prt" or (child.dep_ == "advmod" and child.lower_ in _PARTICLES and 0 < child.i - verb.i <= 4):
            phrasal = f"{base} {child.lower_}"
            if lexicon.is_predicate(phrasal, "V") or phrasal in lexicon.complement_verbs():
                return phrasal
    for child in verb.children:
        if child.dep_ == "prep":
            phrasal = f"{base} {child.lower_}"
            if lexicon.is_predicate(phrasal, "V") or phrasal in lexicon.complement_verbs():
                return phrasal
    return base


def _verbal_complement(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
            return child
    # "agreed last month to receive": the parser hangs the infinitive on the date noun
    for child in verb.children:
        if child.dep_ in ("npadvmod", "tmod") and child.ent_type_ == "DATE":
            for grandchild in child.children:
                if grandchild.dep_ in ("acl", "relcl") and any(t.dep_ == "aux" and t.lower_ == "to" for t in grandchild.children):
                    return grandchild
    behaviour = lexicon.complement_verbs().get(_lemma(verb))
    if behaviour is not None and verb.pos_ in ("ADJ", "NOUN") and behaviour[0] == "govern":
        # "open to accommodating returning nationals", "its position on accepting only Mexicans",
        # "taken a firm stance on accepting" (the parser hangs "on" on the verb)
        preps = list(verb.children)
        if verb.dep_ == "dobj":
            preps += [c for c in verb.head.children if c.i > verb.i]
        for prep in preps:
            if prep.dep_ == "prep" and prep.lower_ in ("to", "on", "about"):
                gerund = next((c for c in prep.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None)
                if gerund is not None:
                    return gerund
    if behaviour is not None and behaviour[0] == "govern" and _lemma(verb) in ("warn", "threaten"):
        # "warned that it would impose tariffs": the threat's content is a clause
        for child in verb.children:
            if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX"):
                return child
    # "refused to authorize the landing": spaCy sometimes attaches the infinitive as ccomp/advcl
    for child in verb.children:
        if child.dep_ in ("ccomp", "advcl") and child.pos_ == "VERB" and any(
            t.dep_ == "aux" and t.lower_ == "to" for t in child.children
        ) and not any(t.dep_ in ("nsubj", "nsubjpass") for t in child.children):
            return child
    # "expects all other nations to cooperate": the infinitive comes with its own subject
    if lexicon.complement_verbs().get(_lemma(verb)) is not None:
        for child in verb.children:
            if child.dep_ == "ccomp" and child.pos_ == "VERB" and any(t.dep_ == "aux" and t.lower_ == "to" for t in child.children):
                return child
    return None


def _finite_conjunct_of_infinitive(verb: Token) -> bool:
    """"urged Caracas to release them and accused the ministry": a past-tense verb cannot be
    coordinated with the infinitive the parser joined it to; it goes with the verb above."""
    head = verb.head
    return (verb.dep_ == "conj" and verb.tag_ in ("VBD", "VBZ") and head.dep_ == "xcomp" and head.tag_ == "VB"
            and head.head.pos_ in ("VERB", "AUX") and head.head.tag_ in ("VBD", "VBZ", "VBP"))


def _own_forces(actor: Participant, target: Participant | None) -> bool:
    """The target is the actor's own military or police (or forces of no stated country)."""
    if target is None or target.entity.type != "GovernmentBody" or target.entity.sector not in ("MIL", "COP"):
        return False
    return target.entity.country in (None, actor.entity.country)


def _own_event(verb: Token) -> bool:
    """False for clauses both annotators leave to the event they belong to:

    - purpose: "summoned the U.S. diplomat to protest …", "travel to Mexico to meet …";
    - reason or charge: "accused Caracas of failing to take back …", "thanked him for …";
    - condition: "unless Colombia fails to honor …", "if Trump carried out expulsions";
    - anything inside what another verb governs: the content of a threat or refusal.
    """
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
        return False
    token = verb
    for _ in range(12):
        if _finite_conjunct_of_infinitive(token):
            token = token.head.head  # "urged X to release Y and accused Z": "accused" is its own clause
            continue
        head = token.head
        if head.i == token.i:
            return True
        if token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            if _is_event_verb(head) and not _is_talk(head):
                return False  # purpose of an event (but "spoke with X to congratulate him" says what the call did)
        if token.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in ("of", "for", "from") and (
            _is_event_verb(head.head) or (head.head.dep_ == "dobj" and _is_event_verb(head.head.head))
        ):
            # the charge or reason of a judgment, or what was prevented ("blocked X from deporting"),
            # also when the parser hangs the preposition on the object ("accused guards of beating")
            return False
        if token.dep_ in ("xcomp", "ccomp") and _is_event_verb(head) and lexicon.complement_verbs().get(_lemma(head)) is None \
                and _direct_object(head) is not None and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            return False  # what an event was for: "will pay El Salvador $6 million to hold the Venezuelans"
        if token.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) \
                and head.pos_ == "NOUN" and _lemma(head) not in _INTENTION_NOUNS and not any(c.dep_ == "poss" for c in head.children):
            return False  # what a thing is for: "a pilot scheme to return migrants", "flights to deport"
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children):
            return False
        if token.i != verb.i and _governed(token):
            return False  # inside the complement of "threatened", "refused", "promised"
        if token.dep_ not in ("advcl", "xcomp", "ccomp", "conj", "pcomp", "prep", "relcl", "acl"):
            return True
        token = head
    return True


def _is_talk(token: Token) -> bool:
    coding = lexicon.lookup(_phrasal_lemma(token), "V", ("ACTOR", "PERSON", "STATE")) or lexicon.lookup(_lemma(token), "V", ("ACTOR",))
    return coding is not None and coding.type == "CONSULT"


def _is_event_verb(token: Token) -> bool:
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = _lemma(token)
    behaviour = lexicon.complement_verbs().get(lemma)
    return lexicon.is_predicate(_phrasal_lemma(token), "V") or lexicon.is_predicate(lemma, "V") or (
        behaviour is not None and behaviour[0] in ("govern", "govern-object")
    )


def _governed(verb: Token) -> bool:
    """Is `verb` the complement of a verb that codes the event itself ("refused to allow",
    "its position on accepting")?"""
    if verb.dep_ not in ("xcomp", "ccomp", "advcl", "pcomp", "acl", "relcl") or verb.head.i == verb.i:
        return False
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        head = head.head
        stance = _direct_object(head) if head.pos_ in ("VERB", "AUX") else None
        if stance is not None and _verbal_complement(stance) is not None and _verbal_complement(stance).i == verb.i:
            return True  # "taken a firm stance on accepting": the stance codes it
    complement = _verbal_complement(head)
    if complement is None or complement.i != verb.i:
        return False
    behaviour = lexicon.complement_verbs().get(_phrasal_lemma(head)) or lexicon.complement_verbs().get(_lemma(head))
    return behaviour is not None and behaviour[0] in ("govern", "govern-object")


def _embedded_coding(verb: Token, reader: ClauseReader, ctx: SentenceContext) -> Coding | None:
    lemma = _phrasal_lemma(verb)
    return reader._coding(verb, lemma, ctx)


def _threat_mode(coding: Coding, embedded: Coding) -> Coding:
    """THREATEN's mode is the content of the threat (PLOVER): tariffs → restrict, deport → expel."""
    modes = {"SANCTION": "restrict", "COERCE": "restrict", "ASSAULT": "violence", "MOBILIZE": "violence"}
    mode = {"deport": "expel", "arrest": "arrest"}.get(embedded.mode or "", modes.get(embedded.type or ""))
    cameo = "1312" if embedded.type == "SANCTION" else coding.cameo
    return Coding(coding.type, cameo, mode, coding.frame, coding.object_class)


def _adjust(coding: Coding, lemma: str, actor: Participant, target: Participant | None, mood: str) -> Coding:
    """PLOVER rules that depend on who the participants are and on the tense, not on the words."""
    entity = actor.entity
    if mood in ("planned", "hypothetical"):
        # "Cooperative actions of types CONSULT, SUPPORT, COOPERATE, and AID reported in future
        # tense ... should be coded as AGREE"; "announcements of future retreats ... CONCEDE".
        # A possible act ("may accept deportees") signals willingness too, for material
        # cooperation; possible words ("could back the list") stay what they are.
        future = {"CONSULT": "036", "SUPPORT": "030", "COOPERATE": "030", "AID": "033"}
        if mood == "hypothetical":
            future = {"COOPERATE": "030", "AID": "033"}
        if coding.type in future:
            return Coding("AGREE", future[coding.type], None, coding.frame, coding.object_class)
        if coding.type == "RETREAT" and mood == "planned":
            return Coding("CONCEDE", "080", None, coding.frame, coding.object_class)
    state_actor = entity.type in ("Country", "GovernmentBody") or entity.sector in ("GOV", "MIL", "COP", "JUD", "LEG")
    if coding.type == "PROTEST" and state_actor:
        # "Diplomatic protests ... are coded as ACCUSE" (PLOVER manual, PROTEST)
        return Coding("ACCUSE", "114", "disapprove", coding.frame, coding.object_class)
    if (
        coding.type == "COERCE"
        and lemma in ("repatriate", "return", "bring back", "fly")
        and target is not None
        and target.entity.type == "PopulationGroup"
        and target.entity.country is not None
        and target.entity.country == entity.country
    ):
        # Bringing one's own nationals home is cooperation on returns, not a deportation.
        return Coding("COOPERATE", "060", None, coding.frame, coding.object_class)
    return coding


def _moves_people(token: Token) -> bool:
    """"the transfer of migrants to Albania": a noun whose "to" and "from" are a route."""
    coding = lexicon.lookup(_lemma(token), "N", ("GROUP",)) if token.pos_ == "NOUN" else None
    return coding is not None and coding.moves_people


def _is_event_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and (
        lexicon.is_predicate(_lemma(token), "N") or lexicon.is_predicate(_compound_lemma(token), "N")
    )


def _thing_antecedent(pronoun: Token) -> Token | None:
    """The nearest thing named as an argument before "it" in its sentence."""
    for i in range(pronoun.i - 1, pronoun.sent.start - 1, -1):
        token = pronoun.doc[i]
        if token.pos_ == "NOUN" and token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") and token.ent_type_ == "":
            return token
    return None


def content_clause(clause: Token) -> bool:
    """"a statement that Colombia had agreed": a clause stating what a statement says, which the
    parser labels a relative clause."""
    return clause.dep_ in ("relcl", "acl") and lexicon.object_classes().get(_lemma(clause.head)) in ("DISCOURSE", "CLAIM")


def carried_token(head: Token) -> Token | None:
    """The people a deportation or a flight moves: its "of" object, or the object of "carrying"."""
    for token in head.subtree:
        if token.i == head.i or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if _inside_relative(token, head):
            continue
        if token.dep_ == "pobj" and token.head.lower_ == "of":
            return token
        if token.dep_ == "dobj" and token.head.dep_ == "acl" and _lemma(token.head) in ("carry", "transport", "bring", "take"):
            return token
    return None


def _inside_relative(token: Token, head: Token) -> bool:
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ == "relcl":
            return True
        token = token.head
    return False


def _other_side(candidate: Participant, actor: Participant) -> bool:
    """Two coordinated actors are two sides when they belong to different states (or international
    bodies): "Panama and Guatemala agreed". Coordinated companies or groups of no country
    ("partners include A, B and C, which committed to invest") act side by side, not with each other."""
    a, b = candidate.entity, actor.entity
    if a.id == b.id or a.country is None or b.country is None:
        return False
    return a.country != b.country


def _clause_subject(head: Token) -> Token | None:
    for child in head.children:
        if child.dep_ == "ccomp":
            return next((c for c in child.children if c.dep_ in ("nsubj",)), None)
    return None


def _unlawful_clause(verb: Token) -> Token | None:
    """The clause of "ruled that X was unlawful", whose subject is what the ruling is against."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            if any(c.dep_ in ("acomp", "attr") and c.lower_ in _UNLAWFUL for c in child.children):
                return child
    return None


def _willing(token: Token) -> bool:
    """"ready to take back", "willing to accept", "its position on accepting": an adjective or a
    noun of stance that governs an intended act."""
    if token.pos_ not in ("ADJ", "NOUN"):
        return False
    behaviour = lexicon.complement_verbs().get(_lemma(token))
    if behaviour is None or behaviour[0] != "govern":
        return False
    return _verbal_complement(token) is not None


def _reciprocal(coding: Coding) -> bool:
    return coding.type in _RECIPROCAL


def _pair(token: Token, memory: ArticleMemory) -> list[Participant]:
    """"They", "the two leaders", "both sides" right after a meeting: the meeting's two sides."""
    if memory.last_pair is None or memory.sentence_index - memory.last_pair[0] > 2:
        return []
    lower = token.lower_
    plural_reference = lower == "they" or (
        _lemma(token) in _PAIR_NOUNS
        and token.tag_ in ("NNS", "NNPS")
        and any(c.lower_ in ("two", "both") for c in token.children)
    )
    return list(memory.last_pair[1]) if plural_reference else []


def _verb_words(verb: Token) -> str:
    """The predicate as written, with its auxiliaries and negation: "has denied", "did not accept"."""
    parts = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    parts.append(verb)
    parts += [c for c in verb.children if c.dep_ == "prt"]
    parts.sort(key=lambda t: t.i)
    return " ".join(t.text for t in parts)


def _explicit_agent(noun: Token) -> bool:
    """A possessive or a by-phrase names the agent of an event noun ("the government's detention",
    "raids by ICE"), and a state names the operator of a deportation flight ("two U.S.
    deportation flights carrying 180 Guatemalans"): such a nominal is an event of its own even
    inside another one."""
    if any(c.dep_ == "poss" for c in noun.children) or _prep_object(noun, ("by",)) is not None:
        return True
    if lexicon.object_classes().get(_lemma(noun)) != "FLIGHT" or not any(
        c.dep_ in ("compound", "nmod", "amod") and c.ent_type_ in ("GPE", "NORP") for c in noun.children
    ):
        return False
    # only where the flight happened: received or accepted, not refused or threatened
    head = noun.head
    coding = lexicon.lookup(_lemma(head), "V", ("FLIGHT",)) if head.pos_ == "VERB" else None
    return coding is not None and coding.type in ("COOPERATE", "AGREE", "RETREAT")


def _patient_of_event(noun: Token) -> bool:
    """An event noun that is itself what another predicate acts on is coded there, not again."""
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
        return lexicon.is_predicate(_phrasal_lemma(head), "V") or lexicon.is_predicate(_lemma(head), "V")
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        verb = head.head
        return lexicon.is_predicate(_phrasal_lemma(verb), "V") and head.lower_ in ("on", "against", "of")
    return False


def _object_text(token: Token | None, target: Participant | None) -> str | None:
    """The acted-upon phrase, without the party it belongs to: "permission to land a military aircraft"."""
    if token is None:
        return None
    skip: set[int] = set()
    for child in token.children:
        if child.dep_ in ("relcl", "appos", "conj", "cc", "punct", "det", "predet"):
            skip.update(t.i for t in child.subtree)
        if target is not None and child.dep_ in ("poss", "compound", "nmod", "amod") and child.i < token.i:
            if target.text and child.text in target.text:
                skip.update(t.i for t in child.subtree)
    words = [t for t in token.subtree if t.i not in skip]
    while words and words[0].dep_ in ("case", "punct"):
        words.pop(0)
    # participial modifiers describe the thing ("aircraft deporting migrants"); keep the thing
    cut = next((t.i for t in words if t.dep_ == "acl" and t.tag_ == "VBG" and t.head.i != token.i), None)
    if cut is not None:
        words = [t for t in words if t.i < cut]
    text = " ".join(t.text for t in words).replace(" ,", ",").replace(" 's", "'s").replace(" ’s", "’s")
    return text.strip() or None


def _date_phrases(head: Token) -> list[str]:
    """Date expressions attached to a predicate ("on Friday", "last week", "Wednesday's deportation")."""
    phrases = []
    for child in head.children:
        tokens = None
        if child.dep_ == "prep" and child.lower_ in ("on", "in", "since", "during", "by", "until", "at", "for"):
            tokens = [t for t in child.subtree]
        elif child.dep_ in ("npadvmod", "tmod", "poss", "compound") and child.ent_type_ in ("DATE", "TIME"):
            tokens = [t for t in child.subtree]
        elif child.dep_ == "advmod" and child.lower_ in ("yesterday", "today", "tomorrow"):
            tokens = [child]
        if tokens and any(t.ent_type_ == "DATE" for t in tokens):
            phrases.append(" ".join(t.text for t in tokens if t.ent_type_ == "DATE" or t.dep_ == "prep"))
    return phrases


def _clause_date_phrases(head: Token) -> list[str]:
    """A date elsewhere in the predicate's own clause ("rejected two planes carrying deportees on
    Sunday": the parser hangs "on Sunday" on the participle), never in an embedded clause."""
    phrases = []
    stack = [c for c in head.children if c.dep_ not in _OTHER_CLAUSES]
    while stack:
        token = stack.pop(0)
        phrases.extend(_date_phrases(token))
        stack.extend(c for c in token.children if c.dep_ not in _OTHER_CLAUSES)
    return phrases[:1]


def _confidence(actor: Participant, target: Participant | None, coding: Coding, nominal: bool) -> float:
    """A ranking score, not a calibrated probability: explicit, fully resolved readings rank first."""
    score = 0.55
    if actor.entity.type in ("Country", "GovernmentBody", "Organization"):
        score += 0.15
    elif actor.entity.type == "Person" and actor.entity.country:
        score += 0.1
    if target is not None and target.entity.type in ACTOR_TYPES:
        score += 0.1
    elif target is None:
        score -= 0.05
    if coding.object_class != "*":
        score += 0.1
    if nominal:
        score -= 0.1
    if coding.type is None:
        score = 0.3
    return max(0.1, min(0.95, score))


def _unique(statements: list[Statement]) -> list[Statement]:
    seen = set()
    result = []
    for statement in statements:
        key = (
            statement.actor.entity.id,
            statement.action.type,
            statement.target.entity.id if statement.target else None,
            statement.negated,
        )
        if key in seen:
            continue
        seen.add(key)
        result.append(statement)
    return result


__all__ = ["ClauseReader", "SentenceContext", "subject_tokens"]
