"""Applying corrections: one fold over a statement's triples, the same at write time and after.

A statement's triples as extracted go in; its triples as the analysts have
it come out. The corrections that can concern a statement (its own confirms,
rejects and corrections, and every merge and split of an entity) are applied
in the order they were made, each to the result of the ones before:

    merge B into A       every role (actor, target, destination, origin, attributed to) naming B names A
    split E into N       E's roles move to N in the split's articles, and the actor/target roles
                         whose words ("Salazar") are among the split's mentions, in any article
    correct S            S's type, actor, target, negation are set
    confirm / reject S   S's review status (the last one made wins; a correction after a
                         rejection brings the statement back, corrected)

A rejected statement is written as a `kg:RejectedStatement`: no actor, type or
roles, so nothing that reads statements (relations, paths, exports, SPARQL)
sees it, with `kg:extracted` holding the extraction's triples so that a
withdrawn rejection restores them without reading the article again. A
corrected statement keeps its id (the id of what the extractor read) and
carries `kg:extracted` as well; every statement a correction names links to it
with `kg:correction`.

Terms are N-Triples strings ("<iri>", '"text"', '"true"^^<...#boolean>'), as
kg.store.rdf writes them and as the store returns them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from kg.corrections.records import ENTITY_ACTIONS, STATEMENT_ACTIONS, Correction
from kg.store.rdf import literal, typed
from kg.store.relations import Support
from kg.vocab import ID, KG, PREFIXES, event_class, iri_segment


def _p(name: str) -> str:
    return f"<{KG}{name}>"


TYPE = f"<{PREFIXES['rdf']}type>"
DERIVED = f"<{PREFIXES['prov']}wasDerivedFrom>"
STATEMENT_CLASS = _p("Statement")
REJECTED_CLASS = _p("RejectedStatement")
EVENT_TYPE = _p("eventType")
NEGATED = _p("negated")
MODALITY = _p("modality")
DATE = _p("date")
CAMEO = _p("cameoCode")
MODE = _p("mode")
ACTOR = _p("actor")
TARGET = _p("target")
DESTINATION = _p("destination")
CORRECTION_LINK = _p("correction")
EXTRACTED = _p("extracted")
#: role predicates, in the order they are written
ROLES = (ACTOR, TARGET, DESTINATION, _p("originPlace"), _p("attributedTo"))
#: the words of a role, for splits by mention
TEXTS = {ACTOR: _p("actorText"), TARGET: _p("targetText")}
#: triples the fold adds, never part of what was extracted
DERIVED_PREDICATES = (CORRECTION_LINK, EXTRACTED)

Pairs = list[tuple[str, str]]


def _mention_key(words: str) -> str:
    """A mention as a split matches it: case folded, and an apostrophe is an apostrophe ("Trump’s
    administration" typed as "Trump's administration"; the reader parses straight ones)."""
    return words.replace("\u2019", "'").casefold()


@dataclass
class Folded:
    """A statement after the corrections: its (predicate, object) pairs and what became of it."""

    pairs: Pairs
    status: str | None  # "confirmed", "rejected", "corrected" or None (only merges/splits touched it)
    changed: bool  # actor, type, target, negation or a role differ from the extraction's
    entities: set[str]  # the IRIs its roles name now


@dataclass
class Override:
    """What entity corrections force on an entity's description in the entities graph."""

    label: str | None = None
    country: str | None = None
    sector: str | None = None
    aliases: set[str] = field(default_factory=set)


class CorrectionSet:
    """The corrections of a store, indexed for folding statements and describing entities."""

    def __init__(self, corrections: list[Correction]):
        self.items = sorted(corrections, key=lambda c: c.order)
        self.by_statement: dict[str, list[Correction]] = defaultdict(list)
        for c in self.items:
            if c.action in STATEMENT_ACTIONS:
                self.by_statement[c.statement].append(c)
        self.moves = [c for c in self.items if c.action in ("merge", "split")]
        self.sources = {c.entity for c in self.moves}
        self._split_articles = {c.id: {iri_segment(a) for a in c.articles} for c in self.moves}
        self._split_mentions = {c.id: {_mention_key(m) for m in c.mentions} for c in self.moves}
        self.descriptions: dict[str, dict] = {}
        for c in self.items:
            for entity, description in (c.context.get("entities") or {}).items():
                self.descriptions[entity] = description
            if c.action == "split":
                self.descriptions[c.into] = {"label": c.name, "type": c.kind, "country": c.country,
                                             "sector": c.sector, "aliases": []}
        self.overrides = self._overrides()

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    # ------------------------------------------------------------------ statements
    def touches(self, statement_id: str, entities) -> bool:
        """Whether any correction can change this statement (cheap: most statements it cannot)."""
        return statement_id in self.by_statement or any(e in self.sources for e in entities)

    def fold(self, statement_iri: str, original: Pairs, article_segment: str) -> Folded | None:
        """The statement as the corrections have it; None when no correction concerns it.

        `original` are the extraction's pairs (kg:extracted, when the store holds the
        statement folded already); `article_segment` the article id as in its graph IRI.
        """
        statement_id = statement_iri.rsplit("/", 1)[1]
        roles = {p: o for p, o in original if p in ROLES}
        if not self.touches(statement_id, [o[1:-1] for o in roles.values()]):
            return None
        extracted_roles = dict(roles)
        texts = {p: literal_value(o) for p, o in original if p in TEXTS.values()}
        extracted_type = next((o for p, o in original if p == EVENT_TYPE), None)
        extracted_negated = next((o for p, o in original if p == NEGATED), typed(False))
        event_type, negated = extracted_type, extracted_negated
        status, applied = None, []
        own = self.by_statement.get(statement_id, [])
        for c in sorted(own + self.moves, key=lambda c: c.order):
            if c.action == "merge":
                for p, o in roles.items():
                    if o == f"<{c.entity}>":
                        roles[p] = f"<{c.into}>"
            elif c.action == "split":
                for p, o in roles.items():
                    if o != f"<{c.entity}>":
                        continue
                    words = texts.get(TEXTS.get(p, ""), "")
                    if article_segment in self._split_articles[c.id] or _mention_key(words) in self._split_mentions[c.id]:
                        roles[p] = f"<{c.into}>"
            else:
                applied.append(c.iri)
                if c.action == "reject":
                    status = "rejected"
                elif c.action == "confirm":
                    status = "confirmed"
                else:
                    status = "corrected"
                    if c.type:
                        event_type = f"<{event_class(c.type)}>"
                    if c.actor:
                        roles[ACTOR] = f"<{c.actor}>"
                    if c.target:
                        roles[TARGET] = f"<{c.target}>"
                    if c.negated is not None:
                        negated = typed(c.negated)
        retyped = event_type != extracted_type
        changed = (roles != extracted_roles or retyped
                   or literal_value(negated) != literal_value(extracted_negated))
        links = [(CORRECTION_LINK, f"<{iri}>") for iri in applied]
        if status is None and not changed:
            return None
        if status == "rejected":
            sentence = [(p, o) for p, o in original if p == DERIVED]
            pairs = [(TYPE, REJECTED_CLASS), *sentence, *links, (EXTRACTED, blob(original))]
            return Folded(pairs, status, True, set())
        pairs = []
        for p, o in original:
            if p in ROLES or p == NEGATED:
                continue
            if retyped and (p in (EVENT_TYPE, CAMEO, MODE) or (p == TYPE and o == extracted_type)):
                continue  # the CAMEO code and PLOVER mode belong to the type that was read
            pairs.append((p, o))
        pairs += [(p, roles[p]) for p in ROLES if p in roles]
        if retyped and event_type:
            pairs += [(EVENT_TYPE, event_type), (TYPE, event_type)]
        pairs.append((NEGATED, negated))
        pairs += links
        if changed:
            pairs.append((EXTRACTED, blob(original)))
        return Folded(pairs, status, changed, {o[1:-1] for o in roles.values()})

    # ------------------------------------------------------------------ entities
    def canonical(self, entity: str) -> str:
        """Where merges have taken an entity (itself when none has)."""
        for c in self.moves:
            if c.action == "merge" and c.entity == entity:
                entity = c.into
        return entity

    def _overrides(self) -> dict[str, Override]:
        found: dict[str, Override] = {}
        for c in self.items:
            if c.action not in ENTITY_ACTIONS or c.action == "split":
                continue
            entity = found.setdefault(c.entity, Override())
            before = (c.context.get("entities") or {}).get(c.entity) or {}
            if c.action == "rename":
                previous = entity.label or before.get("label")
                if previous and previous != c.name:
                    entity.aliases.add(previous)  # the old name still finds it
                entity.label = c.name
            elif c.action == "alias":
                entity.aliases.add(c.name)
            elif c.action == "set-country":
                entity.country = c.country
            elif c.action == "set-sector":
                entity.sector = c.sector
            elif c.action == "merge":
                kept = found.setdefault(c.into, Override())
                merged = found.pop(c.entity)
                names = {before.get("label"), *before.get("aliases", ()), merged.label, *merged.aliases}
                kept.aliases |= {n for n in names if n}
        for override in found.values():
            override.aliases.discard(override.label)
        return {e: o for e, o in found.items() if o.label or o.country or o.sector or o.aliases}


def support(statement_iri: str, article_iri: str, pairs: Pairs) -> Support | None:
    """The statement as relations see it (None for untyped and rejected statements)."""
    values = dict(pairs)
    event_type = values.get(EVENT_TYPE)
    if not event_type or (TYPE, STATEMENT_CLASS) not in pairs:
        return None
    date = values.get(DATE)
    return Support(
        statement_iri, article_iri, values[ACTOR][1:-1], event_type[1:-1],
        values[TARGET][1:-1] if TARGET in values else None, literal_value(values.get(NEGATED, "")) == "true",
        literal_value(values.get(MODALITY, '"asserted"')), literal_value(date) if date else None,
        values[DESTINATION][1:-1] if DESTINATION in values else None,
    )


def blob(pairs: Pairs) -> str:
    """The extraction's pairs as one literal: a 'predicate object' line each."""
    return literal("\n".join(f"{p} {o}" for p, o in pairs if p not in DERIVED_PREDICATES))


def unblob(text: str) -> Pairs:
    return [tuple(line.split(" ", 1)) for line in text.splitlines() if line.strip()]


def original_pairs(current: Pairs) -> Pairs:
    """What the extractor wrote: kg:extracted when the statement was folded, else itself."""
    for p, o in current:
        if p == EXTRACTED:
            return unblob(literal_value(o))
    return [(p, o) for p, o in current if p not in DERIVED_PREDICATES]


_LITERAL = re.compile(r'^"(.*)"(?:\^\^<[^>]*>|@[A-Za-z0-9-]+)?$', re.S)
_ESCAPE = re.compile(r'\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)', re.S)
_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def literal_value(term: str) -> str:
    """The lexical form of an N-Triples literal ('"a\\"b"^^<...>' → 'a"b'); other terms as they are."""
    match = _LITERAL.match(term or "")
    if not match:
        return term or ""

    def unescape(m: re.Match) -> str:
        code = m.group(1)
        if code[0] in "uU" and len(code) > 1:
            return chr(int(code[1:], 16))
        return _ESCAPES.get(code, code)

    return _ESCAPE.sub(unescape, match.group(1))


_DECIMAL = re.compile(r'^"(-?\d*\.?\d*)"\^\^<http://www\.w3\.org/2001/XMLSchema#decimal>$')


def same_pairs(a: Pairs, b: Pairs) -> bool:
    """Whether two statements' pairs are the same triples (the store writes 0.70 as 0.7)."""
    return {(p, _canonical(o)) for p, o in a} == {(p, _canonical(o)) for p, o in b}


def _canonical(term: str) -> str:
    match = _DECIMAL.match(term)
    if not match:
        return term
    from decimal import Decimal, InvalidOperation

    try:
        return f"decimal:{Decimal(match.group(1)).normalize()}"
    except InvalidOperation:
        return term


def article_segment(graph: str) -> str:
    return graph[len(ID + "graph/article/"):]
