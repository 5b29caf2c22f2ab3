"""What happened between actors, in date order: `kg timeline A [B]`.

A timeline is the list of A's relations (with B only, when B is given) and of
the movements of people A carried out to or from B, oldest first, each with
its sources and one evidence sentence. Negated relations are kept and marked
("Mexico did not accept the flight" is part of the story), undated ones come
last.

A state stands for its state apparatus: the timeline of "Colombia" and "the
United States" includes what President Petro did to President Trump and
what the Department of Homeland Security did to Colombia, since news reports
most diplomacy through officials and agencies. Their nationals (migrants,
companies) are not the state and are not included. `exact=True` keeps to the
named entities alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.query.graph import Hop, Neighbourhood, _evidence, edges_around
from kg.query.lookup import EntityRef
from kg.store import ENTITIES_GRAPH, KnowledgeStore

#: Sectors (CAMEO actor codes) whose members act for their state.
STATE_SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG", "SPY")


@dataclass(frozen=True)
class Entry:
    hop: Hop

    @property
    def first(self) -> str | None:
        return self.hop.edge.first

    @property
    def last(self) -> str | None:
        return self.hop.edge.last


def timeline(
    store: KnowledgeStore,
    entity: EntityRef,
    counterpart: EntityRef | None = None,
    *,
    types: tuple[str, ...] = (),
    since: str | None = None,
    until: str | None = None,
    exact: bool = False,
    evidence: bool = True,
) -> list[Entry]:
    """Relations of `entity` (with `counterpart` only, if given), oldest first.

    Without `evidence`, the entries carry no sentence yet: `attach_evidence` gives it to
    the ones shown (a page of a busy pair's thousands)."""
    side = {entity.iri} if exact else state_members(store, entity)
    other_side = None if counterpart is None else ({counterpart.iri} if exact else state_members(store, counterpart))
    hood: Neighbourhood = edges_around(
        store, side, actors_only=False, types=types, since=since, until=until, include_negated=True
    )

    def label(iri: str) -> str:
        return hood.labels.get(iri, (iri.rsplit("/", 1)[-1], ""))[0]

    entries = []
    for edge in hood.edges.values():
        ends = {edge.source, edge.target}
        if ends <= side:
            continue  # within one side: a state's organs among themselves
        if other_side is not None and not (ends & other_side and ends & side):
            continue
        entries.append(Entry(Hop(edge, True, label(edge.source), label(edge.target))))
    # undated last; then by first date, last date, and a stable order of the parties and type
    entries.sort(key=lambda e: (e.first is None, e.first or "", e.last or "", e.hop.source_label, e.hop.edge.event_type,
                                e.hop.target_label))
    if evidence:
        attach_evidence(store, entries)
    return entries


def attach_evidence(store: KnowledgeStore, entries: list[Entry]) -> None:
    """Give each entry that has none yet its evidence sentence, verb and article."""
    _evidence(store, [e.hop for e in entries if not (e.hop.evidence or e.hop.verb)])


def state_members(store: KnowledgeStore, entity: EntityRef) -> set[str]:
    """A state and the officials and bodies that act for it; any other entity alone."""
    if entity.type != "Country" or not entity.country:
        return {entity.iri}
    sectors = ", ".join(f'"{s}"' for s in STATE_SECTORS)
    rows = store.select(
        f"""SELECT DISTINCT ?e WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{
              ?e kg:countryCode "{entity.country}" ; kg:sector ?sector ; a ?type .
              FILTER(?sector IN ({sectors}) && ?type IN (kg:Country, kg:GovernmentBody, kg:Person)) }} }}"""
    )
    return {entity.iri} | {row["e"] for row in rows}
