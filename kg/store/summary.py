"""The network summary: the edges kg's network pictures and exports draw, kept beside the relations.

The network (`kg viz`, the served /network page, `kg export --format gexf`;
kg.query.export.typed_network) has one edge per actor, PLOVER type, target and
negation. At 100k statements that is 163 edges over 46k relations, and
drawing them from the relations means reading every relation's properties and
joining its statements to their articles: seconds. So the store keeps one small
node per edge, in a graph of its own, recomputed wherever relations are
(KnowledgeStore._relation_operations: builds, removals, corrections,
rebuild_relations), in the same update and from the same supports, so that it
is never stale:

    kgr:graph/network
      kgr:network/edge/HASH a kg:NetworkEdge ;
          kg:actor A ; kg:eventType plover:Reject ; kg:target T ; kg:negated false ;
          kg:sourceCount n      distinct articles: the edge's weight
          kg:relationCount n    its relations, and one for its destination link
          kg:statementCount n   their statements
          kg:sourceSum n        its relations' and its link's source counts added up
          kg:polarity …         those of its relations ("asserted", "planned", …)
          kg:via …              "target" (relations), "destination" (a destination link)
          kg:spell "START/END"  each relation's interval in full dates, as Gephi plays it
          kg:firstDate, kg:lastDate   the earliest start and latest end of its spells
          kg:reportedIn <article>     each of those articles: a picture's pair weights union them
      kgr:graph/network kg:summaryVersion 1 .    only while the summary covers every relation

A destination link is what kg.query.graph.projection adds for movements of people
(the US deports migrants → to Panama): the typed, non-negated statements of an
actor and type that have a destination, one link per destination; it belongs to
the edge of that actor, type and target (the destination).

An edge depends only on the statements of its (actor, type) pair, so
recomputing a pair recomputes all its edges; the update writes only the triples
that differ from the stored ones (`operations`). The articles are links rather
than one list in a literal because Oxigraph never frees a string: a list
changed at every batch would grow the store by its length each time, while a
link or a spell is the same term for as long as it holds.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.model import short_hash
from kg.store.rdf import RDF_TYPE, iri, literal, typed
from kg.store.relations import Support
from kg.vocab import ID, KG, PREFIXES

NETWORK_GRAPH = ID + "graph/network"
EDGE_CLASS = KG + "NetworkEdge"
#: Bumped when what an edge holds changes: a store with an older summary is read from its relations
#: until `kg rebuild-relations` recomputes it.
VERSION = 1

_XSD_DATE = PREFIXES["xsd"] + "date"


@dataclass
class NetworkEdge:
    """One edge of the network: an actor's events of one type towards one target, negated or not."""

    actor: str
    event_type: str  # IRI of the PLOVER class
    target: str
    negated: bool
    articles: set[str] = field(default_factory=set)  # article IRIs
    relations: int = 0
    statements: int = 0
    source_sum: int = 0
    polarities: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)  # "target", "destination"
    spells: set[tuple[str, str]] = field(default_factory=set)

    @property
    def iri(self) -> str:
        return edge_iri(self.actor, self.event_type, self.target, self.negated)


def edge_iri(actor: str, event_type: str, target: str, negated: bool) -> str:
    return ID + "network/edge/" + short_hash(actor, event_type, target, "negated" if negated else "")


def spell(first: str, last: str) -> tuple[str, str]:
    """Full dates for Gephi: "2025" → 2025-01-01…2025-12-31, "2025-02" → the whole month."""

    def start(value: str) -> str:
        return {4: value + "-01-01", 7: value + "-01"}.get(len(value), value)

    def end(value: str) -> str:
        if len(value) == 4:
            return value + "-12-31"
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:])
            return f"{value}-{calendar.monthrange(year, month)[1]:02d}"
        return value

    return start(first), end(last)


def network_edges(groups: Iterable[list[Support]], supports: Iterable[Support]) -> dict[tuple, NetworkEdge]:
    """The edges that the relations `groups` (each a relation's supports, kg.store.relations.clusters)
    and the destination links of `supports` make, by (actor, type, target, negated)."""
    edges: dict[tuple, NetworkEdge] = {}

    def edge(actor: str, event_type: str, target: str, negated: bool) -> NetworkEdge:
        key = (actor, event_type, target, negated)
        if key not in edges:
            edges[key] = NetworkEdge(actor, event_type, target, negated)
        return edges[key]

    for group in groups:
        first = group[0]
        if not first.target:
            continue  # a relation with no counterpart is no edge
        found = edge(first.actor, first.event_type, first.target, first.polarity == "negated")
        articles = {s.article for s in group}
        found.articles |= articles
        found.relations += 1
        found.statements += len(group)
        found.source_sum += len(articles)
        found.polarities.add(first.polarity)
        found.roles.add("target")
        dates = sorted(s.date for s in group if s.date)
        if dates:
            found.spells.add(spell(dates[0], dates[-1]))
    links: dict[tuple, list[Support]] = {}
    for support in supports:
        if support.destination and not support.negated:
            links.setdefault((support.actor, support.event_type, support.destination), []).append(support)
    for (actor, event_type, destination), members in links.items():
        found = edge(actor, event_type, destination, False)
        articles = {s.article for s in members}
        found.articles |= articles
        found.relations += 1
        found.statements += len({s.statement for s in members})
        found.source_sum += len(articles)
        found.polarities.add("asserted")
        found.roles.add("destination")
        dates = sorted(s.date for s in members if s.date)
        if dates:
            found.spells.add(spell(dates[0], dates[-1]))
    return edges


