"""Relations: the same event reported by several articles, merged into one node.

A relation groups statements with the same actor, PLOVER type, target and
polarity whose dates lie within a window of each other (chained: each
statement within `window_days` of the previous one). Undated statements of a
key form one relation. Polarity folds modality: stated and reported events
are "asserted"; negated, planned and hypothetical ones stay apart, so a denial
never merges with the event it denies.

Only a relation with at least one source stating the event as fact (modality
"asserted", not merely "reported") gets the plain triple
`actor plover:<type> target`, so SPARQL over plain triples sees facts only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kg.model import short_hash
from kg.store.rdf import RDF_TYPE, date_literal, iri, typed
from kg.vocab import ID, KG, event_property

DEFAULT_WINDOW_DAYS = 7


@dataclass(frozen=True)
class Support:
    """One statement as relations see it."""

    statement: str  # IRI
    article: str  # IRI
    actor: str  # IRI
    event_type: str  # IRI of the PLOVER class
    target: str | None  # IRI
    negated: bool
    modality: str
    date: str | None
    # where the statement moves people to (IRI): no part of its relation's key, but the
    # network draws a destination link from it (kg.store.summary)
    destination: str | None = None

    @property
    def polarity(self) -> str:
        if self.negated:
            return "negated"
        return {"planned": "planned", "hypothetical": "hypothetical"}.get(self.modality, "asserted")

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.actor, self.event_type, self.target or "", self.polarity)


def _day(value: str | None) -> date | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return date(*parts[:3])


def clusters(supports: list[Support], window_days: int = DEFAULT_WINDOW_DAYS) -> list[list[Support]]:
    """Split the statements of one key into relations by date proximity."""
    dated = sorted((s for s in supports if s.date), key=lambda s: (_day(s.date), s.statement))
    undated = sorted((s for s in supports if not s.date), key=lambda s: s.statement)
    groups: list[list[Support]] = []
    previous: date | None = None
    for support in dated:
        day = _day(support.date)
        if groups and previous is not None and (day - previous).days <= window_days:
            groups[-1].append(support)
        else:
            groups.append([support])
        previous = day
    if undated:
        groups.append(undated)
    return groups


def relation_iri(group: list[Support]) -> str:
    first = group[0]
    return ID + "relation/" + short_hash(*first.key, first.statement)


def relation_triples(group: list[Support]) -> list[str]:
    first = group[0]
    r = iri(relation_iri(group))
    articles = {s.article for s in group}
    dates = sorted(s.date for s in group if s.date)
    lines = [
        f"{r} {iri(RDF_TYPE)} {iri(KG + 'Relation')} .",
        f"{r} {iri(KG + 'actor')} {iri(first.actor)} .",
        f"{r} {iri(KG + 'eventType')} {iri(first.event_type)} .",
        f"{r} {iri(KG + 'polarity')} {typed(first.polarity)} .",
        f"{r} {iri(KG + 'sourceCount')} {typed(len(articles))} .",
        f"{r} {iri(KG + 'statementCount')} {typed(len(group))} .",
    ]
    asserted = first.polarity == "asserted" and any(s.modality == "asserted" for s in group)
    lines.append(f"{r} {iri(KG + 'asserted')} {typed(asserted)} .")
    if first.target:
        lines.append(f"{r} {iri(KG + 'target')} {iri(first.target)} .")
        if asserted:
            plover_type = first.event_type.rsplit("#", 1)[1].upper()
            lines.append(f"{iri(first.actor)} {iri(event_property(plover_type))} {iri(first.target)} .")
    if dates:
        lines.append(f"{r} {iri(KG + 'firstDate')} {date_literal(dates[0])} .")
        lines.append(f"{r} {iri(KG + 'lastDate')} {date_literal(dates[-1])} .")
    for support in group:
        lines.append(f"{r} {iri(KG + 'supportedBy')} {iri(support.statement)} .")
    return lines
