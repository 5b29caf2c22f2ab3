"""Who an event is done to or with: targets, and the places of a movement.

PLOVER's recipient is the counterpart party: an actor named as indirect or
direct object, in a prepositional role the lexicon gives ("agree with",
"impose on"), or as the owner or addressee of the thing acted upon ("denied the
U.S. permission", "rejected American deportation flights"). The thing itself is
the statement's object. Movements add their destination ("to Panama") and
origin ("from Guantanamo").
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.extract import entities, frames, lexicon, syntax
from kg.extract.actors import ACTOR_TYPES, ActorResolver
from kg.model import Entity, Participant

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.discourse import SentenceContext
    from kg.extract.predicates import Frame

_MOVE_DESTINATION = ("to", "into", "toward", "towards")
_MOVE_ORIGIN = ("from", "out")
_ALWAYS_TARGET_PREPS = ("against",)
# Prepositions behind which a thing's owner or addressee stands ("tariffs on Colombian goods").
_OWNER_PREPS = ("on", "against", "for", "from", "with", "to", "by", "into", "over", "about", "at")
#: Verbs of bringing people home: from another country, they are the actor's own nationals, and
#: bringing one's own nationals home is cooperation, not a removal (clauses._adjust).
BRINGING_HOME = ("return", "repatriate", "bring back", "bring home", "fly home", "evacuate", "fly")
# Verbal conflict is never directed at the actor's own nationals by way of a thing they own.
_CONFLICT_VERBAL = ("ACCUSE", "REJECT", "THREATEN", "PROTEST")


# Words beside "nationals" that leave open whose they are ("the 40 nationals").
_BARE_WORDS = ("the", "all", "some", "many", "several", "dozens", "hundreds", "thousands", "of")
# Verbs whose object comes into being by them.
_CREATING = ("form", "create", "establish", "set", "launch", "found", "build")
# Entity types of words that never name the people a removal moves.
_NOT_PEOPLE_ENTITIES = ("DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "GPE", "LOC", "FAC")


class TargetFinder:
    """Finds the target, object and movement roles of a frame."""

    def __init__(self, resolver: ActorResolver):
        self.resolver = resolver

    def recipient(
        self, frame: Frame, actor: Participant, target: Participant | None, obj: str | None
    ) -> tuple[Participant | None, str | None]:
        """PLOVER's recipient is a party: a thing acted upon goes to the object ("rejected the plan":
        no target, object "the plan"); a place visited stands for its state ("toured a reception
        centre in Guatemala" → Guatemala), unless the visitor's own."""
        if target is None:
            return target, obj
        if target.entity.type == "Country" and actor.entity.type == "Person" and target.entity.country == actor.entity.country:
            # "Sánchez announced financial support from Spain", "Trump directed the United States to":
            # a person's own state is no counterpart (its courts and churches may be)
            return None, obj or target.text
        if not frame.coding.removes:  # the nationals a state removes are others' ("nationals removed from the US")
            target = self._own_nationals(target, actor)
        visit = frame.coding.type == "CONSULT" and frame.coding.mode == "visit"
        if visit and target.entity.type == "Organization" and target.entity.sector is None:
            # "visited the Terrorism Confinement Center", "toured the Guatemalan Migrant Reception
            # Center": a site, whose state hosts the visit (the article's, when the name gives none)
            country = target.entity.country
            if country and country != actor.entity.country and country not in entities.INTERNATIONAL:
                return Participant(entities.country(self.resolver.gaz, country), target.text), obj
            return None, obj or target.text
        if target.entity.type in ACTOR_TYPES:
            return target, obj
        if frame.coding.type == "CONSULT" and target.entity.type == "Place":
            country = target.entity.country or self.resolver.gaz.place_country(target.text)
            if country and country != actor.entity.country and country not in entities.INTERNATIONAL:
                return Participant(entities.country(self.resolver.gaz, country), target.text), obj
        return None, obj or target.text

    def _own_nationals(self, target: Participant, actor: Participant) -> Participant:
        """"The Ethiopian Embassy advised nationals to leave": nationals no word says whose are
        the nationals of the state that addresses or acts on them."""
        entity = target.entity
        words = [w for w in target.text.lower().split() if not w.replace(",", "").isdigit() and w not in _BARE_WORDS]
        if entity.type != "PopulationGroup" or entity.country or [w.rstrip("s") for w in words] not in (["national"], ["citizen"]):
            return target  # "foreign nationals", "third-country nationals", "nationals of 20 countries": not theirs
        state = actor.entity
        if not state.country or state.country in entities.INTERNATIONAL or state.type not in ("Country", "GovernmentBody", "Person"):
            return target
        return replace(target, entity=entities.group(self.resolver.gaz, entity.label, state.country, entity.sector))

    def people_from(self, frame: Frame, actor: Entity, target: Participant | None, ctx: SentenceContext) -> Participant | None:
        """"Russia detained four men from Tajikistan", "Greece deported 40 migrants from Pakistan",
        with "from" hung on the verb: a state removes or holds people from its own territory, so
        another country they are "from" is theirs (their nationality), not where they were taken
        from; but people a state brings home from another country (or "stranded in" it) are its own."""
        if target is None or target.entity.type != "PopulationGroup" or target.entity.country or not actor.country:
            return target
        if frame.coding.type != "COERCE" or frame.head.pos_ not in ("VERB", "AUX"):
            return target
        bringing_home = syntax.phrasal_lemma(frame.head) in BRINGING_HOME
        source = syntax.prep_object(frame.head, ("from",))
        if source is None and bringing_home:
            source = _held_in(syntax.patient(frame.head))  # "returning migrants stranded in Saudi Arabia"
        named = self.resolver.actor_at(source, ctx) if source is not None else None
        if named is None or named.entity.type != "Country" or named.entity.country in (None, actor.country) \
                or named.entity.country in entities.INTERNATIONAL:
            return target
        # people a state brings home from another are its own ("Ethiopia returned 800 migrants
        # from Saudi Arabia"): a repatriation, coded as cooperation with that state
        nationality = actor.country if bringing_home else named.entity.country
        kind = target.entity.label
        return replace(target, entity=entities.group(self.resolver.gaz, kind, nationality, target.entity.sector or "REF"))

    def find(
        self, frame: Frame, actor: Entity, ctx: SentenceContext, nominal: bool
    ) -> tuple[Participant | None, str | None]:
        head = frame.argument_head
        if frame.chain and frame.coding.removes:
            # "resumed removals processing for Cuban nationals", "launched a deportation drive
            # against Afghans": the people the event noun names
            noun = frame.chain[0]
            people = syntax.undergoer(noun, ("of", "for", "against"))
            group = self.resolver.resolve(people, ctx.mentions, ctx.memory) if people is not None else None
            if group is not None and group.entity.type == "PopulationGroup":
                return group, object_text(noun, None)
        if nominal and frame.coding.moves_people:
            carried = self.carried_group(head, ctx)  # "deportation … of Asian migrants", "flights carrying 80 migrants"
            if carried is not None:
                return carried, object_text(syntax.carried_token(head), None)
        preps = tuple(frame.coding.target_prepositions()) + _ALWAYS_TARGET_PREPS
        if frame.argument_coding is not None:
            preps += frame.argument_coding.target_prepositions()
        if nominal:
            preps += ("to", "with", "against", "on")
        candidates: list[Participant | None] = []
        objects: list[Token] = []
        if frame.about is not None:
            candidates.append(self.resolver.actor_at(frame.about, ctx) or self.owner(frame.about, ctx, exclude=actor))
        if frame.governor is not None:
            governed = syntax.direct_object(frame.governor) or next(  # "we were approached by the US to accept"
                (c for c in frame.governor.children if c.dep_ == "nsubjpass"), None) or _bound_object(  # "called on Morocco to take back"
                frame.governor) or _infinitive_subject(frame.argument_head, frame.governor)  # "expects Vietnam to take back"
            if governed is not None:
                addressed = self.resolver.actor_at(governed, ctx) or self.owner(governed, ctx, exclude=actor)
                if addressed is None and governed.pos_ in ("NOUN", "PROPN"):
                    addressed = self.thing(governed, ctx)  # "urged governments to respect …"
                candidates.append(addressed)
        dative = next((c for c in head.children if c.dep_ in ("dative", "iobj")), None)
        if dative is not None and dative.dep_ != "prep":
            candidates.append(self.resolver.actor_at(dative, ctx))
        patient = syntax.prep_object(head, ("of",)) if nominal else syntax.patient(head)
        if patient is not None and "instrument" not in frame.coding.frame and self.resolver.actor_at(patient, ctx) is None:
            domestic = self._domestic(patient, actor)
            if domestic is not None:
                return domestic, object_text(patient, None)
        if patient is not None and patient.tag_ == "PRP" and patient.lower_ in ("them", "it") and head.dep_ == "conj":
            shared = syntax.direct_object(head.head)
            # "detained 40 migrants and deported them": the pronoun is the first verb's people, not
            # its thing ("denied protection to the refugees and pushed them back")
            if shared is not None and (patient.lower_ == "it" or self.resolver.actor_at(shared, ctx) is not None):
                patient = shared
        instrument = None
        if "instrument" in frame.coding.frame:
            instrument, patient = patient, None  # the troops deployed are the means, not the target
        if patient is not None and frame.coding.type in ("ACCUSE", "PROTEST"):
            doer = self._doer_of_removal(patient, ctx)
            if doer is not None and doer.entity.id != actor.id:
                return doer, object_text(patient, None)
        created = None
        if patient is not None and syntax.lemma(head) in _CREATING and head.i != frame.head.i:
            # "agreed to form a Binational Migration Cooperation Committee": what is set up is the
            # object of the agreement, not a party to it
            created, patient = patient, None
        if patient is not None:
            objects.append(patient)
            moved = self.resolver.actor_at(patient, ctx, exclude=actor)
            if moved is None and frame.coding.removes:
                # whoever a removal moves is people, before any owner of the words ("deported 2,500
                # Pakistani beggars": Pakistani people, not Pakistan)
                moved = self._people_removed(patient, ctx)
            candidates.append(moved)
        for prep in head.children:
            if prep.dep_ in ("prep", "dative") and prep.lower_ in preps:
                if frame.coding.moves_people and "transfer" not in frame.coding.frame and prep.lower_ in _MOVE_DESTINATION + _MOVE_ORIGIN:
                    continue
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        for token in (pobj, *pobj.conjuncts):
                            candidates.append(self.resolver.actor_at(token, ctx) or self.owner(
                                token, ctx, accused=frame.coding.type in ("ACCUSE", "PROTEST")))
        if patient is not None and "tp:to" in frame.coding.frame:
            for clause in patient.children:  # "granted permission to stay to 212 minors": the parser hangs "to" on "stay"
                if clause.dep_ == "acl":
                    granted = syntax.prep_object(clause, ("to",))
                    if granted is not None:
                        candidates.append(self.resolver.actor_at(granted, ctx))
        accusing = frame.coding.type in ("ACCUSE", "PROTEST")
        if patient is not None:
            candidates.append(self.owner(patient, ctx, exclude=actor, movement=frame.coding.moves_people, accused=accusing))
        elif instrument is not None and syntax.lemma(instrument) not in ("troop", "soldier", "force", "personnel"):
            candidates.append(self.owner(instrument, ctx, exclude=actor))  # "burned an effigy of Trump"
        for candidate in candidates:
            if candidate is None or candidate.entity.id == actor.id:
                continue
            if frame.coding.type in _CONFLICT_VERBAL and candidate.entity.type == "PopulationGroup" \
                    and candidate.entity.country is not None and candidate.entity.country == actor.country:
                continue  # "Brazil protested the treatment of its nationals": not a protest against them
            return candidate, object_text(patient, candidate) if patient is not None else None
        if frame.coding.type in ("PROTEST", "ACCUSE") and not nominal:
            # "marched … to protest immigration raids by ICE", "demonstrated, chanting slogans against X"
            for purpose in head.children:
                if purpose.dep_ == "advcl" and (purpose.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in purpose.children)):
                    aim = syntax.patient(purpose)
                    if aim is not None:
                        found = self.resolver.actor_at(aim, ctx) or self.owner(aim, ctx, exclude=actor)
                        if found is not None:
                            return found, object_text(aim, found)
        if frame.coding.type == "REQUEST":
            demanded = syntax.clause_subject(head)  # "demanding that Washington treat …"
            if demanded is not None:
                participant = self.resolver.actor_at(demanded, ctx)
                if participant is not None and participant.entity.id != actor.id:
                    return participant, None
        creates = "creates" in frame.coding.frame or bool(frame.chain)  # "reached an agreement", "held talks"
        if patient is not None and not creates:
            thing = self.thing(patient, ctx)
            if thing is not None:
                return thing, object_text(patient, None)
        if patient is None:  # "agreed only to civilian repatriation flights"
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in frame.coding.target_prepositions():
                    pobj = syntax.prep_object(prep, None)
                    if pobj is not None:
                        thing = self.thing(pobj, ctx)
                        if thing is not None:
                            return thing, object_text(pobj, None)
        told = patient if patient is not None else created
        return None, object_text(told, None) if told is not None else None

    def _doer_of_removal(self, noun: Token, ctx: SentenceContext) -> Participant | None:
        """"Rights groups criticized the arrests", "condemned the expulsions": a criticism of a
        removal or arrest is of whoever made it: the state its noun names ("Algeria's
        expulsions", "the expulsions by Algeria"), else the story's removing state."""
        coding = lexicon.lookup(syntax.lemma(noun), "N", ())
        if coding is None or not coding.removes:
            return None
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod") and child.i < noun.i:
                named = self.resolver.modifier_actor(child, ctx)
                if named is not None:
                    return named
        by = syntax.prep_object(noun, ("by",))
        named = self.resolver.actor_at(by, ctx) if by is not None else None
        return named if named is not None else frames.STORY_STATE

    def _people_removed(self, token: Token, ctx: SentenceContext) -> Participant | None:
        """Who a removal or arrest acts on is people, whoever they are ("deported thousands of West
        and Central Africans", "arresting those not carrying documents", "pushed them back"): a
        group of no nationality the lexicon names, unless the words name a thing (a flight, a
        border, a camp)."""
        counted = syntax.prep_object(token, ("of",)) if syntax.lemma(token) in syntax.MEASURES else None
        if counted is not None:  # "thousands of West and Central Africans": people, unless a thing is counted
            if lexicon.object_classes().get(syntax.lemma(counted)) is not None:
                return None
            return Participant(entities.group(self.resolver.gaz, "people", None), object_text(token, None) or token.text)
        if token.pos_ not in ("NOUN", "PROPN", "PRON") or token.ent_type_ in _NOT_PEOPLE_ENTITIES:
            return None
        if token.pos_ == "PRON" and token.lower_ not in ("them", "those", "they", "others"):
            return None
        if lexicon.object_classes().get(syntax.lemma(token)) is not None or lexicon.is_predicate(syntax.lemma(token), "N") \
                or any(c.dep_ == "compound" and lexicon.is_predicate(syntax.lemma(c), "N") for c in token.children):
            return None  # a thing, or an event ("carried out mass arrests", "launched a deportation drive")
        label = "people" if token.pos_ == "PRON" else syntax.lemma(token)
        nationality = next((state.entity.country for c in token.children if c.dep_ in ("amod", "compound", "nmod")
                            and c.i < token.i and (state := self.resolver.modifier_actor(c, ctx)) is not None
                            and state.entity.type == "Country"), None)
        return Participant(entities.group(self.resolver.gaz, label, nationality), object_text(token, None) or token.text)

    def _domestic(self, token: Token, actor: Entity) -> Participant | None:
        """"Meloni accused some judges", "the Supreme Court blocked the administration": an unnamed
        organ of the state acted upon belongs to the actor's own state (domestic politics)."""
        from kg.extract.actor_lexicon import actor_nouns

        noun = actor_nouns().get(syntax.lemma(token))
        if noun is None or noun.kind not in ("organ", "state") or actor.country is None or actor.type == "Country":
            return None
        if syntax.lemma(token) in ("ruling", "judgment", "verdict"):
            return None  # "criticized the ruling": a decision, not the court
        if actor.country in entities.INTERNATIONAL or syntax.lemma(token) in ("country", "nation", "state", "side", "counterpart"):
            return None
        if any(c.dep_ in ("poss", "amod", "compound") for c in token.children if c.i < token.i and c.lower_ not in ("some", "several")):
            return None
        gaz = self.resolver.gaz
        entity = entities.organ(gaz, actor.country, noun.sector, noun.label) if noun.kind == "organ" else entities.country(gaz, actor.country)
        return Participant(entity, token.text)

    def coordinated(self, frame: Frame, target: Participant | None, ctx: SentenceContext, nominal: bool) -> list[Participant]:
        """The parties of a list the predicate acts on, other than `target`: "received 238 Tren de
        Aragua members and 23 MS-13 gang members", "urged both India and Pakistan", "suspended
        the agreements with the Governments of El Salvador, Guatemala, and Honduras"."""
        if nominal or (target is not None and target.entity.type not in ACTOR_TYPES):
            return []
        listed = self._listed(frame, ctx)
        if listed is None:
            return []
        found = []
        for token in (listed, *listed.conjuncts):
            participant = self.resolver.actor_at(token, ctx) or self.owner(token, ctx)
            if participant is not None and (target is None or participant.entity.id != target.entity.id) \
                    and participant.entity.id not in {p.entity.id for p in found}:
                found.append(participant)
        return found

    def by_nationality(self, frame: Frame, target: Participant, ctx: SentenceContext) -> list[Participant]:
        """"Deported the Zimbabwean and Mozambican nationals": one group per nationality the
        people's coordinated adjectives give (none: the list is `target` alone)."""
        people = syntax.patient(frame.argument_head)
        if people is None or target.entity.type != "PopulationGroup" or target.entity.country:
            return [target]
        adjective = next((c for c in people.children if c.dep_ in ("amod", "nmod", "compound") and c.conjuncts), None)
        if adjective is None:
            return [target]
        states = [self.resolver.modifier_actor(t, ctx) for t in (adjective, *adjective.conjuncts)]
        if not all(s is not None and s.entity.type == "Country" for s in states):
            return [target]
        label = target.entity.label
        return [replace(target, entity=entities.group(self.resolver.gaz, label, s.entity.country, target.entity.sector or "REF"))
                for s in states]

    def _listed(self, frame: Frame, ctx: SentenceContext) -> Token | None:
        """The first party of a coordinated list among the predicate's arguments, if any."""
        candidates = []
        if frame.governor is not None and syntax.direct_object(frame.governor) is not None:
            candidates.append(syntax.direct_object(frame.governor))
        patient = syntax.patient(frame.argument_head)
        candidates.append(patient)
        if patient is not None:  # "suspended the agreements with El Salvador, Guatemala, and Honduras"
            candidates.append(syntax.prep_object(patient, ("with",)))
        candidates += [syntax.prep_object(p, None) for p in frame.argument_head.children if p.dep_ == "prep" and not (
            frame.coding.moves_people and p.lower_ in _MOVE_DESTINATION + _MOVE_ORIGIN)]  # a route is no list of parties
        for token in candidates:
            if token is None:
                continue
            if token.dep_ in ("nsubj", "nsubjpass", "csubj") and token.head.i != frame.argument_head.i:
                continue  # the subject of another clause is no list the predicate acts on
            for head in (token, syntax.prep_object(token, ("of",))):  # "the Governments of A, B and C"
                if head is not None and head.conjuncts and self.resolver.actor_at(head, ctx) is not None:
                    return head
        return None

    def carried_group(self, head: Token, ctx: SentenceContext) -> Participant | None:
        token = syntax.carried_token(head)
        if token is None:
            return None
        participant = self.resolver.resolve(token, ctx.mentions, ctx.memory)
        return participant if participant is not None and participant.entity.type == "PopulationGroup" else None

    def owner(
        self, token: Token, ctx: SentenceContext, exclude: Entity | None = None, depth: int = 0, movement: bool = False,
        accused: bool = False,
    ) -> Participant | None:
        """The party a thing belongs to: "the U.S. permission", "American flights", "Mexico's request",
        "decades of cooperation with the United States" (not the actor itself: "its border with Russia").
        With `accused`, the owner a criticism is aimed at: never the migrants the thing is done to
        ("objected to the treatment of the deportees by the United States": the United States)."""

        def usable(participant: Participant | None) -> bool:
            if accused and participant is not None and participant.entity.type == "PopulationGroup" \
                    and participant.entity.sector == "REF":
                return False
            return participant is not None and (exclude is None or participant.entity.id != exclude.id)

        if lexicon.object_classes().get(syntax.lemma(token)) in ("BORDER", "BARRIER"):
            # "closed its border with Belarus", "fenced the Belarusian border": the neighbour is
            # where, not whom; the target is the group it is closed to, else none (docs/annotation.md)
            return None
        for child in token.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < token.i:
                participant = self.resolver.modifier_actor(child, ctx)
                if usable(participant):
                    return participant
        of_object = syntax.prep_object(token, ("of",))
        if of_object is not None:
            found = self.resolver.actor_at(of_object, ctx)
            if not usable(found) and depth < 2:
                found = self.owner(of_object, ctx, exclude, depth + 1, accused=accused)
            if usable(found):
                return found
        for child in token.children:  # "claims made by Mr. Trump", "flights operated by the U.S."
            if child.dep_ == "acl" and child.tag_ == "VBN":
                agent = next((c for c in child.children if c.dep_ == "agent"), None)
                pobj = syntax.prep_object(agent, None) if agent is not None else None
                if pobj is not None:
                    found = self.resolver.actor_at(pobj, ctx) or self.modifier_owner(pobj, ctx)
                    if usable(found):
                        return found
        if lexicon.object_classes().get(syntax.lemma(token)) in ("CLAIM", "DISCOURSE"):
            # "allegations that Greek border guards pushed migrants back": what the claim is about
            for child in token.children:
                if syntax.content_clause(child) or (child.dep_ == "acl" and any(c.dep_ == "mark" for c in child.children)):
                    subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
                    found = self.resolver.actor_at(subject, ctx) if subject is not None else None
                    if usable(found):
                        return found
        # "tariffs on Colombian goods", "a memorandum with the United States", "explanations from Washington"
        movement = movement or moves_people(token)
        for prep in token.children:
            if movement and prep.lower_ in _MOVE_DESTINATION + _MOVE_ORIGIN:
                continue  # "flights from the United States": an origin, not an owner
            if prep.dep_ == "prep" and prep.lower_ in _OWNER_PREPS:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        found = self.resolver.actor_at(pobj, ctx)
                        if not usable(found):
                            found = self.modifier_owner(pobj, ctx)
                        if usable(found):
                            return found
        return None

    def modifier_owner(self, token: Token, ctx: SentenceContext) -> Participant | None:
        for child in token.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < token.i:
                participant = self.resolver.modifier_actor(child, ctx)
                if participant is not None:
                    return participant
        return None

    def thing(self, token: Token, ctx: SentenceContext) -> Participant | None:
        if token.tag_ == "PRP" and token.lower_ == "it":
            token = syntax.thing_antecedent(token)  # "… with Hungary and Poland voting against it"
            if token is None:
                return None
        if token.lower_ in ("that", "which") and token.head.dep_ in ("relcl", "acl"):
            token = syntax.antecedent(token)  # "the flights that Mexico rejected"
        if token.pos_ not in ("NOUN", "PROPN") or token.tag_ in ("PRP", "WDT"):
            return None
        if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"):
            return None
        if syntax.lemma(token) in syntax.MEASURES:
            inner = syntax.prep_object(token, ("of",))
            if inner is not None:
                token = inner  # "seized 200 pounds of fentanyl": the fentanyl
        participant = self.resolver.resolve(token, ctx.mentions, ctx.memory)
        if participant is not None:
            # an actor is never a mere thing; places, policies and things are
            return participant if participant.entity.type in ("Policy", "Place", "Object") else None
        modifiers = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "NOUN"]
        phrase = " ".join([*(t.lower_ for t in modifiers), syntax.lemma(token)])
        return Participant(entities.thing(phrase), object_text(token, None) or token.text)

    def movement(self, frame: Frame, ctx: SentenceContext) -> tuple[Participant | None, Participant | None]:
        destination = origin = None
        heads = [frame.argument_head]
        patient = syntax.prep_object(frame.head, ("of",)) if frame.head.pos_ in syntax.EVENT_NOUN_POS else syntax.patient(frame.argument_head)
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
        if origin is None and frame.head.pos_ == "VERB" and syntax.phrasal_lemma(frame.head) in BRINGING_HOME:
            held = _held_in(syntax.patient(frame.head))  # "returning migrants stranded in Saudi Arabia": from there
            place = self.resolver.resolve(held, ctx.mentions, ctx.memory, as_place=True) if held is not None else None
            if place is not None and place.entity.type == "Country":
                origin = place
        return destination, origin


