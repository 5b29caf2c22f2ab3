"""Entities for the pages: a search that lists candidates, and one entity's description.

The search resolves a name exactly as `kg relations NAME` does (kg.query.lookup:
labels, aliases, codes, "Mexican government" through the gazetteer, a unique
prefix), shows that entity first, then lists other entities whose name or alias
contains the words, so that "Petro" finds the person and "Mexic" the state and
its ministries alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import EntityNotFound
from kg.query.lookup import EntityRef, resolve
from kg.store import ENTITIES_GRAPH, KnowledgeStore
from kg.store.rdf import literal

_KINDS = "FILTER(STRSTARTS(STR(?type), STR(kg:)) && ?type NOT IN (kg:Actor, kg:Entity))"


@dataclass(frozen=True)
class Found:
    best: EntityRef | None
    others: list[EntityRef]
    suggestions: list[str]


def search(store: KnowledgeStore, text: str, limit: int = 30) -> Found:
    text = text.strip()
    if not text:
        return Found(None, [], [])
    try:
        best = resolve(store, text)
        suggestions: list[str] = []
    except EntityNotFound as e:
        best, suggestions = None, e.suggestions
    needle = literal(text.lower())
    rows = store.select(
        f"""SELECT DISTINCT ?e ?label ?type ?code WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{
              {{ ?e rdfs:label ?name }} UNION {{ ?e skos:altLabel ?name }}
              FILTER(CONTAINS(LCASE(STR(?name)), {needle}))
              ?e rdfs:label ?label ; a ?type . {_KINDS} OPTIONAL {{ ?e kg:countryCode ?code }} }} }}
            ORDER BY STRLEN(?label) ?label LIMIT {limit + 1}"""
    )
    others = [EntityRef(r["e"], r["label"], r["type"].rsplit("#", 1)[1], r["code"]) for r in rows]
    others = [e for e in dict((e.iri, e) for e in others).values() if best is None or e.iri != best.iri][:limit]
    return Found(best, others, suggestions)


@dataclass(frozen=True)
class Description:
    ref: EntityRef
    sector: str | None
    role: str | None
    aliases: list[str]


def describe(store: KnowledgeStore, iri: str) -> Description:
    """The entity at `iri` (EntityNotFound when the store has none)."""
    ref = resolve(store, iri)
    rows = store.select(
        f"""SELECT ?p ?o WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ <{iri}> ?p ?o
              VALUES ?p {{ kg:sector kg:role skos:altLabel }} }} }}"""
    )
    facts: dict[str, list[str]] = {}
    for row in rows:
        facts.setdefault(row["p"].rsplit("#", 1)[1], []).append(row["o"])
    return Description(ref, (facts.get("sector") or [None])[0], (facts.get("role") or [None])[0],
                       sorted(set(facts.get("altLabel", [])) - {ref.label}, key=str.lower))
