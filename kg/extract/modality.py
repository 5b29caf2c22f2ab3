"""How a sentence puts an event forward: negated or not, asserted, reported, planned, hypothetical, and says who.

    "did not elaborate", "has not been granted", "no such deal was reached",
    "had no plans to deport", "failed to honor"            → negated
    "will deport", "plans to", "is scheduled to", "will likely deport" → planned
    "could", "may", "might", "if …", "unless …", "considering" → hypothetical
    "X said/announced/claimed that …", "according to X"  → reported, attributed to X
    "officials confirmed that …" (factive)                 → asserted, attributed to the officials
    "Panama denied that a deal was reached"               → negated, attributed to Panama

PLOVER's auxiliary modes (historical, future, hypothetical, negation) are the
model; reported speech is added because analysts ask "says who?".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.extract import lexicon, syntax
from kg.extract.actors import ACTOR_TYPES
from kg.model import Participant

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.actors import ActorResolver
    from kg.extract.discourse import SentenceContext

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "’ll"}
#: Promises made to no one in particular: with a harm as content, that harm, planned
#: (kg.extract.predicates.vows_harm).
VOWS = ("vow", "pledge", "promise", "swear")
_HEDGE_AUX = {"may", "might", "could", "should", "can", "must"}
_HEDGE_ADVERBS = {"likely", "possibly", "probably", "perhaps", "potentially", "maybe", "conceivably"}
_CONDITIONAL_MARKS = {"if", "unless", "whether"}
_NEGATORS = {"not", "n't", "never", "no", "neither", "nor"}
_PLANNED_NOUNS = {"plan", "intention", "proposal", "bid", "attempt", "effort", "threat", "promise", "pledge"}


@dataclass(frozen=True)
class Stance:
    negated: bool
    modality: str
    speaker: Participant | None
    ultimatum: bool = False  # the consequence of a condition: "if you don't leave, we will arrest you"


def is_reporting(verb: Token) -> bool:
    """A speech or reporting verb introducing a clause ("said that …", "Mexico denied, officials confirmed")."""
    lemma = syntax.lemma(verb)
    if lemma not in lexicon.reporting_verbs():
        return False
    return any(c.dep_ in ("ccomp", "parataxis") for c in verb.children) or (
        lemma in ("say", "state", "tell", "add", "note") and not any(c.dep_ == "dobj" for c in verb.children)
    )


def read(head: Token, ctx: "SentenceContext", resolver: "ActorResolver", nominal: bool = False) -> Stance:
    verb = _clause_verb(head) if nominal else head
    negated = _negated_noun(head) if nominal else False
    if verb is None:
        speaker, factive, denies, framed = _attribution(head, ctx, resolver)
        modality = "reported" if framed and not factive else "asserted"
        return Stance(negated != denies, modality, speaker)
    chain = _governing_chain(verb)
    if not nominal or syntax.lemma(verb) not in ("have",):
        # negation anywhere up the chain of governing verbs and nouns: "has no plans to try to expel"
        negated = negated or any(_has_negation(t) or _negative_object(t) for t in chain)
    else:
        negated = negated or _has_negation(verb)
    for token in chain[1:]:
        behaviour = lexicon.complement_verbs().get(syntax.lemma(token))
        if behaviour and behaviour[0] == "negate":
            negated = not negated
    speaker, factive, denies, framed = _attribution(verb, ctx, resolver)
    if denies:
        negated = not negated
    modality = _modality(verb, chain, reported=framed and not factive)
    if nominal and modality == "asserted" and any(
        c.dep_ == "amod" and syntax.lemma(c) in ("plan", "planned", "proposed", "possible", "potential", "threatened")
        for c in head.children
    ):
        modality = "planned"
    if modality == "asserted" and framed and not factive:
        modality = "reported"  # "officials said": reported even when the speaker is unnamed
    lead = verb.head if verb.dep_ == "conj" else verb  # "we will hunt you down, arrest you": the tense is the first verb's
    ultimatum = _consequence(verb, ctx, resolver) and _modality(lead, _governing_chain(lead), reported=False) in (
        "planned", "hypothetical")
    return Stance(negated, modality, speaker, ultimatum)


# ---------------------------------------------------------------------- negation
def _has_negation(token: Token) -> bool:
    for child in token.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ == "advmod" and child.lower_ in ("never", "no longer"):
            return True
    return False


_OBLIGATION_AUX = ("must", "should", "ought")


def obliges(verb: Token) -> bool:
    """"Mexico must accept the flights", "should take them back", "has to be resolved": the act
    is what someone is told to do, not what they do or will do."""
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _OBLIGATION_AUX for c in verb.children):
        return True
    head = verb.head
    if verb.dep_ == "xcomp" and head.i != verb.i and syntax.lemma(head) in _ASPECTUAL and obliges(head):
        return True  # "should stop pushing back refugees": what they are told to stop
    return verb.dep_ == "xcomp" and head.i != verb.i and syntax.lemma(head) in ("have", "need") and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and syntax.direct_object(head) is None


_WILL_OR_CAN = ("will", "wo", "would", "shall", "can", "ca", "could")
# Verbs of beginning, continuing and ending: an obligation on them is on the act they govern.
_ASPECTUAL = ("stop", "cease", "end", "start", "begin", "continue", "keep", "resume")


def declares_refusal(verb: Token) -> bool:
    """"Nigeria cannot accept deportees", "Ecuador will not accept them", "would never sign", "we
    do not accept": a negated will or ability to act, or a negated present, is a refusal
    declared, not an act that did not happen ("Mexico did not accept the flight" is)."""
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in _WILL_OR_CAN for c in verb.children)
    # "We do not accept handcuffed Colombians": a present-tense refusal is a stance declared now
    present = any(c.dep_ == "aux" and c.lemma_ == "do" and c.tag_ in ("VBP", "VBZ") for c in verb.children)
    return (modal or present) and _has_negation(verb)


def _none_of(noun: Token) -> bool:
    """"no agreement", "not a single individual", "not one migrant": a noun phrase that counts none."""
    for d in noun.children:
        if (d.dep_ == "det" and d.lower_ == "no") or (d.dep_ == "neg" and d.i < noun.i):
            return True
        if d.dep_ in ("nummod", "amod") and d.i < noun.i and any(n.dep_ == "neg" for n in d.children):
            return True  # "not one migrant", the parser's "not" on the number
    return False


def _negative_object(verb: Token) -> bool:
    """"reached no agreement", "no such deal was reached", "had no plans to deport", "not a
    single individual was deported"."""
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") and _none_of(child):
            return True
    head = verb.head
    if verb.dep_ in ("acl", "relcl") and any(d.dep_ == "det" and d.lower_ == "no" for d in head.children):
        return True
    return False