def edge_triples(edge: NetworkEdge) -> list[tuple[str, str, str]]:
    """The edge's triples as (subject IRI, predicate IRI, object in N-Triples)."""
    e = edge.iri
    found = [
        (e, RDF_TYPE, iri(EDGE_CLASS)),
        (e, KG + "actor", iri(edge.actor)),
        (e, KG + "eventType", iri(edge.event_type)),
        (e, KG + "target", iri(edge.target)),
        (e, KG + "negated", typed(edge.negated)),
        (e, KG + "sourceCount", typed(len(edge.articles))),
        (e, KG + "relationCount", typed(edge.relations)),
        (e, KG + "statementCount", typed(edge.statements)),
        (e, KG + "sourceSum", typed(edge.source_sum)),
    ]
    found += [(e, KG + "polarity", literal(p)) for p in sorted(edge.polarities)]
    found += [(e, KG + "via", literal(r)) for r in sorted(edge.roles)]
    if edge.spells:
        spells = sorted(edge.spells)
        found.append((e, KG + "firstDate", literal(spells[0][0], _XSD_DATE)))
        found.append((e, KG + "lastDate", literal(max(end for _, end in spells), _XSD_DATE)))
        found += [(e, KG + "spell", literal(start + "/" + end)) for start, end in spells]
    found += [(e, KG + "reportedIn", iri(article)) for article in sorted(edge.articles)]
    return found


def stored_query(pairs: Iterable[tuple[str, str]]) -> str:
    """SELECT ?e ?p ?o: the triples of the (actor, type) pairs' edges as the store holds them now."""
    values = " ".join(f"(<{a}> <{t}>)" for a, t in sorted(pairs))
    return f"""SELECT ?e ?p ?o WHERE {{ VALUES (?a ?t) {{ {values} }}
                 GRAPH <{NETWORK_GRAPH}> {{ ?e a <{EDGE_CLASS}> ; <{KG}actor> ?a ; <{KG}eventType> ?t ; ?p ?o }} }}"""


def operations(groups: Iterable[list[Support]], supports: Iterable[Support],
               stored: Iterable[tuple[str, str, str]]) -> list[str]:
    """The update that makes the edges of some (actor, type) pairs what their relations (`groups`) and
    statements (`supports`, all of the pairs') make them, from what the store holds of them now
    (`stored`: stored_query's rows as (subject, predicate, object in N-Triples); none after a DROP).

    Only what differs is written: a batch that adds an article to the United States' agreements
    with Mexico adds a link and changes three counts, where writing its edges again would rewrite
    thousands of links (deleting and inserting the same quads costs Oxigraph as much as new ones).
    A value the store gave back as an IRI or a plain string is deleted as it reads; typed values
    (counts, dates) are deleted by pattern, as a server may write "2"^^xsd:integer another way.
    """
    wanted: dict[tuple[str, str], set[str]] = {}
    for _, edge in sorted(network_edges(groups, supports).items()):
        for subject, predicate, obj in edge_triples(edge):
            wanted.setdefault((subject, predicate), set()).add(obj)
    held: dict[tuple[str, str], set[str]] = {}
    for subject, predicate, obj in stored:
        held.setdefault((subject, predicate), set()).add(obj)
    removed, cleared, added = [], [], []
    for key in sorted(held.keys() | wanted.keys()):
        before, after = held.get(key, set()), wanted.get(key, set())
        if before == after:
            continue
        if all(_as_written(o) for o in before):
            removed += [(*key, o) for o in sorted(before - after)]
            added += [(*key, o) for o in sorted(after - before)]
        else:
            cleared.append(key)
            added += [(*key, o) for o in sorted(after)]
    operations = []
    if removed:
        body = "\n".join(f"<{s}> <{p}> {o} ." for s, p, o in removed)
        operations.append(f"DELETE DATA {{ GRAPH <{NETWORK_GRAPH}> {{\n{body}\n}} }}")
    if cleared:
        values = " ".join(f"(<{s}> <{p}>)" for s, p in cleared)
        operations.append(f"""DELETE {{ GRAPH <{NETWORK_GRAPH}> {{ ?e ?p ?o }} }} WHERE {{
              VALUES (?e ?p) {{ {values} }} GRAPH <{NETWORK_GRAPH}> {{ ?e ?p ?o }} }}""")
    if added:
        body = "\n".join(f"<{s}> <{p}> {o} ." for s, p, o in added)
        operations.append(f"INSERT DATA {{ GRAPH <{NETWORK_GRAPH}> {{\n{body}\n}} }}")
    return operations


def _as_written(term: str) -> bool:
    """An IRI or a plain string: no server writes those back another way."""
    return term.startswith("<") or (term.startswith('"') and term.endswith('"'))


def marker_triple() -> str:
    """The triple saying the summary covers every relation of the store."""
    return f"<{NETWORK_GRAPH}> <{KG}summaryVersion> {typed(VERSION)} ."


MARKED = f"ASK {{ GRAPH <{NETWORK_GRAPH}> {{ {marker_triple()[:-2]} }} }}"
