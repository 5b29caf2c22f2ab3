"""Judgments: events a sentence tells by what it says of something, not by a verb of the event.

- a court's finding that a plan is unlawful ("ruled that the transfers were illegal": CAMEO 116);
- a reported judgment that condemns ("the minister said the expulsions were inhumane": 111);
- a condemning name ("called the payment egregious", "described them as monsters": 111);
- a need pressed on a party ("stressed the need for Lebanon to implement reforms": a demand, 100).

kg.extract.predicates makes their frames; this module says which sentences hold them.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract import lexicon, syntax

# Judicial findings: "ruled that the plan was unlawful".
RULING_VERBS = ("rule", "find", "declare", "deem", "judge", "hold")
_UNLAWFUL = ("unlawful", "illegal", "unconstitutional", "invalid", "void", "discriminatory", "illegitimate", "arbitrary")
#: The coding of a condemning name: criticism (CAMEO 111).
JUDGED_BY_NAME = lexicon.PredicateRow("criticize", "V", "*", "111", None, None, frozenset())


# Judgments that, said of a policy, an act or a party, voice criticism of it.
_CONDEMNING = _UNLAWFUL + ("wrong", "inhumane", "inhuman", "unacceptable", "cruel", "shameful", "disgraceful",
                           "irresponsible", "inappropriate", "unjust", "outrageous", "racist", "xenophobic",
                           "barbaric", "appalling", "deplorable", "reckless", "dangerous", "unfair", "egregious",
                           "abusive", "brutal", "ineffective", "disastrous", "scandalous", "absurd", "hypocritical",
                           "unworthy", "indecent", "immoral", "unconscionable", "heartless", "callous", "draconian",
                           "humiliating", "degrading", "concerning", "alarming", "worrying", "troubling", "baseless",
                           "unfounded", "provocative", "hostile", "cynical", "unhelpful", "senseless", "unlawful",
                           "monster", "animal", "loophole", "disaster", "scandal", "violation", "breach", "betrayal",
                           "travesty", "affront", "insult", "failure")
# Verbs that name what something is ("called the deal egregious", "described them as monsters").
_NAMING = ("call", "describe", "term", "characterize", "characterise", "dub", "deem", "consider", "portray")


# Verbs that press a need on someone ("stressed the need for Lebanon to implement reforms").
_STRESSING = ("stress", "emphasize", "emphasise", "underline", "underscore", "highlight", "reiterate", "insist")


def needed_of(verb: Token) -> tuple[Token, Token] | None:
    """(the clause, its subject) of "stressed the need for X to do Y", else None."""
    if syntax.lemma(verb) not in _STRESSING:
        return None
    need = syntax.direct_object(verb)
    if need is None or syntax.lemma(need) not in ("need", "necessity"):
        return None
    for clause in need.children:
        if clause.dep_ in ("advcl", "acl", "relcl") and any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children):
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                return clause, subject
    return None


def naming_judgment(verb: Token) -> bool:
    """"Shaheen called the payment 'highly unusual'", "Trump described some as monsters",
    "terming it an inappropriate approach": a naming verb whose name for its object condemns it."""
    if syntax.lemma(verb) not in _NAMING:
        return False
    judged = syntax.direct_object(verb)
    if judged is None or judged.tag_ in ("WP", "WDT"):
        return False  # "citing what it called brutal conditions": the name is the speaker's, not a judgment of anyone
    named = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp")]
    named += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pobj"]
    # the name itself and the adjectives on it: "a landmark agreement that will end illegal crossings" is praise
    words = [w for n in named for head in (n, *n.conjuncts) for w in (head, *(c for c in head.children if c.dep_ in ("amod", "acomp")))]
    return any(w.lower_ in _CONDEMNING or syntax.lemma(w) in _CONDEMNING for w in words)


def condemned_clause(verb: Token) -> Token | None:
    """The clause of "said that X was inhumane": a copula with a condemning complement, not negated."""
    for child in verb.children:
        if child.dep_ in ("ccomp", "parataxis") and syntax.lemma(child) == "be" and not any(c.dep_ == "neg" for c in child.children):
            if any(c.dep_ in ("acomp", "attr") and c.lower_ in _CONDEMNING for c in child.children):
                return child
    return None


def unlawful_clause(verb: Token) -> Token | None:
    """The clause of "ruled that X was unlawful", whose subject is what the ruling is against."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            if any(c.dep_ in ("acomp", "attr") and c.lower_ in _UNLAWFUL for c in child.children):
                return child
    return None