def _negated_noun(noun: Token) -> bool:
    return any(d.dep_ == "det" and d.lower_ == "no" for d in noun.children)


# ---------------------------------------------------------------------- modality
def _governing_chain(verb: Token) -> list[Token]:
    """The verb and the verbs that govern it through complements ("plans to begin deporting")."""
    chain = [verb]
    token = verb
    while token.dep_ in ("xcomp", "ccomp", "conj") and token.head.i != token.i:
        head = token.head
        if head.pos_ not in ("VERB", "AUX"):
            break
        if token.dep_ == "ccomp" and lexicon.reporting_verbs().get(syntax.lemma(head)):
            break
        if token.dep_ == "conj":
            token = head
            continue
        chain.append(head)
        token = head
    # "had no plans to deport", "has no plans to try to expel": the noun governing an infinitive clause
    last = chain[-1]
    if last.dep_ == "acl" and syntax.lemma(last.head) in _PLANNED_NOUNS:
        chain.append(last.head)
    return chain


def _modality(verb: Token, chain: list[Token], reported: bool) -> str:
    aux = set()
    adverbs = set()
    for token in chain:
        for child in token.children:
            if child.dep_ in ("aux", "auxpass"):
                aux.add(child.lower_)
            elif child.dep_ == "advmod":
                adverbs.add(child.lower_)
    future = bool(aux & _FUTURE_AUX) or _going_to(chain)
    behaviours = {lexicon.complement_verbs().get(syntax.lemma(t), ("", None))[0] for t in chain[1:]}
    if any(syntax.lemma(t) in VOWS for t in chain[1:]):
        behaviours.add("planned")  # a vowed harm is a planned one (kg.extract.predicates.vows_harm)
    if any(syntax.lemma(t) in _PLANNED_NOUNS for t in chain[1:] if t.pos_ == "NOUN"):
        behaviours.add("planned")
    if _conditional(verb) or aux & _HEDGE_AUX or "hypothetical" in behaviours:
        return "hypothetical"
    if "would" in aux:
        return "planned" if reported else "hypothetical"
    if future or "planned" in behaviours:
        return "planned"
    if adverbs & _HEDGE_ADVERBS:
        return "hypothetical"
    return "asserted"


def _going_to(chain: list[Token]) -> bool:
    return any(syntax.lemma(t) == "go" and t.tag_ == "VBG" for t in chain[1:])


