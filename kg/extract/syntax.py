"""Reading spaCy's dependency tree: the syntax every reading step shares.

Pure functions of tokens (and of the lexicon's word lists): lemmas mended where
the rule lemmatizer errs, the subject of a verb through passives, control,
coordination and relatives, its patient, its prepositional objects, phrasal
verbs, verbal complements, counts, and the words of a noun phrase. Nothing
here resolves an actor or codes an event.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Token

from kg.extract import lexicon

def _per_token(function):
    """Remember a pure function of a token on its doc: reading asks the same question of the
    same token many times (a phrase's words, a verb's phrasal lemma)."""
    name = function.__name__

    def cached(token: Token):
        store = token.doc.user_data.setdefault(("kg", name), {})
        if token.i not in store:
            store[token.i] = function(token)
        return store[token.i]

    cached.__doc__, cached.__name__, cached.__wrapped__ = function.__doc__, name, function
    return cached


def sent_start(token: Token) -> int:
    """The index of the first token of `token`'s sentence. spaCy's `token.sent` finds it by
    walking the document each time; reading asks often, so the starts are kept on the doc."""
    doc = token.doc
    starts = doc.user_data.get("kg_sent_start")
    if starts is None or len(starts) != len(doc):
        starts = [0] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                starts[i] = sent.start
        doc.user_data["kg_sent_start"] = starts
    return starts[token.i]


VERB_POS = ("VERB",)
EVENT_NOUN_POS = ("NOUN", "PROPN")  # event nouns: "deportation", "refusal", and parser-tagged "Talks"
_PASSIVE_DEPS = ("nsubjpass", "auxpass")


# Particles the parser sometimes labels as adverbs ("turned back", "pushed migrants back").
_PARTICLES = ("back", "away", "down", "off", "out", "up", "in", "around")


# Adjectives whose subject is the object of their complement ("hard to deport").
_TOUGH = ("hard", "easy", "difficult", "impossible", "tough", "simple", "costly", "expensive", "slow", "quick")


# Clauses with predicates of their own: their dates are theirs.
_OTHER_CLAUSES = ("ccomp", "xcomp", "advcl", "relcl", "conj", "parataxis", "csubj")


# Heads that stand for the group they quantify: "dozens of activists", "members of Tren de Aragua"
# (kg.extract.actors), and that a removed group's label opens with when it is only counted
# ("thousands were deported": kg.extract.frames.sent_home)
QUANTITY_HEADS = {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores",
                   "member", "group", "handful", "number", "majority", "most", "some", "many", "all", "several", "total", "tally", "group", "batch", "planeload", "busload", "boatload", "truckload", "vanload", "carload"}

# Heads that measure what follows "of" ("decades of cooperation", "12 of the migrants").
MEASURES = ("decade", "year", "month", "series", "number", "dozen", "hundred", "thousand", "group", "batch", "wave",
             "round", "pound", "kilogram", "kilo", "ton", "tonne", "gram", "dose", "pill", "load", "shipment", "total", "tally", "planeload", "busload", "boatload", "truckload", "vanload", "carload", "all", "most",
             "some", "many", "several", "each", "none", "both", "half", "part", "rest", "remainder", "set", "package",
             "raft", "range", "slew", "array")


def quantified(token: Token) -> Token:
    """The head a quantity is of: "12 of the migrants" → migrants, "all but one of its border
    crossings" → crossings, "dozens of Venezuelans" → Venezuelans; else the token itself."""
    for _ in range(3):  # "all but one of": through the exception to what it is of
        if not (lemma(token) in MEASURES or token.pos_ == "NUM" or token.lower_ in _NUMBER_WORDS):
            return token
        inner = prep_object(token, ("of",))
        if inner is None:
            exception = prep_object(token, ("but", "except"))
            if exception is None:
                return token
            inner = prep_object(exception, ("of",))
            if inner is None:
                return token
        token = inner
    return token


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000,
}


_SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000}