def _held_in(people: Token | None) -> Token | None:
    """Where a participle puts people: "migrants stranded in (the kingdom of) Saudi Arabia",
    "workers detained in the United States"."""
    placed = next((c for c in people.children if c.dep_ == "acl" and c.tag_ == "VBN"), None) if people is not None else None
    place = syntax.prep_object(placed, ("in",)) if placed is not None else None
    if place is not None and syntax.lemma(place) in syntax.PLACE_NOUNS:
        place = syntax.prep_object(place, ("of",)) or place  # "the oil-rich kingdom of Saudi Arabia"
    return place


def _infinitive_subject(complement: Token, governor: Token) -> Token | None:
    """"expects Vietnam to take back its citizens", parsed with "Vietnam" the subject of the
    infinitive: the party the demand is made of."""
    if complement.i == governor.i:
        return None
    return next((c for c in complement.children if c.dep_ == "nsubj"), None)


def _bound_object(verb: Token) -> Token | None:
    """The object of a verb's bound preposition: "Morocco" of "called on Morocco to ..."."""
    particle = syntax.phrasal_lemma(verb).partition(" ")[2]
    return syntax.prep_object(verb, (particle,)) if particle else None


def object_text(token: Token | None, target: Participant | None) -> str | None:
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


def moves_people(token: Token) -> bool:
    """"the transfer of migrants to Albania": a noun whose "to" and "from" are a route."""
    coding = lexicon.lookup(syntax.lemma(token), "N", ("GROUP",)) if token.pos_ == "NOUN" else None
    return coding is not None and coding.moves_people


def own_forces(actor: Participant, target: Participant | None) -> bool:
    """The target is the actor's own military or police (or forces of no stated country)."""
    if target is None or target.entity.type != "GovernmentBody" or target.entity.sector not in ("MIL", "COP"):
        return False
    return target.entity.country in (None, actor.entity.country)