def _consequence(verb: Token, ctx: "SentenceContext", resolver: "ActorResolver") -> bool:
    """The main clause of an if/unless clause that makes a harm hang on what the one it would
    harm does: on the addressee ("If you don't leave, we will hunt you down, arrest you"), or on
    the party the harm falls on ("its intent to expel the US military if Trump pursues mass
    deportation", "if Colombia refuses, the US will impose tariffs on Colombia"). A condition on
    anything else ("if the mistreatment continues", "if flights were blocked", "if the court
    allows it") states a possibility, not an ultimatum."""
    harmed = syntax.patient(verb)
    for token in _condition_holders(verb):
        for child in token.children:
            if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in child.children):
                subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None) or next(
                    (c for c in child.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"), None)  # "if Trump pursues", misparsed
                if subject is None:
                    continue
                if subject.lower_ == "you" or (harmed is not None and syntax.lemma(subject) == syntax.lemma(harmed)):
                    return True
                if _conditioned_on_the_harmed(verb, child, subject, ctx, resolver):
                    return True
    return False


def _conditioned_on_the_harmed(verb: Token, condition: Token, subject: Token, ctx, resolver) -> bool:
    """Is the condition's subject the party (or of the country) the harm names, in the verb's
    own words outside the condition?"""
    party = resolver.actor_at(subject, ctx) or next(  # "if ... Donald Trump pursues mass deportation", misparsed
        (p for c in subject.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and (p := resolver.actor_at(c, ctx))), None)
    country = party.entity.country if party is not None else None
    if not country or subject.dep_ == "nsubjpass":
        return False
    outside = [t for t in verb.subtree if not (condition.left_edge.i <= t.i <= condition.right_edge.i)
               and t.dep_ not in ("nsubj", "nsubjpass") and t.pos_ in ("PROPN", "NOUN")]
    for token in outside:
        named = resolver.actor_at(token, ctx)
        if named is not None and named.entity.country == country and named.entity.type in ("Country", "GovernmentBody", "Person"):
            return True
    return False


def _condition_holders(verb: Token) -> list[Token]:
    """The verb and what its condition may hang on: the verb it is coordinated with, and the
    intent or plan it is the content of ("expressed its intent to expel ... if ...")."""
    holders = [verb]
    if verb.dep_ == "conj":
        holders.append(verb.head)
    token = verb
    for _ in range(3):
        if token.dep_ not in ("xcomp", "acl", "ccomp") or token.head.i == token.i:
            break
        token = token.head
        holders.append(token)
        if token.pos_ == "NOUN" and token.head.pos_ == "VERB":
            holders.append(token.head)  # "expressed its intent to expel": the intent's verb
            token = token.head
    return holders


def _conditional(verb: Token) -> bool:
    """Inside an if/unless clause, or the main clause of one."""
    token = verb
    while True:
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in token.children):
            return True
        if token.dep_ in ("ROOT",) or token.head.i == token.i:
            break
        if token.dep_ not in ("conj", "xcomp", "advcl", "ccomp"):
            break
        token = token.head
    for child in verb.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITIONAL_MARKS for m in child.children):
            return True
    return False


# ---------------------------------------------------------------------- attribution
def _attribution(verb: Token, ctx: "SentenceContext", resolver: "ActorResolver") -> tuple[Participant | None, bool, bool, bool]:
    """(speaker, factive, denies, framed): the reporting frame around `verb`, if any (`framed`
    says there is one, even when its speaker is no actor kg can name)."""
    token = verb
    seen = 0
    while token.head.i != token.i and seen < 12:
        seen += 1
        according = _according_to(token, ctx, resolver)
        if according is not None:
            return according, False, False, True
        head = token.head
        if token.dep_ in ("ccomp", "parataxis") or (token.dep_ == "conj" and is_reporting(head)):
            entry = lexicon.reporting_verbs().get(syntax.lemma(head))
            if entry is not None:
                speaker = _speaker(syntax.subject_tokens(head), ctx, resolver)
                return speaker, entry.factive, entry.denies, True
        if syntax.content_clause(token):
            # "said in a statement that …": the statement's content is reported speech
            verb = token.head.head.head if token.head.dep_ == "pobj" else token.head.head
            entry = lexicon.reporting_verbs().get(syntax.lemma(verb))
            if entry is not None:
                speaker = _speaker(syntax.subject_tokens(verb), ctx, resolver)
                return speaker, entry.factive, entry.denies, True
        token = head
    according = _according_to(token, ctx, resolver)
    if according is not None:
        return according, False, False, True
    if ctx.quoted_speaker is not None:
        return ctx.quoted_speaker, False, False, True
    return None, False, False, False


def _according_to(token: Token, ctx: "SentenceContext", resolver: "ActorResolver") -> Participant | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "according":
            for to in child.children:
                for pobj in to.children:
                    if pobj.dep_ == "pobj":
                        return _speaker([pobj, *pobj.conjuncts], ctx, resolver)
    return None


def _speaker(tokens: list[Token], ctx: "SentenceContext", resolver: "ActorResolver") -> Participant | None:
    for token in tokens:
        participant = resolver.resolve(token, ctx.mentions, ctx.memory)
        if participant is not None and participant.entity.type in ACTOR_TYPES:
            ctx.memory.last_speaker = (ctx.memory.sentence_index, participant.entity)
            return participant
    return None


def speaker_of(sentence_root: Token, ctx: "SentenceContext", resolver: "ActorResolver") -> Participant | None:
    """The speaker of a reporting verb that introduces a quotation with a colon."""
    if syntax.lemma(sentence_root) in lexicon.reporting_verbs():
        return _speaker(syntax.subject_tokens(sentence_root), ctx, resolver)
    return None


def _clause_verb(noun: Token) -> Token | None:
    """The verb of the clause a nominal event sits in (for its negation, tense and attribution)."""
    token = noun
    for _ in range(6):
        head = token.head
        if head.i == token.i:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head
        token = head
    return None
