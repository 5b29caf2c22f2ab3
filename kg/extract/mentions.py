"""Where a document names actors: gazetteer phrases and spaCy's named entities, as mentions.

The gazetteer's phrase matcher finds countries, demonyms, capitals, agencies,
organizations and known people; longer matches win, and a name inside a longer
name ("New Mexico", "Washington Post") is no mention of its own. Entities the
NER finds and the gazetteer does not (people, organizations, places) fill the
gaps. The result maps every token inside a mention to its `Mention`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kg.extract.gazetteer import KIND_ORDER, Entry, Gazetteer

_PLACE_LABELS = {"GPE", "LOC", "FAC"}


_BODY_NOUNS = {"ministry", "department", "secretariat", "office", "agency", "institute", "service", "commission"}


@dataclass
class Mention:
    """A stretch of tokens the gazetteer or the NER names."""

    start: int
    end: int
    kind: str  # a gazetteer kind, or PERSON/ORG/PLACE from spaCy's NER
    entries: tuple[Entry, ...] = ()

    def text(self, doc: Doc) -> str:
        return doc[self.start:self.end].text


class MentionFinder:
    """Finds the mentions of one document."""

    def __init__(self, nlp, gazetteer: Gazetteer, nouns: dict, titles: dict, function_words: dict):
        self.gaz = gazetteer
        # every form under one key, in one call (a key each costs seconds at start-up): the
        # matched words say which form it was
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        forms = sorted(self.gaz.forms)
        docs = list(nlp.tokenizer.pipe(forms))
        self._form_of = {tuple(t.text for t in d): form for d, form in zip(docs, forms)}
        self.matcher.add("GAZETTEER", docs)
        # PETRARCH's names, in any case, under one key: the matched words say which name it was
        self.broad_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        if self.gaz.broad_forms:
            self.broad_matcher.add("BROAD", list(nlp.tokenizer.pipe(sorted(self.gaz.broad_forms))))
        self._nouns = nouns
        self._titles = titles
        self._function_words = function_words

    def find(self, doc: Doc) -> dict[int, Mention]:
        """token index → mention, for every token inside an accepted mention."""
        return self._find_mentions(doc)

    def _find_mentions(self, doc: Doc) -> dict[int, Mention]:
        candidates: list[Mention] = []
        for _key, start, end in self.matcher(doc):
            form = self._form_of.get(tuple(t.text for t in doc[start:end]))
            if form is None:
                continue
            entries = tuple(sorted(self.gaz.forms[form], key=lambda e: KIND_ORDER.index(e.kind)))
            candidates.append(Mention(start, end, entries[0].kind, entries))
        candidates.sort(key=lambda m: (-(m.end - m.start), KIND_ORDER.index(m.kind), m.start))
        taken: dict[int, Mention] = {}
        for mention in candidates:
            if any(i in taken for i in range(mention.start, mention.end)):
                continue
            if not self._acceptable(doc, mention, candidates):
                continue
            for i in range(mention.start, mention.end):
                taken[i] = mention
        for _key, start, end in sorted(self.broad_matcher(doc), key=lambda m: (m[1] - m[2], m[1])):
            # PETRARCH's names fill gaps only, and only as proper names ("Afghan National Army")
            if any(i in taken for i in range(start, end)) or not (doc[start].is_title or doc[start].is_upper):
                continue
            if not (doc[end - 1].is_title or doc[end - 1].is_upper):
                continue
            entries = self.gaz.broad_forms.get(doc[start:end].text.lower())
            if not entries:
                continue
            mention = Mention(start, end, entries[0].kind, tuple(entries))
            for i in range(start, end):
                taken[i] = mention
        for ent in doc.ents:
            if ent.label_ == "ORG" and self._name_around_country(doc, ent, taken):
                for i in range(ent.start, ent.end):
                    taken.pop(i, None)  # "the Indian Youth Congress" is an organization, not India
            if any(i in taken for i in range(ent.start, ent.end)):
                continue
            kind = {"PERSON": "PERSON_NER", "ORG": "ORG_NER"}.get(ent.label_)
            if kind is None and ent.label_ in _PLACE_LABELS:
                kind = "PLACE_NER"
            if kind is None:
                continue
            start, end = ent.start, ent.end
            while end > start and doc[end - 1].tag_ == "POS":
                end -= 1  # "Petro's" → "Petro"
            while end > start and doc[start].lower_ in ("the", "a", "an"):
                start += 1
            if end <= start:
                continue
            mention = Mention(start, end, kind)
            for i in range(start, end):
                taken[i] = mention
        return taken

    def _name_around_country(self, doc: Doc, ent: Span, taken: dict[int, Mention]) -> bool:
        """An organization name with a country word inside and other name words around it."""
        inner = {taken[i].start for i in range(ent.start, ent.end) if i in taken}
        if not inner or any(taken[i].kind not in ("ADJECTIVE", "COUNTRY", "DEMONYM") for i in range(ent.start, ent.end) if i in taken):
            return False
        others = [t for t in doc[ent.start:ent.end] if t.i not in taken and t.text[:1].isupper() and t.is_alpha]
        words = " ".join(t.lower_ for t in others)
        if any(phrase in words for phrase in self._function_words) or not others:
            return False  # "Mexican Foreign Relations Ministry" is Mexico's ministry
        return all(t.lower_ not in self._nouns and t.lower_ not in _BODY_NOUNS and t.lemma_.lower() not in self._nouns
                   for t in others[-1:])

    def _acceptable(self, doc: Doc, mention: Mention, candidates: list[Mention] = ()) -> bool:
        entry = mention.entries[0]
        first = doc[mention.start]
        if entry.ambiguous and first.ent_type_ not in ("GPE", "NORP", "ORG", "LOC", "FAC"):
            return False
        if entry.kind == "PERSON" and mention.end - mention.start == 1:
            # A bare surname is a person when it is a proper noun the NER takes for a name of
            # some kind (it often calls "Petro" a GPE or "Trump" an ORG), or when a title precedes it.
            before = doc[mention.start - 1] if mention.start > 0 else None
            titled = before is not None and before.lower_ in self._titles
            named = (first.pos_ == "PROPN" and first.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "")) or (
                first.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and first.text[:1].isupper()
            ) or (
                # "Trump revoked the order": the tagger takes a capitalised surname opening a
                # sentence for a common noun; as the subject or object of a clause it is the person
                first.is_title and first.pos_ == "NOUN" and first.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
            )
            if not (named or titled):
                return False
        if entry.kind in ("COUNTRY", "CAPITAL", "ORG", "AGENCY") and self._inside_longer_name(doc, mention, candidates):
            return False
        return True

    def _inside_longer_name(self, doc: Doc, mention: Mention, candidates: list[Mention] = ()) -> bool:
        """"New Mexico", "Washington Post", "Panama Canal": the name is part of another name. The
        words of another name beside it do not extend it ("the White House National Security
        Council": a seat, then an agency)."""
        neighbours = []
        if mention.start > 0:
            neighbours.append(doc[mention.start - 1])
        if mention.end < len(doc):
            neighbours.append(doc[mention.end])
        for token in neighbours:
            if token.pos_ != "PROPN" or not token.text[:1].isupper():
                continue
            if any(other.start <= token.i < other.end and (other.end <= mention.start or other.start >= mention.end)
                   for other in candidates):
                continue
            if mention.entries[0].kind == "AGENCY" and token.i == mention.end and doc[mention.start:mention.end].text.isupper():
                continue  # "ERO Houston", "ICE Miami": an agency's acronym and the city of its office
            if not token.text.replace("-", "").replace("'", "").isalpha():
                continue  # "U.S. Air Force C-17s": a model number does not extend a name
            lower = token.lower_
            if lower in self._titles or lower in self._nouns or lower in _BODY_NOUNS:
                continue
            if token.lemma_.lower() in self._nouns or lower.rstrip("s") in self._nouns:
                continue
            if lower in self._function_words:
                continue
            return True
        return False


__all__ = ["Mention", "MentionFinder"]
