"""Which words are events, and how they are coded: the predicates of a sentence.

For every verb and event noun the reader meets, this step decides whether it is
an event of its own (not a purpose, condition or the content of a governing
verb), finds its coding in the lexicon from the classes of its object ("deny"
+ permission, "impose" + tariffs), and returns a `Frame`: the predicate with
its coding, before any participant is resolved. Control verbs ("refused to
allow", "threatened to impose") code the event themselves and hand their
complement's arguments on; light verbs ("held talks") take their noun's coding.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.extract import frames, judgments, lexicon, modality, syntax
from kg.extract.actor_lexicon import actor_nouns
from kg.extract.actors import ACTOR_TYPES, ActorResolver
from kg.extract.lexicon import Coding, _rows
from kg.resources import lexicon_dir

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.discourse import SentenceContext

# Types that stay events when their object is a statement ("rejected the statement").
_JUDGING = ("REJECT", "ACCUSE", "SUPPORT")
# Nouns of intention whose infinitive is an intended event ("plans to deport", "its threat to impose").
_INTENTION_NOUNS = ("plan", "intention", "intent", "threat", "promise", "pledge", "bid", "attempt", "effort",
                    "decision", "offer", "commitment", "agreement", "proposal", "willingness", "readiness", "move")
# Nouns naming agreements: events only with a complement ("agreement to accept").
_AGREEMENT_NOUNS = ("agreement", "deal", "pact", "accord", "memorandum", "arrangement", "treaty", "commitment", "pledge", "promise", "offer")


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
    vehicle: Token | None = None  # the flight or boat whose journey is a removal ("the flight landed")


class PredicateFinder:
    """Finds the frames of a sentence's predicates."""

    def __init__(self, resolver: ActorResolver):
        self.resolver = resolver

    def verb_frame(self, verb: Token, ctx: SentenceContext) -> Frame | None:
        lemma = syntax.phrasal_lemma(verb)
        base = syntax.lemma(verb)
        if governed(verb) and not self._orders_own_organ(verb.head, ctx):
            return None  # coded at the verb that governs it ("refused to allow")
        if verb.lower_ == "according" and any(c.lower_ == "to" for c in verb.children):
            return None  # "according to Petro": an attribution (modality.py), not PETRARCH's "accord"
        if not own_event(verb):
            return None  # a purpose, reason or condition of another event, or inside a threat
        if syntax.lemma(verb) in judgments.RULING_VERBS:
            unlawful = judgments.unlawful_clause(verb)
            if unlawful is not None:
                # "the Supreme Court ruled that the plan was unlawful": a finding against (CAMEO 116)
                coding = lexicon.coding_for(lexicon.PredicateRow("rule", "V", "*", "116", None, None, frozenset()))
                subject = next((c for c in unlawful.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                return Frame(verb, coding, syntax.lemma(verb), syntax.verb_words(verb), argument_head=unlawful, about=subject)
        if modality.is_reporting(verb):
            judged = judgments.condemned_clause(verb)
            if judged is not None:
                # "Macron said the plan was wrong", "the minister said the expulsions were inhumane":
                # a judgment voiced against the subject of the clause (CAMEO 111, criticize)
                coding = lexicon.coding_for(lexicon.PredicateRow(base, "V", "*", "111", None, None, frozenset()))
                subject = next((c for c in judged.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                return Frame(verb, coding, base, syntax.verb_words(verb), argument_head=judged, about=subject)
            return None
        if _promises_harm(verb):
            return None  # "Trump promised that tariffs on Mexico would remain": no agreement with Mexico
        xcomp = syntax.verbal_complement(verb)
        behaviour = lexicon.complement_verbs().get(lemma) or lexicon.complement_verbs().get(base)
        if xcomp is not None and behaviour is not None and behaviour[0] == "planned" and _demand_of_another(verb, xcomp):
            behaviour = ("govern-object", "100")  # "expects all nations to cooperate": a demand
        if xcomp is not None and behaviour is not None and vows_harm(verb, xcomp):
            return None  # the harm vowed is the event (`governed`)
        if xcomp is not None and behaviour is not None:
            kind, cameo = behaviour
            if kind == "govern-object" and self._orders_own_organ(verb, ctx):
                return None  # the order is the organ's act, coded at the complement
            if kind in ("govern", "govern-object"):
                coding = lexicon.coding_for(
                    lexicon.PredicateRow(base, "V", "*", cameo, None, None, frozenset())
                )
                embedded = _embedded_coding(xcomp, self, ctx)
                if coding.type == "THREATEN" and embedded is not None:
                    coding = threat_mode(coding, embedded)
                if kind == "govern-object" and base in _ORDERING and syntax.lemma(xcomp) in _LEAVING:
                    # "ordered thousands of Ethiopians to leave the country": an expulsion order is
                    # the expulsion (CAMEO 174), of the people ordered out
                    coding = lexicon.coding_for(_EXPULSION_ORDER)
                    embedded = None
                self.consume_objects(xcomp, ctx)
                return Frame(
                    verb, coding, base, syntax.verb_words(verb), argument_head=xcomp,
                    governor=verb if kind == "govern-object" else None,
                    argument_coding=embedded,
                )
            own = self._own_row_for_complement(verb, base, xcomp, ctx) if kind in ("negate", "transparent") else None
            if own is not None:
                # "Kuwait has stopped issuing visas to Filipino workers": the verb's own row for what
                # the complement handles (stopping visas is a visa ban), not a negated issuing
                return Frame(verb, own, base, syntax.verb_words(verb), argument_head=xcomp)
            if kind != "transparent" or not _names_partner(verb):
                return None  # transparent: the complement is the event ("worked to deport them")
            # "continues to work closely with El Salvador to enhance ...": working with a partner
            # is the event; the clause after it is its purpose
        needed = judgments.needed_of(verb)
        if needed is not None and self.resolver.actor_at(needed[1], ctx) is not None:
            # "emphasized the need for Lebanon to implement reforms": a demand on Lebanon (CAMEO 100)
            clause, subject = needed
            coding = lexicon.coding_for(lexicon.PredicateRow(base, "V", "*", "100", None, None, frozenset()))
            return Frame(verb, coding, base, syntax.verb_words(verb), argument_head=clause, about=subject)
        if judgments.naming_judgment(verb):
            # "called the deal egregious", "described them as monsters": criticism (CAMEO 111)
            return Frame(verb, lexicon.coding_for(judgments.JUDGED_BY_NAME), base, syntax.verb_words(verb), argument_head=verb)
        if lemma in discourse_verbs() and lemma not in ("call",) and (
            not lexicon.is_predicate(lemma, "V") or any(c.dep_ in ("dobj", "ccomp") for c in verb.children)
        ):
            return None  # "demonstrates the scale" is discourse; "activists demonstrated" is not
        journey = frames.vehicle_frame(verb, ctx, self.resolver)
        if journey is not None:
            coding, vehicle = journey
            return Frame(verb, coding, lemma, syntax.verb_words(verb), argument_head=verb, vehicle=vehicle)
        arrival = frames.arrival_frame(verb, ctx, self.resolver)
        if arrival is not None:
            coding, people = arrival
            return Frame(verb, coding, lemma, syntax.verb_words(verb), argument_head=verb, about=people)
        coding = self.coding(verb, lemma, ctx) or (self.coding(verb, base, ctx) if lemma != base else None)
        if coding is None:
            return None
        if coding.removes and frames.describes_people_of(verb) is not None:
            return None  # "agreed to accept migrants deported from the US": who the people are
        if coding.is_light:
            patient = syntax.patient(verb)
            if patient is None:
                return None
            if patient.ent_type_ == "MONEY" or syntax.lemma(patient) in _CURRENCIES:
                patient = syntax.prep_object(patient, ("of",)) or patient  # "announced 200 million euros of financial support"
            noun_coding = self.noun_coding(patient, ctx)
            if noun_coding is None:
                return None
            if "stance" in noun_coding.frame and any(c.dep_ == "det" and c.lower_ == "no" for c in patient.children):
                return None  # "expressed no concern": a stance not voiced
            ctx.consumed.add(patient.i)
            return Frame(verb, noun_coding, syntax.lemma(patient), syntax.verb_words(verb) + " " + patient.text,
                         argument_head=verb, chain=(patient,), inverse="inverse" in coding.frame)
        return Frame(verb, coding, lemma, syntax.verb_words(verb), argument_head=verb)

    def _orders_own_organ(self, verb: Token, ctx: SentenceContext) -> bool:
        """"directing his government to suspend visas to U.S. citizens", "ordered the Pentagon to
        deploy troops": an order to one's own state's organ is no request between parties; the
        state acts, and the complement is the event (by the organ, planned)."""
        if syntax.lemma(verb) not in _DIRECTING:
            return False
        organ = syntax.direct_object(verb)
        subjects = syntax.subject_tokens(verb)
        if organ is None or not subjects:
            return False
        orderer = self.resolver.actor_at(subjects[0], ctx)
        if orderer is None or orderer.entity.type not in ("Person", "Country", "GovernmentBody"):
            return False
        noun = actor_nouns().get(syntax.compound_lemma(organ)) or actor_nouns().get(syntax.lemma(organ))
        if noun is not None and noun.kind in ("state", "organ") and any(
                c.dep_ == "det" and c.lower_ == "the" or c.tag_ == "PRP$" for c in organ.children):
            return True  # "told the army", "directing his government": the orderer's own
        ordered = self.resolver.actor_at(organ, ctx)
        return (ordered is not None and ordered.entity.type in ("GovernmentBody", "Country")
                and ordered.entity.country is not None and ordered.entity.country == orderer.entity.country)

    def _own_row_for_complement(self, verb: Token, lemma: str, xcomp: Token, ctx: SentenceContext) -> Coding | None:
        """The hand lexicon's row of a verb of stopping or resuming for the object of its gerund
        ("stop" + VISA), when it names that object's class."""
        if lemma not in _STOPPING or xcomp.tag_ != "VBG":
            return None
        handled = syntax.direct_object(xcomp)
        if handled is None:
            return None
        coding = lexicon.lookup(lemma, "V", self.classes(handled, ctx))
        return coding if coding is not None and coding.object_class not in ("*", "GROUP") else None

    def coding(self, verb: Token, lemma: str, ctx: SentenceContext) -> Coding | None:
        if not lexicon.is_predicate(lemma, "V"):
            return broad_coding(verb, lemma)
        if lemma == "call" and any(c.dep_ in ("oprd", "ccomp", "xcomp") for c in verb.children):
            return None  # "called it an administrative matter": naming, not a call
        patient = syntax.patient(verb)
        # custody held is a detention only as a place ("taken into custody"); "took custody of the
        # deportees" is a handover
        classes = tuple(c for c in self.classes(patient, ctx) if c != "CUSTODY") if patient is not None else ()
        for second in verb.children:  # "paid Rwanda 240 million pounds": both objects count
            if second.dep_ in ("dobj", "dative", "npadvmod") and (patient is None or second.i != patient.i) and second.pos_ in ("NOUN", "PROPN"):
                classes += self.classes(second, ctx)
        if not classes:
            classes = self._prepositional_classes(verb, ctx)
        coding = lexicon.lookup(lemma, "V", classes)
        if coding is None or coding.object_class in _UNSPECIFIC_OBJECTS:
            custody = self._custody(verb, lemma)  # "were taken into custody", "placed in detention"
            if custody is not None:
                return custody
        if coding is None or coding.is_light or coding.object_class in _UNSPECIFIC_OBJECTS:
            # kg's rows say nothing specific here, or only who undergoes it (the hand lexicon wins
            # where it names the thing acted on); a PETRARCH pattern naming the words of a
            # prepositional phrase may ("five migrants were taken into custody": not a reception)
            specific = prepositional_pattern(verb, lemma)
            if specific is not None:
                return specific
        if coding is not None and "DISCOURSE" in classes and coding.type not in _JUDGING + ("AGREE",):
            return None  # "released a statement", "requested anonymity": talk about talk ("agreed the details" is an agreement)
        return coding

    def noun_coding(self, noun: Token, ctx: SentenceContext) -> Coding | None:
        if lexicon.object_classes().get(syntax.compound_lemma(noun)) == "DISCOURSE":
            return None  # "a press release", "a news conference statement": talk, not the event named
        of_object = syntax.prep_object(noun, ("of",))
        classes = self.classes(of_object, ctx) if of_object is not None else ()
        if not classes and lexicon.is_predicate(syntax.lemma(noun), "N"):
            # "resumed normal removals processing for Cuban nationals": who undergoes it
            undergoing = syntax.undergoer(noun, ("for", "against"))
            classes = self.classes(undergoing, ctx) if undergoing is not None else ()
        coding = lexicon.lookup(syntax.compound_lemma(noun), "N", classes) or lexicon.lookup(syntax.lemma(noun), "N", classes)
        if coding is None and noun.lower_ == "talks":
            coding = lexicon.lookup("talks", "N", classes)
        if coding is not None and coding.type == "SUPPORT" and any(
                c.dep_ == "amod" and c.lower_ in _MATERIAL for c in noun.children):
            # "200 million euros of financial support from Spain": support that is money is aid
            coding = lexicon.lookup("aid", "N", classes) or coding
        if coding is None and (lexicon.object_classes().get(syntax.lemma(noun)) in ("FLIGHT", "AID")
                               or syntax.lemma(noun) in _EVENT_CARRIERS):
            # "deportation flights": the event is the compound, the head the vehicle; "a $1 billion
            # aid package": the head is what the aid comes in
            for compound in noun.lefts:
                if compound.dep_ == "compound":
                    coding = lexicon.lookup(syntax.lemma(compound), "N", ()) or lexicon.lookup(
                        syntax.lemma(compound), "N", ("GROUP",))  # "a deportation drive against Afghans"
                    if coding is not None:
                        break
        return coding

    def adjective_frame(self, adjective: Token) -> Frame | None:
        """"We are grateful to our partner Kosovo", "was critical of the plan": a predicate
        adjective of praise or blame (pos A in the lexicon), its subject the actor."""
        if adjective.dep_ not in ("acomp", "ROOT") or not lexicon.is_predicate(syntax.lemma(adjective), "A"):
            return None
        coding = lexicon.lookup(syntax.lemma(adjective), "A", ())
        if coding is None or not own_event(adjective):
            return None
        words = f"{adjective.head.text} {adjective.text}" if adjective.dep_ == "acomp" else adjective.text
        return Frame(adjective, coding, syntax.lemma(adjective), words, argument_head=adjective)

    def noun_frame(self, noun: Token, ctx: SentenceContext) -> Frame | None:
        journey = frames.vehicle_noun_frame(noun, ctx, self.resolver)
        if journey is not None:
            # "confirmed the arrival of the first flight carrying deported Nicaraguans": the removal
            coding, vehicle = journey
            return Frame(noun, coding, syntax.lemma(noun), noun.text, argument_head=noun, vehicle=vehicle)
        coding = self.noun_coding(noun, ctx)
        if coding is None or coding.type is None:
            return None
        if noun.dep_ in ("compound",):
            return None  # coded at the head ("deportation flights")
        if noun.pos_ == "PROPN" or (noun.text[:1].isupper() and noun.i > syntax.sent_start(noun)):
            return None  # part of a name ("U.S.-Mexico-Canada Agreement", "Safe Mobility Office Initiative")
        if noun.dep_ == "appos":
            return None  # "visited Panama, his first trip abroad": the verb already says it
        if "stance" in coding.frame and not _reported_stance(noun) and not in_partnership(noun):
            # "Mexico's opposition to the plan grew", "amid the crackdown": a stance or campaign the
            # story has as background; it is an event when a verb reports it ("voiced opposition",
            # light verbs) or acts on it ("thanked Macron for his support for the police")
            return None
        about = syntax.prep_object(noun, ("for",))
        if about is not None and lexicon.object_classes().get(syntax.lemma(about)) == "DISCOURSE":
            return None  # "did not respond to a request for comment": newsroom boilerplate
        if coding.type == "AGREE" and syntax.lemma(noun) in _AGREEMENT_NOUNS and not any(
            c.dep_ in ("acl", "relcl") and any(t.dep_ == "aux" and t.lower_ == "to" for t in c.children) for c in noun.children
        ):
            return None  # "Rome's deal with Tirana" names an agreement; "Colombia's agreement to accept" is one
        if _patient_of_event(noun) and not explicit_agent(noun):
            # "rejected the U.S. deportation flight" is one event; "refused to approve the
            # government's detention of 12 migrants" is two: the possessive states an agent
            return None
        about = None
        if coding.removes and noun.dep_ == "dobj" and syntax.lemma(noun.head) in _AWAITING:
            # "70 Haitians are awaiting deportation": the people the removal waits for
            about = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        return Frame(noun, coding, syntax.lemma(noun), noun.text, argument_head=noun, about=about)

    def classes(self, token: Token, ctx: SentenceContext) -> tuple[str, ...]:
        """Object classes of a noun phrase head: lexical class first, then what it names."""
        found = []
        table = lexicon.object_classes()
        token = syntax.quantified(token)  # "decades of military cooperation", "12 of the migrants"
        if syntax.lemma(token) in _PROCESSING:
            token = syntax.prep_object(token, ("of",)) or token  # "suspended the issuance of visas": visas
        # a capitalized plural keeps its "s" as the lemma of a name ("the Asylum Cooperative Agreements")
        singular = token.lower_[:-1] if token.lower_.endswith("s") else token.lower_
        of_object = syntax.prep_object(token, ("of",))
        # "a state of emergency", "a state of alert": the class of the phrase, before its head's
        of_phrase = f"{syntax.lemma(token)} of {syntax.lemma(of_object)}" if of_object is not None else ""
        for key in (of_phrase, syntax.compound_lemma(token), syntax.lemma(token), token.lower_, singular):
            if key in table:
                found.append(table[key])
                break
        else:  # "the green light": a phrase with its adjective, when the noun alone is no class
            phrase = next((table[f"{a.lower_} {syntax.lemma(token)}"] for a in token.lefts
                           if a.dep_ == "amod" and f"{a.lower_} {syntax.lemma(token)}" in table), None)
            if phrase is not None:
                found.append(phrase)
        if found and found[0] == "PERMISSION" and any(
                c.dep_ in ("acl", "relcl") and syntax.lemma(c) in _RESIDING for c in token.children):
            found[0] = "ASYLUM"  # "granted special permission to stay in Japan": leave to remain is protection
        if found and found[0] == "PERMISSION" and syntax.lemma(token) == "right" and any(
                table.get(syntax.lemma(t)) == "ASYLUM" for t in token.subtree if t.i != token.i):
            found[0] = "RIGHTS"  # "the right to asylum", "the right to apply for asylum": a right of the people
        for modifier in token.lefts:  # "tariff order", "visa sanctions", "repatriation flights"
            if modifier.dep_ == "compound" and syntax.lemma(modifier) in table:
                found.append(table[syntax.lemma(modifier)])
        participant = self.resolver.resolve(token, ctx.mentions, ctx.memory)
        if participant is None and token.lower_ in ("he", "she", "him", "her"):
            found.append("PERSON")  # "he was turned over to ...": a person, whoever the article says
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

    @staticmethod
    def _custody(verb: Token, lemma: str) -> Coding | None:
        """"Taken into custody", "placed in detention", "sent to prison": a verb that puts people
        where they are held is a detention, whoever they are (the people stay its patient)."""
        return lexicon.lookup(lemma, "V", ("CUSTODY",)) if syntax.custody_place(verb) is not None else None

    def _prepositional_classes(self, verb: Token, ctx: SentenceContext) -> tuple[str, ...]:
        """"cracked down on migrants", "imposed tariffs on": the object behind a particle/preposition."""
        for prep in verb.children:
            if prep.dep_ == "prep":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        classes = self.classes(pobj, ctx)
                        if classes:
                            return classes
        return ()

    def consume_objects(self, verb: Token, ctx: SentenceContext) -> None:
        patient = syntax.patient(verb)
        if patient is not None and not explicit_agent(patient):
            ctx.consumed.add(patient.i)


@cache
def discourse_verbs() -> frozenset[str]:
    return frozenset(cells[0] for cells in _rows(lexicon_dir() / "discourse_verbs.tsv"))


def own_event(verb: Token) -> bool:
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
        item = syntax.reason_item(token)
        if item is not None:
            token = item  # a later item of a "for …-ing" list is where the first one is
            continue
        if syntax.finite_conjunct_of_infinitive(token):
            token = token.head.head  # "urged X to release Y and accused Z": "accused" is its own clause
            continue
        head = token.head
        if head.i == token.i:
            return True
        if token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            if _is_event_verb(head) and not _is_talk(head) and not _transparent(head):
                return False  # purpose of an event (but "spoke with X to congratulate him" says what the call did)
        if token.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "for" and _praises(head.head):
            return True  # "thanked Mexico for receiving deportation flights": what is praised happened
        if token.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in ("of", "for", "from") and (
            _is_event_verb(head.head) or (head.head.dep_ == "dobj" and _is_event_verb(head.head.head))
        ):
            # the charge or reason of a judgment, or what was prevented ("blocked X from deporting"),
            # also when the parser hangs the preposition on the object ("accused guards of beating")
            return False
        if token.dep_ in ("xcomp", "ccomp") and _is_event_verb(head) and lexicon.complement_verbs().get(syntax.lemma(head)) is None \
                and syntax.direct_object(head) is not None and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            return False  # what an event was for: "will pay El Salvador $6 million to hold the Venezuelans"
        if token.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) \
                and head.pos_ == "NOUN" and syntax.lemma(head) not in _INTENTION_NOUNS and not any(c.dep_ == "poss" for c in head.children):
            return False  # what a thing is for: "a pilot scheme to return migrants", "flights to deport"
        if token.dep_ in ("acl", "relcl") and head.pos_ == "NOUN" and lexicon.object_classes().get(syntax.lemma(head)) in (
                "PERMISSION", "RIGHTS"):
            return False  # "migrants' right to apply for asylum", "permission to land": what one may do, not a deed
        if token.dep_ == "acl" and head.pos_ == "NOUN" and syntax.lemma(head) in _THREAT_NOUNS:
            return False  # "Hungary's threat to send migrants to Brussels": the threat's content, not an act
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children):
            return False
        if token.i != verb.i and governed(token):
            return False  # inside the complement of "threatened", "refused", "promised"
        if token.dep_ not in ("advcl", "xcomp", "ccomp", "conj", "pcomp", "prep", "relcl", "acl"):
            return True
        token = head
    return True


def _transparent(verb: Token) -> bool:
    """A verb whose complement is the event ("worked to deport them", "moved to expel"), as long
    as it names no partner in its own preposition ("worked with Mexico to ..." is working with)."""
    behaviour = lexicon.complement_verbs().get(syntax.lemma(verb))
    return behaviour is not None and behaviour[0] == "transparent" and not _names_partner(verb)


def _names_partner(verb: Token) -> bool:
    """Does the verb have an object in a preposition its lexicon row takes the target from, or
    say its subjects act with each other ("have been working together to ...")?"""
    if any(c.dep_ == "advmod" and c.lower_ == "together" for c in verb.children):
        return True
    coding = lexicon.lookup(syntax.lemma(verb), "V", ())
    return coding is not None and syntax.prep_object(verb, tuple(coding.target_prepositions())) is not None


# "in close coordination with", "in cooperation with": the manner of an act done with a partner.
_PARTNERING = ("coordination", "cooperation", "collaboration", "partnership", "conjunction", "concert")


def in_partnership(noun: Token) -> bool:
    """"The flight was conducted in close coordination with the Chinese authorities": an act done
    with a partner is cooperation with it, by whoever did the act."""
    return (syntax.lemma(noun) in _PARTNERING and noun.dep_ == "pobj" and noun.head.lower_ == "in"
            and noun.head.head.pos_ in ("VERB", "AUX") and syntax.prep_object(noun, ("with",)) is not None)


def _reported_stance(noun: Token) -> bool:
    """A stance noun with its holder named, that an event or reporting verb governs: "thanked
    Macron for his support", "welcomed Mexico's commitment", "rejected Italy's criticism"."""
    if not explicit_agent(noun):
        return False
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    if head.pos_ not in ("VERB", "AUX") or noun.dep_ not in ("dobj", "pobj"):
        return False
    return _is_event_verb(head) or syntax.lemma(head) in lexicon.reporting_verbs()


def _praises(token: Token) -> bool:
    """"thanked", "praised", "grateful": words of praise, whose "for …-ing" states a fact."""
    if token.pos_ not in ("VERB", "AUX", "ADJ"):
        return False
    coding = lexicon.lookup(syntax.lemma(token), "A" if token.pos_ == "ADJ" else "V", ("ACTOR", "PERSON", "STATE"))
    return coding is not None and coding.type == "SUPPORT"


def _is_talk(token: Token) -> bool:
    coding = lexicon.lookup(syntax.phrasal_lemma(token), "V", ("ACTOR", "PERSON", "STATE")) or lexicon.lookup(syntax.lemma(token), "V", ("ACTOR",))
    return coding is not None and coding.type == "CONSULT"


def _is_event_verb(token: Token) -> bool:
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = syntax.lemma(token)
    behaviour = lexicon.complement_verbs().get(lemma)
    return lexicon.is_predicate(syntax.phrasal_lemma(token), "V") or lexicon.is_predicate(lemma, "V") or (
        behaviour is not None and behaviour[0] in ("govern", "govern-object")
    )


def governed(verb: Token) -> bool:
    """Is `verb` the complement of a verb that codes the event itself ("refused to allow",
    "its position on accepting")?"""
    if verb.dep_ not in ("xcomp", "ccomp", "advcl", "pcomp", "acl", "relcl") or verb.head.i == verb.i:
        return False
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        head = head.head
        stance = syntax.direct_object(head) if head.pos_ in ("VERB", "AUX") else None
        if stance is not None and syntax.verbal_complement(stance) is not None and syntax.verbal_complement(stance).i == verb.i:
            return True  # "taken a firm stance on accepting": the stance codes it
    complement = syntax.verbal_complement(head)
    if complement is None or complement.i != verb.i:
        return False
    behaviour = lexicon.complement_verbs().get(syntax.phrasal_lemma(head)) or lexicon.complement_verbs().get(syntax.lemma(head))
    if behaviour is not None and vows_harm(head, verb):
        return False  # "vowed to carry out mass deportations": the deportations, planned
    if behaviour is not None and behaviour[0] == "planned" and _demand_of_another(head, verb):
        return True  # "expects Vietnam to take back its citizens": the demand codes it (verb_frame)
    return behaviour is not None and behaviour[0] in ("govern", "govern-object")


def _demand_of_another(verb: Token, complement: Token) -> bool:
    """A verb of intention with an object or the infinitive's own subject ("expects all nations
    to cooperate", "wants Mexico to take back") demands the act of that party."""
    party = syntax.direct_object(verb) or next((c for c in complement.children if c.dep_ == "nsubj"), None)
    # "scheduled a trip to visit the men": an event or a thing is no one a demand is made of
    return party is not None and not lexicon.is_predicate(syntax.lemma(party), "N") \
        and syntax.lemma(party) not in lexicon.object_classes()


# Promises made to no one in particular (modality.VOWS); with a harmful act as their content
# they announce that act ("Trump vowed to deport millions" is a planned COERCE, as the gold
# coders code it), where a promise of cooperation stays AGREE ("pledged to accept deportees").
_HARMS = ("COERCE", "SANCTION", "ASSAULT", "MOBILIZE")


def _promises_harm(verb: Token) -> bool:
    """A vow whose content clause says a harm will hold or come ("promised that tariffs would
    remain in effect"): what is vowed is told by that clause's own words, not an agreement."""
    if syntax.lemma(verb) not in modality.VOWS:
        return False
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        for subject in clause.children:
            if subject.dep_ in ("nsubj", "nsubjpass"):
                harm = lexicon.lookup(syntax.lemma(subject), "N", ())
                if lexicon.object_classes().get(syntax.lemma(subject)) == "TARIFF" or (
                        harm is not None and harm.type in _HARMS):
                    return True
    return False


def vows_harm(head: Token, complement: Token) -> bool:
    if syntax.lemma(head) not in modality.VOWS or any(c.dep_ in ("dative", "dobj") for c in head.children):
        return False
    for purpose in complement.children:
        # "promised to sign all necessary documents to charge Mexico a 25% tariff": the harm the
        # signing is for is what is vowed
        if purpose.dep_ in ("advcl", "xcomp", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in purpose.children) \
                and _codes_harm(purpose):
            return True
    for obj in complement.children:
        if obj.dep_ == "dobj":
            for purpose in obj.children:
                if purpose.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in purpose.children) \
                        and _codes_harm(purpose):
                    return True
    return _codes_harm(complement)


def _codes_harm(complement: Token) -> bool:
    classes = tuple(filter(None, (lexicon.object_classes().get(syntax.lemma(c)) for c in complement.children
                                  if c.dep_ in ("dobj", "dative", "npadvmod"))))
    coding = lexicon.lookup(syntax.phrasal_lemma(complement), "V", classes)
    if coding is not None and coding.is_light:  # "vowed to carry out mass deportations"
        patient = syntax.patient(complement)
        coding = lexicon.lookup(syntax.lemma(patient), "N", ()) if patient is not None else None
    return coding is not None and coding.type in _HARMS


def _embedded_coding(verb: Token, finder: "PredicateFinder", ctx: SentenceContext) -> Coding | None:
    lemma = syntax.phrasal_lemma(verb)
    return finder.coding(verb, lemma, ctx)


def threat_mode(coding: Coding, embedded: Coding) -> Coding:
    """THREATEN's mode is the content of the threat (PLOVER): tariffs → restrict, deport → expel."""
    modes = {"SANCTION": "restrict", "COERCE": "restrict", "ASSAULT": "violence", "MOBILIZE": "violence"}
    mode = {"deport": "expel", "arrest": "arrest"}.get(embedded.mode or "", modes.get(embedded.type or ""))
    cameo = "1312" if embedded.type == "SANCTION" else coding.cameo
    return Coding(coding.type, cameo, mode, coding.frame, coding.object_class)


def willing(token: Token) -> bool:
    """"ready to take back", "willing to accept", "its position on accepting": an adjective or a
    noun of stance that governs an intended act."""
    if token.pos_ not in ("ADJ", "NOUN"):
        return False
    behaviour = lexicon.complement_verbs().get(syntax.lemma(token))
    if behaviour is None or behaviour[0] != "govern":
        return False
    return syntax.verbal_complement(token) is not None


def _patient_of_event(noun: Token) -> bool:
    """An event noun that is itself what another predicate acts on is coded there, not again."""
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
        return lexicon.is_predicate(syntax.phrasal_lemma(head), "V") or lexicon.is_predicate(syntax.lemma(head), "V")
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        verb = head.head
        return lexicon.is_predicate(syntax.phrasal_lemma(verb), "V") and head.lower_ in ("on", "against", "of")
    return False


# Verbs of directing someone to act: towards one's own organs, they are the state acting.
_DIRECTING = ("order", "direct", "instruct", "tell", "task", "command", "mandate")
def explicit_agent(noun: Token) -> bool:
    """A possessive or a by-phrase names the agent of an event noun ("the government's detention",
    "raids by ICE"), and a state names the operator of a deportation flight ("two U.S.
    deportation flights carrying 180 Guatemalans"): such a nominal is an event of its own even
    inside another one."""
    if any(c.dep_ == "poss" for c in noun.children) or syntax.prep_object(noun, ("by",)) is not None:
        return True
    if lexicon.object_classes().get(syntax.lemma(noun)) != "FLIGHT" or not any(
        c.dep_ in ("compound", "nmod", "amod") and c.ent_type_ in ("GPE", "NORP") for c in noun.children
    ):
        return False
    # only where the flight happened: received or accepted, not refused or threatened
    head = noun.head
    coding = lexicon.lookup(syntax.lemma(head), "V", ("FLIGHT",)) if head.pos_ == "VERB" else None
    return coding is not None and coding.type in ("COOPERATE", "AGREE", "RETREAT")


def is_event_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and (
        lexicon.is_predicate(syntax.lemma(token), "N") or lexicon.is_predicate(syntax.compound_lemma(token), "N")
    )


# ---------------------------------------------------------------------- PETRARCH2's verbs
# Prepositions that introduce the counterpart of an event of each type, for verbs whose
# patterns do not say ("clashed with", "lashed out at", "pressed for").
_TYPE_PREPOSITIONS = {
    "CONSULT": ("with",), "AGREE": ("with",), "COOPERATE": ("with",), "SUPPORT": ("with",),
    "ACCUSE": ("against", "at", "on"), "THREATEN": ("against",), "SANCTION": ("against", "on"),
    "PROTEST": ("against",), "REJECT": ("to",), "REQUEST": ("to", "from"), "AID": ("to",),
    "COERCE": ("against", "on"), "ASSAULT": ("against", "on"), "MOBILIZE": ("against",),
}
# CAMEO codes of movements of people: their "to" and "from" are places.
# Nouns whose infinitive says what is threatened, not what is done.
_THREAT_NOUNS = ("threat", "warning", "ultimatum")
_MOVEMENT_CODES = ("174", "0841")
# Adjectives that make support material (PLOVER AID, not verbal SUPPORT).
_MATERIAL = ("financial", "humanitarian", "military", "technical", "economic", "budgetary", "logistical", "material")
# Verbs that stop or resume what they govern, and nouns of handling that stand for what they handle.
_STOPPING = ("stop", "halt", "suspend", "cease", "resume", "end")
_PROCESSING = ("issuance", "issuing", "issue", "processing", "granting", "delivery")


def broad_coding(verb: Token, lemma: str) -> Coding | None:
    """The coding of a verb kg's own lexicon lacks, from PETRARCH2's patterns and defaults.

    A pattern that fits the verb's object, prepositional phrases and subject gives its code;
    otherwise the verb's default. A default is coded only between two parties (frame
    `party`), as PETRARCH codes events only between a source and a target actor: "Chad
    bolstered ties with Niger" is an event, "prices bolstered" is not.
    """
    if lemma in lexicon.reporting_verbs() or lemma in lexicon.complement_verbs() or lemma in discourse_verbs():
        return None  # speech, control and framing verbs are read by their own rules
    entry = lexicon.broad_verbs().get(lemma)
    if entry is None:
        return None
    cameo, matched = entry.default, False
    for pattern in entry.patterns:
        if _pattern_fits(pattern, verb):
            cameo, matched = pattern.cameo, True
            break
    if cameo is None:
        return None
    coding = lexicon.coding_for(lexicon.PredicateRow(lemma, "V", "*", cameo, None, None, frozenset()))
    if coding.type is None:
        return None
    frame = {f"tp:{p}" for p in entry.target_prepositions + _TYPE_PREPOSITIONS.get(coding.type, ())}
    frame.add("broad")
    if not matched:
        frame.add("party")
    if cameo.startswith(_MOVEMENT_CODES):
        frame.add("move")
    return Coding(coding.type, coding.cameo, coding.mode, frozenset(frame), "*")


# Object classes that say only which people undergo an act, not what it is: a prepositional
# pattern naming its words is more specific ("taken into custody"; a party met stays a meeting).
_UNSPECIFIC_OBJECTS = ("*", "GROUP")
# Heads that carry the event their compound names: "a deportation drive", "removals processing",
# "the repatriation programme", "a mass deportation exercise".
_EVENT_CARRIERS = ("process", "processing", "operation", "program", "programme", "procedure", "exercise", "campaign",
                   "drive", "effort", "mission", "scheme")
# Verbs whose object is a removal waiting for its people ("70 Haitians are awaiting deportation").
_AWAITING = ("await", "face", "risk")
_CURRENCIES = ("euro", "dollar", "pound", "peso", "franc", "shilling", "rand", "naira", "yen", "yuan", "rupee", "million", "billion")
# Permission to stay, remain or live somewhere is protection (ASYLUM), not mere permission.
_RESIDING = ("stay", "remain", "reside", "live", "settle")
# Orders to leave: an expulsion of the people ordered out ("were ordered to leave the country").
_ORDERING = ("order", "instruct", "direct", "tell", "force", "compel")
_LEAVING = ("leave", "depart", "exit", "quit")
_EXPULSION_ORDER = lexicon.PredicateRow("expel", "V", "GROUP", "174", None, "deport", frozenset({"move"}))


def prepositional_pattern(verb: Token, lemma: str) -> Coding | None:
    """The coding of the first PETRARCH2 pattern for `lemma` with a prepositional constraint
    that the verb's phrases fit ("take pp=into:custody" → arrest), or None."""
    entry = lexicon.broad_verbs().get(lemma)
    if entry is None:
        return None
    for pattern in entry.patterns:
        if pattern.preps and all(words for _, words in pattern.preps) and pattern.cameo is not None \
                and _pattern_fits(pattern, verb):
            coding = lexicon.coding_for(lexicon.PredicateRow(lemma, "V", "*", pattern.cameo, None, None, frozenset()))
            if coding.type is None:
                return None
            frame = {f"tp:{p}" for p in entry.target_prepositions + _TYPE_PREPOSITIONS.get(coding.type, ())} | {"broad"}
            if pattern.cameo.startswith(_MOVEMENT_CODES):
                frame.add("move")
            return Coding(coding.type, coding.cameo, coding.mode, frozenset(frame), "*")
    return None


def _fits(words: tuple[str, ...] | None, token: Token | None) -> bool:
    """Does a noun phrase head (with its compounds) match one of a pattern's words or phrases?"""
    if words is None:
        return token is not None
    if token is None:
        return False
    forms = {syntax.lemma(token), token.lower_}
    phrases = set(syntax.compound_lemmas(token)) | {" ".join(t.lower_ for t in token.lefts if t.dep_ in ("compound", "amod")) + " " + token.lower_}
    for word in words:
        if " " in word:
            if word in phrases:
                return True
        elif word in forms or (len(word) >= 5 and any(f.startswith(word) for f in forms)):
            return True
    return False


def _pattern_fits(pattern: lexicon.VerbPattern, verb: Token) -> bool:
    if pattern.object is not None and not _fits(pattern.object, syntax.patient(verb)):
        return False
    for prep, words in pattern.preps:
        objects = [syntax.prep_object(verb, (prep,))]
        patient = syntax.patient(verb)
        if patient is not None:
            objects.append(syntax.prep_object(patient, (prep,)))  # "accused Caracas of failing"
        if not any(_fits(words, o) for o in objects if o is not None) and not (
            words is None and any(c.dep_ in ("prep", "prt") and c.lower_ == prep for c in verb.children)
        ):
            return False
    if pattern.subject is not None and not any(_fits(pattern.subject, s) for s in syntax.subject_tokens(verb)):
        return False
    return True

