"""Path questions over the graph of relations, answered with networkx.

"How is Mexico connected to Panama?" is answered without loading the whole
graph: a bidirectional breadth-first search asks the store for the relations
of the current frontier only (indexed lookups), adds them to a networkx graph,
and stops when the two searches meet; networkx then gives the shortest path.
All paths up to N hops come from the N/2-hop neighbourhoods of both ends.

Edges are relations (actor → target) and, for movements of people, the
destination of a statement (the U.S. deports migrants → to Panama), so that
deportations link the two states. With `actors_only`, only actors (states,
bodies, people, organizations, groups) are nodes; otherwise things, places and
policies can be stepping stones too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.store import ENTITIES_GRAPH, KnowledgeStore
from kg.vocab import RELATIONS_GRAPH

ACTOR_TYPES = ("Country", "GovernmentBody", "Person", "Organization", "PopulationGroup")


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    event_type: str
    role: str  # "target" or "destination"
    sources: int
    first: str | None
    last: str | None
    relation: str | None  # the relation IRI (for target edges)
    polarity: str = "asserted"


@dataclass
class Hop:
    edge: Edge
    forward: bool  # the relation runs along the path (source → next)
    source_label: str
    target_label: str
    verb: str = ""
    evidence: str = ""
    article: str = ""


@dataclass
class Neighbourhood:
    edges: dict[tuple, Edge] = field(default_factory=dict)
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)  # iri → (label, type)


def _filters(types: tuple[str, ...], since: str | None, until: str | None, include_negated: bool) -> str:
    parts = []
    if not include_negated:
        parts.append('?polarity != "negated"')
    if types:
        from kg.vocab import event_class

        parts.append("?type IN (" + ", ".join(f"<{event_class(t)}>" for t in types) + ")")
    if since:
        parts.append(f'(!BOUND(?last) || STR(?last) >= "{since}")')
    if until:
        parts.append(f'(!BOUND(?first) || STR(?first) <= "{until}z")')
    return f"FILTER({' && '.join(parts)})" if parts else ""


def edges_around(
    store: KnowledgeStore,
    nodes: set[str],
    *,
    actors_only: bool = True,
    types: tuple[str, ...] = (),
    since: str | None = None,
    until: str | None = None,
    include_negated: bool = False,
    into: Neighbourhood | None = None,
) -> Neighbourhood:
    """Every relation and destination link touching `nodes`, with the labels of both ends."""
    into = into or Neighbourhood()
    if not nodes:
        return into
    values = " ".join(f"<{n}>" for n in sorted(nodes))
    where = _filters(types, since, until, include_negated)
    # The VALUES go inside each UNION branch and "negated" is filtered, not matched as a constant:
    # otherwise Oxigraph starts from every relation (or every statement with `kg:negated false`)
    # and joins the nodes last: 2.9 s instead of 5 ms for one actor in a 100k-statement store.
    relation_rows = store.select(
        f"""SELECT ?r ?a ?t ?type ?polarity ?sources ?first ?last WHERE {{
              GRAPH <{RELATIONS_GRAPH}> {{
                {{ VALUES ?n {{ {values} }} ?r kg:actor ?n ; kg:target ?t . BIND(?n AS ?a) }}
                UNION {{ VALUES ?n {{ {values} }} ?r kg:target ?n ; kg:actor ?a . BIND(?n AS ?t) }}
                ?r kg:eventType ?type ; kg:polarity ?polarity ; kg:sourceCount ?sources .
                OPTIONAL {{ ?r kg:firstDate ?first }} OPTIONAL {{ ?r kg:lastDate ?last }} }}
              {where} }}"""
    )
    for row in relation_rows:
        edge = Edge(row["a"], row["t"], row["type"].rsplit("#", 1)[1].upper(), "target", row["sources"],
                    row["first"], row["last"], row["r"], row["polarity"])
        into.edges[(edge.relation,)] = edge
    destination_rows = store.select(
        f"""SELECT ?a ?d ?type (COUNT(DISTINCT ?g) AS ?sources) (MIN(STR(?date)) AS ?first) (MAX(STR(?date)) AS ?last) WHERE {{
              {{ VALUES ?n {{ {values} }}
                GRAPH ?g {{ ?s kg:actor ?n ; kg:destination ?d ; kg:eventType ?type ; kg:negated ?negated .
                           OPTIONAL {{ ?s kg:date ?date }} }} BIND(?n AS ?a) }}
              UNION
              {{ VALUES ?n {{ {values} }}
                GRAPH ?g {{ ?s kg:destination ?n ; kg:actor ?a ; kg:eventType ?type ; kg:negated ?negated .
                           OPTIONAL {{ ?s kg:date ?date }} }} BIND(?n AS ?d) }}
              FILTER(!?negated) }}
            GROUP BY ?a ?d ?type"""
    )
    wanted = set(types)
    for row in destination_rows:
        event_type = row["type"].rsplit("#", 1)[1].upper()
        if (wanted and event_type not in wanted) or not _within(row["first"], row["last"], since, until):
            continue
        edge = Edge(row["a"], row["d"], event_type, "destination", row["sources"], row["first"], row["last"], None)
        into.edges[(edge.source, edge.target, event_type, "destination")] = edge
    _labels(store, {e.source for e in into.edges.values()} | {e.target for e in into.edges.values()}, into)
    if actors_only:
        for key in [k for k, e in into.edges.items()
                    if into.labels.get(e.source, ("", ""))[1] not in ACTOR_TYPES + ("Place",)
                    or into.labels.get(e.target, ("", ""))[1] not in ACTOR_TYPES + ("Country", "Place")]:
            del into.edges[key]
        for key in [k for k, e in into.edges.items()
                    if into.labels[e.target][1] == "Place" and e.role != "destination"]:
            del into.edges[key]
    return into


def _relation_count(store: KnowledgeStore, nodes: set[str]) -> int:
    """How many relations touch `nodes`: an index count, far cheaper than fetching them."""
    values = " ".join(f"<{n}>" for n in sorted(nodes))
    rows = store.select(
        f"""SELECT (COUNT(?r) AS ?n) WHERE {{ GRAPH <{RELATIONS_GRAPH}> {{
              {{ VALUES ?x {{ {values} }} ?r kg:actor ?x }} UNION {{ VALUES ?x {{ {values} }} ?r kg:target ?x }} }} }}"""
    )
    return int(rows[0]["n"]) if rows else 0


def _within(first: str | None, last: str | None, since: str | None, until: str | None) -> bool:
    """Whether a span of (possibly partial, possibly missing) ISO dates meets [since, until].

    An undated span is kept: the filter cannot say it falls outside. "z" sorts after
    any date that starts with `until`, so --until 2025-01 keeps all of January.
    """
    if since and last and last < since:
        return False
    return not (until and first and first > until + "z")


def _labels(store: KnowledgeStore, iris: set[str], into: Neighbourhood) -> None:
    missing = sorted(i for i in iris if i not in into.labels)
    for start in range(0, len(missing), 500):
        values = " ".join(f"<{i}>" for i in missing[start:start + 500])
        rows = store.select(
            f"""SELECT ?e ?label ?type WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ VALUES ?e {{ {values} }}
                  ?e rdfs:label ?label ; a ?type FILTER(STRSTARTS(STR(?type), STR(kg:)) && ?type NOT IN (kg:Actor, kg:Entity)) }} }}"""
        )
        for row in rows:
            into.labels[row["e"]] = (row["label"], row["type"].rsplit("#", 1)[1])


def _networkx(neighbourhood: Neighbourhood):
    """An undirected networkx graph with the best edge (most sources) between each pair.

    Each edge has a `cost`: one per hop, more through hubs that say little about who is
    connected to whom (groups with no nationality such as "migrants", and things), so that
    among equally short paths the one through states and officials wins.
    """
    import networkx as nx

    graph = nx.Graph()
    for edge in neighbourhood.edges.values():
        a, b = edge.source, edge.target
        if a == b:
            continue
        current = graph.get_edge_data(a, b)
        score = (edge.polarity == "asserted", edge.sources, edge.role == "target")
        if current is None or score > current["score"]:
            cost = 1.0 + _hub_cost(neighbourhood, a) + _hub_cost(neighbourhood, b) - min(edge.sources, 5) * 0.01
            graph.add_edge(a, b, edge=edge, score=score, cost=cost)
    return graph


def _hub_cost(neighbourhood: Neighbourhood, node: str) -> float:
    kind = neighbourhood.labels.get(node, ("", ""))[1]
    if kind == "PopulationGroup" and "/group/" in node and not node.rsplit("-", 1)[-1].isupper():
        return 0.4  # "migrants" with no nationality
    if kind in ("Object", "Place", "Policy"):
        return 0.3
    return 0.0


def shortest_path(
    store: KnowledgeStore, start: str, goal: str, *, max_hops: int = 6, **options
) -> list[Hop] | None:
    """The shortest chain of relations from `start` to `goal` (either direction), or None."""
    import networkx as nx

    if start == goal:
        return []
    hood = Neighbourhood()
    seen = {start: 0, goal: 1}  # node → side it was reached from
    frontiers = [{start}, {goal}]
    for _ in range(max_hops):
        if not frontiers[0] and not frontiers[1]:
            return None
        # expand the side with fewer relations: from a hub (the United States, thousands of
        # relations) towards a rarely seen actor, the rare side meets the hub in one step
        side = min((0, 1), key=lambda k: _relation_count(store, frontiers[k]) if frontiers[k] else float("inf"))
        before = set(hood.edges)
        edges_around(store, frontiers[side], into=hood, **options)
        nxt = set()
        for key in set(hood.edges) - before:
            edge = hood.edges[key]
            for node in (edge.source, edge.target):
                if node not in seen:
                    seen[node] = side
                    nxt.add(node)
        frontiers[side] = nxt
        graph = _networkx(hood)
        if start in graph and goal in graph and nx.has_path(graph, start, goal):
            hops = nx.shortest_path_length(graph, start, goal)
            # fewest hops first; among those, the cheapest (through states rather than hubs)
            candidates = [p for p in nx.all_shortest_paths(graph, start, goal)]
            nodes = min(candidates, key=lambda p: sum(graph[a][b]["cost"] for a, b in zip(p, p[1:])))
            if hops <= max_hops:
                return _hops(store, graph, hood, nodes)
            return None
    return None


def all_paths(
    store: KnowledgeStore, start: str, goal: str, *, max_hops: int = 3, limit: int = 50, **options
) -> list[list[Hop]]:
    """Simple paths of up to `max_hops` relations between two entities, shortest first."""
    import networkx as nx

    hood = Neighbourhood()
    reach = [{start}, {goal}]
    depth = [(max_hops + 1) // 2, max_hops // 2]
    for side in (0, 1):
        frontier = {start if side == 0 else goal}
        for _ in range(depth[side]):
            before = set(hood.edges)
            edges_around(store, frontier, into=hood, **options)
            frontier = {n for k in set(hood.edges) - before for n in (hood.edges[k].source, hood.edges[k].target)} - reach[side]
            reach[side] |= frontier
    graph = _networkx(hood)
    if start not in graph or goal not in graph:
        return []
    paths = []
    for nodes in nx.all_simple_paths(graph, start, goal, cutoff=max_hops):
        paths.append(nodes)
        if len(paths) >= limit * 4:
            break
    paths.sort(key=len)
    return [_hops(store, graph, hood, nodes) for nodes in paths[:limit]]


def neighbours(store: KnowledgeStore, node: str, **options) -> list[Hop]:
    hood = edges_around(store, {node}, **options)
    graph = _networkx(hood)
    if node not in graph:
        return []
    hops = []
    for other in sorted(graph.neighbors(node), key=lambda n: -graph[node][n]["edge"].sources):
        hops.extend(_hops(store, graph, hood, [node, other]))
    return hops


def _hops(store: KnowledgeStore, graph, hood: Neighbourhood, nodes: list[str]) -> list[Hop]:
    hops = []
    for a, b in zip(nodes, nodes[1:]):
        edge = graph[a][b]["edge"]
        hops.append(Hop(edge, edge.source == a, hood.labels.get(a, (a, ""))[0], hood.labels.get(b, (b, ""))[0]))
    _evidence(store, hops)
    return hops


def _evidence(store: KnowledgeStore, hops: list[Hop]) -> None:
    """One sentence (and its verb and article) for each hop, chosen as `kg relations` chooses."""
    from kg.query.lookup import evidence

    best = evidence(store, [hop.edge.relation for hop in hops if hop.edge.relation])
    for hop in hops:
        edge = hop.edge
        if edge.relation:
            hop.verb, hop.evidence, hop.article = best.get(edge.relation, ("", "", ""))
            continue
        from kg.vocab import event_class

        rows = store.select(
            f"""SELECT ?verb ?text ?id WHERE {{
                  GRAPH ?g {{ ?s kg:actor <{edge.source}> ; kg:destination <{edge.target}> ;
                               kg:eventType <{event_class(edge.event_type)}> ; kg:verb ?verb ; kg:modality ?modality ;
                               prov:wasDerivedFrom ?sentence .
                             ?sentence kg:text ?text ; kg:charStart ?start ; kg:inArticle ?a . ?a kg:articleId ?id }} }}
                ORDER BY (?modality != "asserted") ?start ?id ?text LIMIT 1"""
        )
        if rows:
            hop.verb, hop.evidence, hop.article = rows[0]["verb"], rows[0]["text"], rows[0]["id"]


def projection(
    store: KnowledgeStore,
    *,
    types: tuple[str, ...] = (),
    since: str | None = None,
    until: str | None = None,
    countries: tuple[str, ...] = (),
    include_negated: bool = False,
    destinations: bool = True,
):
    """The whole graph as a networkx MultiDiGraph: one edge per relation (and destination link).

    Nodes carry label, type, country, sector; edges carry event type, polarity,
    sources, statements, first and last date.
    """
    import networkx as nx

    graph = nx.MultiDiGraph()
    where = _filters(types, since, until, include_negated)
    rows = store.select(
        f"""SELECT ?r ?a ?t ?type ?polarity ?asserted ?sources ?statements ?first ?last WHERE {{
              GRAPH <{RELATIONS_GRAPH}> {{ ?r a kg:Relation ; kg:actor ?a ; kg:target ?t ; kg:eventType ?type ;
                kg:polarity ?polarity ; kg:asserted ?asserted ; kg:sourceCount ?sources ; kg:statementCount ?statements .
                OPTIONAL {{ ?r kg:firstDate ?first }} OPTIONAL {{ ?r kg:lastDate ?last }} }}
              {where} }}"""
    )
    for row in rows:
        graph.add_edge(
            row["a"], row["t"], key=row["r"], event_type=row["type"].rsplit("#", 1)[1].upper(), role="target",
            polarity=row["polarity"], asserted=bool(row["asserted"]), sources=int(row["sources"]),
            statements=int(row["statements"]), first=row["first"], last=row["last"],
        )
    if destinations:
        rows = store.select(
            """SELECT ?a ?d ?type (COUNT(DISTINCT ?g) AS ?sources) (COUNT(DISTINCT ?s) AS ?statements)
                      (MIN(STR(?date)) AS ?first) (MAX(STR(?date)) AS ?last) WHERE {
                 GRAPH ?g { ?s kg:destination ?d ; kg:actor ?a ; kg:eventType ?type ; kg:negated ?negated .
                            OPTIONAL { ?s kg:date ?date } } FILTER(!?negated) }
               GROUP BY ?a ?d ?type"""
        )
        wanted = set(types)
        for row in rows:
            event_type = row["type"].rsplit("#", 1)[1].upper()
            if (wanted and event_type not in wanted) or not _within(row["first"], row["last"], since, until):
                continue
            graph.add_edge(
                row["a"], row["d"], key=f"destination:{row['a']}:{row['d']}:{event_type}", event_type=event_type,
                role="destination", polarity="asserted", asserted=True, sources=int(row["sources"]),
                statements=int(row["statements"]), first=row["first"], last=row["last"],
            )
    describe(store, graph)
    return only_countries(graph, countries)


def describe(store: KnowledgeStore, graph) -> None:
    """Give a graph's nodes their label, type, country and sector from the entities graph."""
    hood = Neighbourhood()
    _labels(store, set(graph.nodes), hood)
    _attributes(store, graph, hood)


def only_countries(graph, countries: tuple[str, ...]):
    """The nodes of the edges that touch an entity of `countries` (a described graph), with every
    edge between them; the graph itself when no country is asked for."""
    if not countries:
        return graph
    keep = {n for n, data in graph.nodes(data=True) if data.get("country") in countries}
    return graph.subgraph({n for edge in graph.edges() for n in edge if set(edge) & keep}).copy()


def _attributes(store: KnowledgeStore, graph, hood: Neighbourhood) -> None:
    nodes = sorted(graph.nodes)
    details: dict[str, dict] = {}
    for start in range(0, len(nodes), 500):
        values = " ".join(f"<{n}>" for n in nodes[start:start + 500])
        for row in store.select(
            f"""SELECT ?e ?code ?sector WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ VALUES ?e {{ {values} }}
                  OPTIONAL {{ ?e kg:countryCode ?code }} OPTIONAL {{ ?e kg:sector ?sector }} }} }}"""
        ):
            details[row["e"]] = row
    for node in nodes:
        label, kind = hood.labels.get(node, (node.rsplit("/", 1)[-1], "Entity"))
        row = details.get(node, {})
        graph.nodes[node].update(label=label, type=kind, country=row.get("code") or "", sector=row.get("sector") or "")