def antecedent(pronoun: Token) -> Token:
    """The noun a relative pronoun stands for; "who" skips places the parser attached it to
    ("200 migrants from Central Asia and India who are being deported")."""
    clause = pronoun.head
    noun = clause.head if clause.dep_ in ("relcl", "acl") else pronoun
    if pronoun.lower_ in ("who", "whom") and _place_word(noun):
        token = noun
        for _ in range(6):
            if token.head.i == token.i:
                break
            if token.dep_ == "pobj" and token.head.lower_ in ("from", "of") and token.head.head.pos_ == "VERB":
                # "carrying migrants from Cuba, Haiti and African countries who then traveled": the
                # people the verb carries, with "from ..." hung on the verb
                people = direct_object(token.head.head)
                return people if people is not None and not _place_word(people) else noun
            token = token.head
            if token.pos_ in ("NOUN", "PROPN") and not _place_word(token):
                return token
    return noun


#: Common nouns of places: "migrants from African and Asian countries who then traveled" travel;
#: "stranded in the oil-rich kingdom of Saudi Arabia" are in Saudi Arabia.
PLACE_NOUNS = ("country", "nation", "state", "region", "city", "town", "area", "territory", "province", "continent",
               "part", "village", "island", "kingdom", "republic", "emirate")


def _place_word(token: Token) -> bool:
    return token.ent_type_ in ("GPE", "LOC", "NORP") or (token.pos_ == "NOUN" and token.lemma_.lower() in PLACE_NOUNS)


@_per_token
def lemma(token: Token) -> str:
    """The lemma, mended where spaCy's rule lemmatizer cuts a verb wrongly ("fined" → "fin")."""
    value = token.lemma_.lower()
    if token.pos_ == "VERB" and token.tag_ in ("VBD", "VBN") and value not in _known_verbs():
        word = token.lower_
        for candidate in (word[:-1], word[:-2], word[:-3], word[:-3] + "y" if word.endswith("ied") else ""):
            if candidate and candidate in _known_verbs():
                return candidate
    return value


@cache
def _known_verbs() -> frozenset[str]:
    from kg.extract.lexicon import complement_verbs, predicate_rows, reporting_verbs

    verbs = {lemma.split(" ")[0] for (lemma, pos) in predicate_rows() if pos == "V"}
    return frozenset(verbs | set(complement_verbs()) | set(reporting_verbs()))


def compound_lemmas(token: Token) -> list[str]:
    """"coast guard officers" → ["coast guard officer", "guard officer", "officer"], longest first."""
    chain = []
    current = token
    while True:
        compound = next((t for t in reversed(list(current.lefts)) if t.dep_ == "compound"), None)
        if compound is None or len(chain) >= 3:
            break
        chain.insert(0, compound.lower_)
        current = compound
    head = lemma(token)
    return [" ".join(chain[k:] + [head]) for k in range(len(chain))] + [head]


def compound_lemma(token: Token) -> str:
    """"asylum seekers" → "asylum seeker", "border guards" → "border guard"."""
    compounds = [t for t in token.lefts if t.dep_ == "compound"]
    if compounds:
        return f"{compounds[-1].lower_} {lemma(token)}"
    return lemma(token)


def has_determiner(token: Token) -> bool:
    """A possessive or demonstrative points elsewhere; "the", "some", "two" do not."""
    return any(
        (c.dep_ == "poss") or (c.dep_ == "det" and c.lower_ in ("this", "that", "these", "those", "their", "its"))
        for c in token.children
    )


def demonstrative(token: Token) -> bool:
    return any(t.dep_ == "det" and t.lower_ in ("this", "that", "the") for t in token.children)


@_per_token
def mention_text(token: Token) -> str:
    """The words of the noun phrase, without relative clauses and trailing punctuation."""
    keep = [t for t in token.subtree if not _inside_clause(t, token)]
    if not keep:
        return token.text
    start, end = keep[0].i, keep[-1].i + 1
    span = token.doc[start:end]
    text = span.text.strip(" ,;:")
    if text.lower().startswith(("the ", "a ", "an ")):
        text = text.split(" ", 1)[1]
    return re.sub(r"\s+", " ", text)


def _inside_clause(t: Token, head: Token) -> bool:
    while t.i != head.i and t.i != t.head.i:
        if t.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj", "advcl") and t.head.i == head.i:
            return True
        t = t.head
    return False


def count(token: Token) -> tuple[int | None, str | None]:
    """"around 80 migrants" → (80, "around 80"); "over 5,000 individuals" → (5000, "over 5,000")."""
    for child in token.children:
        if child.dep_ != "nummod":
            continue
        words = [t for t in child.subtree if t.i < token.i]
        value = _number(child)
        if value is None:
            return None, None
        text = token.doc[words[0].i:words[-1].i + 1].text if words else child.text
        return value, text
    return None, None


def _number(token: Token) -> int | None:
    text = token.text.replace(",", "").lower()
    if text.isdigit():
        value = int(text)
    elif text in _NUMBER_WORDS:
        value = _NUMBER_WORDS[text]
    else:
        try:
            value = int(float(text))
        except ValueError:
            return None
    for child in token.children:
        scale = _SCALE.get(child.lower_)
        if scale and child.i > token.i:
            value *= scale
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if following is not None and following.lower_ in _SCALE and following.head.i == token.i:
        value *= _SCALE[following.lower_]
    return value


def subject_tokens(verb: Token) -> list[Token]:
    """The tokens naming who does `verb`, following passives, control, coordination and relatives."""
    subject = None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    passive = (any(c.dep_ in _PASSIVE_DEPS for c in verb.children) and not _idiom_not_passive(verb)) or (
        # a participle with a by-agent is passive whatever it hangs on ("the declaration signed
        # by Spain and Mauritania", parsed on "one of the points")
        verb.dep_ == "acl" and (agent is not None or (verb.tag_ == "VBN" and not _main_verb_misparsed(verb)))
    )
    if passive:
        sides = _between(verb) if agent is None else None
        if sides:
            return sides
        subject = prep_object(agent, None) if agent is not None else _embedded_agent(verb)
        if subject is None:
            return []
    else:
        subject = _nearest_subject(verb, ("nsubj", "csubj")) or _subject_on_auxiliary(verb)
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
            controller = direct_object(head) if object_control(head) else None
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
            if finite_conjunct_of_infinitive(verb):
                return subject_tokens(head.head)  # "urged X to release Y and accused Z": the urger accused
            return subject_tokens(head)
        if verb.dep_ in ("acl", "relcl") and verb.tag_ in ("VBG",):
            return [head]
        if verb.dep_ == "acl" and (verb.tag_ in ("VBD", "VBZ", "VBP") or _main_verb_misparsed(verb)):
            # "Migrants protested outside …" read as a noun with a reduced relative: a finite verb
            # cannot head one, so the "head noun" is the subject
            return [head, *head.conjuncts]
        reason = reason_item(verb)
        if reason is not None:
            return subject_tokens(reason)  # "thanked Mexico for coordinating ..., continuing to receive ..."
        if verb.dep_ == "advcl" and head.i != verb.i and (
            verb.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        ):
            return subject_tokens(head)  # "declaring an emergency", "spoke with X to congratulate him"
        if verb.dep_ == "pcomp" and verb.head.head.i != verb.i:
            governing = verb.head.head
            if governing.pos_ == "NOUN" and verb.head.lower_ == "of":
                owner = next((c for c in governing.children if c.dep_ == "poss"), None)
                if owner is not None:
                    return [owner]  # "India's act of pushing people into Bangladesh": India
            if governing.pos_ == "ADJ" and verb.head.lower_ == "for":
                thanked = prep_object(governing, ("to",))  # "grateful to Kosovo for receiving ...": Kosovo
                return [thanked, *thanked.conjuncts] if thanked is not None else []
            if governing.pos_ != "VERB":
                return []
            if verb.head.lower_ in ("for", "of", "from") and direct_object(governing) is not None:
                obj = direct_object(governing)  # "fined Hungary for restricting", "accused Caracas of failing"
                return [obj, *obj.conjuncts]
            return subject_tokens(governing)
        root = _noun_root_of_finite(verb)
        if root is not None:
            return [root, *root.conjuncts]
        return []
    if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        subject = antecedent(subject)
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
                if any(c.dep_ == "auxpass" for c in inner.head.children) and inner.head.i != verb.i:
                    continue  # "removed after being granted visas by Nauru": that passive's own agent
                if inner.head.tag_ in ("VBG", "VB") or inner.head.dep_ in ("pcomp", "acl", "xcomp"):
                    pobj = next((c for c in inner.children if c.dep_ == "pobj"), None)
                    if pobj is not None and pobj.ent_type_ in ("GPE", "ORG", "NORP", "PERSON"):
                        return pobj
    return None


def _noun_root_of_finite(verb: Token) -> Token | None:
    """"The five men, all convicted of serious crimes, arrived in Eswatini", parsed with "men" the
    root and "arrived" a clause under the participle: a sentence whose root is a noun has lost its
    main verb, and a finite verb under it with no subject of its own is that verb, the root noun
    its subject. (A finite verb has a subject; the small parser drops it after an interruption.)"""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.dep_ not in ("advcl", "conj", "ccomp", "acl"):
        return None
    root = verb.sent.root
    if root.pos_ not in ("NOUN", "PROPN") or root.i > verb.i:
        return None
    head = verb.head
    while head.i != root.i:
        if head.pos_ in ("VERB", "AUX") and head.tag_ in ("VBD", "VBZ", "VBP"):
            return None  # a finite clause between them owns the verb
        head = head.head
    return root


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


def reason_item(verb: Token) -> Token | None:
    """"thanked Mexico for coordinating efforts, continuing to receive flights, and repatriating
    aliens": the small parser hangs the later items of a "for …-ing" list on the main verb as
    gerund clauses; such an item is coordinated with the first, whose gerund it returns."""
    if verb.dep_ not in ("advcl", "conj") or verb.tag_ != "VBG":
        return None
    head = verb.head
    if verb.dep_ == "conj":
        return reason_item(head) if head.dep_ == "advcl" else None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("for", "of") and prep.i < verb.i:
            first = next((c for c in prep.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None)
            if first is not None:
                return first
    return None


def object_control(verb: Token) -> bool:
    """Verbs whose object is the subject of their complement: "asked Mexico to", "allowed the plane to"."""
    behaviour = lexicon.complement_verbs().get(lemma(verb))
    return (behaviour is not None and behaviour[0] == "govern-object") or lemma(verb) in (
        "allow", "permit", "force", "compel", "help", "let", "authorize",
    )


def _between(verb: Token) -> list[Token] | None:
    """"The deal was agreed between Sunak and his counterpart Rama": the sides of a passive
    told with "between" are its agents."""
    sides = prep_object(verb, ("between",))
    if sides is None or not sides.conjuncts:
        return None
    return [sides, *sides.conjuncts]


def _idiom_not_passive(verb: Token) -> bool:
    """"Turkey tries to get rid of refugees": the parser reads "get" as a passive auxiliary."""
    return verb.lower_ == "rid" and any(c.dep_ == "auxpass" and c.lemma_ == "get" for c in verb.children)


def _nearest_subject(verb: Token, deps: tuple[str, ...]) -> Token | None:
    """The verb's subject. A clause has one; when the small model hangs two on a verb, the name
    that closes an opening phrase is the stray one ("According to the minister, Mossa Ag
    Attaher, 1,800 migrants have been expelled": "Attaher" and "migrants" both subjects), so
    the one nearest before the verb wins."""
    subjects = [c for c in verb.children if c.dep_ in deps]
    if len(subjects) < 2:
        return subjects[0] if subjects else None
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if before else subjects[0]


def _subject_on_auxiliary(verb: Token, deps: tuple[str, ...] = ("nsubj", "csubj")) -> Token | None:
    """The small model sometimes hangs the subject of a perfect progressive on its "been"
    ("Mauritania has been expelling migrants": "Mauritania" ← "been" ← "expelling"): the
    subject of an auxiliary is its verb's."""
    return next((g for aux in verb.children if aux.dep_ in ("aux", "auxpass") for g in aux.children
                 if g.dep_ in deps), None)


# A participle coordinated with a passive is tagged a past tense as often as not ("will be put on
# a plane and sent to Nauru"): the two forms are one word for most verbs.
_PAST_FORMS = ("VBN", "VBD")


def patient(verb: Token) -> Token | None:
    """What the verb acts on: the direct object, or the subject of a passive."""
    passive = any(c.dep_ in _PASSIVE_DEPS for c in verb.children)
    if passive:
        subject = _nearest_subject(verb, ("nsubjpass",)) or _subject_on_auxiliary(verb, ("nsubjpass",))
        if subject is not None and subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            return antecedent(subject)
        if subject is None and verb.dep_ == "xcomp":
            # "three offenders are set to be removed", "ordered the men to be deported": the
            # complement's understood subject is the controlling verb's object, else its subject
            controller = verb.head
            return next((c for c in controller.children if c.dep_ == "dobj"), None) or next(
                (c for c in controller.children if c.dep_ in ("nsubjpass", "nsubj")), None)
        if subject is None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
            # "He had lived in Lebanon since 2014 and was expelled": the passive shares its subject
            return next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and verb.dep_ in ("pcomp", "advcl"):
            # "he had reached the US before being taken to a detention center", "detained after
            # being rescued": the passive gerund's understood subject is its clause's subject
            governing = verb.head.head if verb.dep_ == "pcomp" else verb.head
            if governing.pos_ in ("VERB", "AUX"):
                return next((c for c in governing.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subject
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head
    if verb.dep_ == "conj" and verb.tag_ in _PAST_FORMS and verb.head.tag_ == "VBN" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in verb.children
    ) and any(c.dep_ in _PASSIVE_DEPS for c in verb.head.children):
        return patient(verb.head)  # "will be detained and returned to France": both act on the migrants
    direct = direct_object(verb)
    if direct is not None:
        return direct
    bound = phrasal_lemma(verb).split(" ", 1)
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
            bare = lemma(verb) in ("help", "let", "make", "have", "see", "watch")  # "help Washington return"
            if embedded is not None and (bare or any(t.dep_ == "aux" and t.lower_ == "to" for t in child.children)):
                return embedded
    # "detain and accept members": coordinated verbs share the object that follows them
    for conj in verb.conjuncts:
        if conj.i > verb.i:
            direct = direct_object(conj)
            if direct is not None:
                return direct
    if verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP") for c in verb.children):
        if not content_clause(verb):
            return verb.head  # "the flights that Mexico rejected"
    return None


def direct_object(verb: Token) -> Token | None:
    found = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    if found is None and verb.pos_ == "VERB":
        # "Azerbaijan deported around 2,500 Pakistani beggars": the small model reads the
        # approximation as a preposition; a counted noun right after it is the object
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in _APPROXIMATING and prep.i == verb.i + 1:
                counted = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if counted is not None and any(c.dep_ == "nummod" for c in counted.children):
                    return counted
    return found


_APPROXIMATING = ("around", "about", "over", "nearly", "almost", "roughly", "some", "approximately")


def prep_object(head: Token | None, preps: tuple[str, ...] | None) -> Token | None:
    if head is None:
        return None
    if preps is None:  # head is itself the preposition ("by" of a passive)
        return next((c for c in head.children if c.dep_ == "pobj"), None)
    for prep in head.children:
        # "sent a flight to Vietnam": the parser calls a "to" after an object a dative
        if (prep.dep_ == "prep" or (prep.dep_ == "dative" and prep.pos_ == "ADP")) and prep.lower_ in preps:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def undergoer(noun: Token, preps: tuple[str, ...]) -> Token | None:
    """Who an event noun is done to, named with one of `preps` on it or on a participle it
    carries ("removals processing for Cuban nationals", "a deportation drive against Afghans")."""
    return prep_object(noun, preps) or next(
        (found for c in noun.children if c.dep_ == "acl" and (found := prep_object(c, ("for", "against"))) is not None), None)


# Prepositions that put someone where they are held ("into custody", "in detention", "to prison").
_CUSTODY_PREPS = ("into", "in", "to", "under")


def custody_place(verb: Token) -> Token | None:
    """The place of custody a verb puts someone in ("taken into custody", "placed in detention")."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in _CUSTODY_PREPS:
            place = prep_object(prep, None)
            if place is not None and lexicon.object_classes().get(
                    compound_lemma(place), lexicon.object_classes().get(lemma(place))) == "CUSTODY":
                return place
    return None


@_per_token
def phrasal_lemma(verb: Token) -> str:
    """"take back", "call on", "crack down": the verb with its particle or bound preposition."""
    base = lemma(verb)
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


def verbal_complement(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
            return child
    # "agreed last month to receive": the parser hangs the infinitive on the date noun
    for child in verb.children:
        if child.dep_ in ("npadvmod", "tmod") and child.ent_type_ == "DATE":
            for grandchild in child.children:
                if grandchild.dep_ in ("acl", "relcl") and any(t.dep_ == "aux" and t.lower_ == "to" for t in grandchild.children):
                    return grandchild
    behaviour = lexicon.complement_verbs().get(lemma(verb))
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
    if behaviour is not None and behaviour[0] == "govern" and lemma(verb) in ("warn", "threaten"):
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
    if lexicon.complement_verbs().get(lemma(verb)) is not None:
        for child in verb.children:
            if child.dep_ == "ccomp" and child.pos_ == "VERB" and any(t.dep_ == "aux" and t.lower_ == "to" for t in child.children):
                return child
    return None


def finite_conjunct_of_infinitive(verb: Token) -> bool:
    """"urged Caracas to release them and accused the ministry": a past-tense verb cannot be
    coordinated with the infinitive the parser joined it to; it goes with the verb above."""
    head = verb.head
    return (verb.dep_ == "conj" and verb.tag_ in ("VBD", "VBZ") and head.dep_ == "xcomp" and head.tag_ == "VB"
            and head.head.pos_ in ("VERB", "AUX") and head.head.tag_ in ("VBD", "VBZ", "VBP"))


def content_clause(clause: Token) -> bool:
    """"a statement that Colombia had agreed": a clause stating what a statement says, which the
    parser labels a relative clause."""
    return clause.dep_ in ("relcl", "acl") and lexicon.object_classes().get(lemma(clause.head)) in ("DISCOURSE", "CLAIM")


#: Verbs whose object is what a vehicle or a removal carries ("a flight carrying 80 migrants").
CARRYING = ("carry", "transport", "bring")


def carried_token(head: Token) -> Token | None:
    """The people a deportation or a flight moves: its "of" or "with" object ("two flights with
    Venezuelans"), or the object of "carrying"."""
    for token in head.subtree:
        if token.i == head.i or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if _inside_relative(token, head):
            continue
        if token.dep_ == "pobj" and (token.head.lower_ == "of" or (token.head.lower_ == "with" and token.head.head.i == head.i)):
            return token
        if token.dep_ == "dobj" and token.head.dep_ == "acl" and lemma(token.head) in (*CARRYING, "take"):
            return token
    # "two U.S. deportation flights to Guatemala, each carrying around 80 migrants": a
    # distributive gerund clause on the verb the vehicle belongs to
    for clause in head.head.children if head.head.i != head.i else ():
        if clause.dep_ == "advcl" and clause.i > head.i and lemma(clause) in CARRYING and any(
                c.dep_ == "nsubj" and c.lower_ in ("each", "both", "all") for c in clause.children):
            return direct_object(clause)
    return None


def _inside_relative(token: Token, head: Token) -> bool:
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ == "relcl":
            return True
        token = token.head
    return False


def clause_subject(head: Token) -> Token | None:
    for child in head.children:
        if child.dep_ == "ccomp":
            return next((c for c in child.children if c.dep_ in ("nsubj",)), None)
    return None


def verb_words(verb: Token) -> str:
    """The predicate as written, with its auxiliaries and negation: "has denied", "did not accept"."""
    parts = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    parts.append(verb)
    parts += [c for c in verb.children if c.dep_ == "prt"]
    parts.sort(key=lambda t: t.i)
    return " ".join(t.text for t in parts)


def thing_antecedent(pronoun: Token) -> Token | None:
    """The nearest thing named as an argument before "it" in its sentence."""
    for i in range(pronoun.i - 1, sent_start(pronoun) - 1, -1):
        token = pronoun.doc[i]
        if token.pos_ == "NOUN" and token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") and token.ent_type_ == "":
            return token
    return None


def date_phrases(head: Token) -> list[str]:
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


def clause_date_phrases(head: Token) -> list[str]:
    """A date elsewhere in the predicate's own clause ("rejected two planes carrying deportees on
    Sunday": the parser hangs "on Sunday" on the participle), never in an embedded clause."""
    phrases = []
    stack = [c for c in head.children if c.dep_ not in _OTHER_CLAUSES]
    while stack:
        token = stack.pop(0)
        phrases.extend(date_phrases(token))
        stack.extend(c for c in token.children if c.dep_ not in _OTHER_CLAUSES)
    return phrases[:1]
