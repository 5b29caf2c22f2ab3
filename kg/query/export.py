"""Exports for network tools and RDF tools.

Network formats (gexf, graphml, csv, json) hold one edge per ordered pair of
entities: Gephi merges parallel edges by summing their weights, so kg merges
them first and says what the weight is — the number of distinct articles that
report any event from the source to the target. Each edge lists its event
types (dominant first), statement count, first and last date, and, in GEXF,
one time interval (spell) per relation so that Gephi's timeline plays them in
order.

RDF formats: turtle, ntriples and jsonld hold the union of all graphs; trig
and nquads keep the named graphs (one per article), for `kg import`.
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ExportError
from kg.plover import TYPES


@dataclass(frozen=True)
class Filters:
    types: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    countries: tuple[str, ...] = ()
    include_negated: bool = False


def network(store, filters: Filters):
    """The pair-level directed graph every network export writes (a networkx DiGraph)."""
    import networkx as nx

    from kg.query.graph import projection

    multi = projection(
        store, types=filters.types, since=filters.since, until=filters.until,
        countries=filters.countries, include_negated=filters.include_negated,
    )
    articles = _supporting_articles(store, multi)
    graph = nx.DiGraph()
    for node, data in multi.nodes(data=True):
        graph.add_node(node, **data)
    for u, v, key, data in multi.edges(keys=True, data=True):
        if not graph.has_edge(u, v):
            graph.add_edge(u, v, articles=set(), types={}, statements=0, spells=[], roles=set())
        edge = graph[u][v]
        edge["articles"] |= articles.get(key, set())
        edge["types"][data["event_type"]] = edge["types"].get(data["event_type"], 0) + data["sources"]
        edge["statements"] += data["statements"]
        edge["roles"].add(data["role"])
        if data.get("first"):
            edge["spells"].append(_interval(data["first"], data["last"] or data["first"]))
    for u, v, edge in graph.edges(data=True):
        ordered = sorted(edge["types"], key=lambda t: (-edge["types"][t], t))
        weight = len(edge.pop("articles")) or 1
        spells = sorted(set(edge.pop("spells")))
        edge.pop("types")
        edge.update(
            weight=weight,
            label=ordered[0],
            event_type=ordered[0],
            event_types=";".join(ordered),
            quad=TYPES[ordered[0]].quad,
            role=";".join(sorted(edge.pop("roles"))),
            first=spells[0][0] if spells else "",
            last=max(s[1] for s in spells) if spells else "",
        )
        if spells:
            edge["spells"] = spells
    return graph


def _supporting_articles(store, multi) -> dict[str, set[str]]:
    """relation IRI → article graphs of its statements (destination links count theirs)."""
    from kg.vocab import RELATIONS_GRAPH

    found: dict[str, set[str]] = {}
    rows = store.select(
        f"""SELECT ?r ?g WHERE {{ GRAPH <{RELATIONS_GRAPH}> {{ ?r kg:supportedBy ?s }} GRAPH ?g {{ ?s a kg:Statement }} }}"""
    )
    for row in rows:
        found.setdefault(row["r"], set()).add(row["g"])
    rows = store.select(
        """SELECT ?a ?d ?type ?g WHERE { GRAPH ?g { ?s kg:actor ?a ; kg:destination ?d ; kg:eventType ?type } }"""
    )
    for row in rows:
        key = f"destination:{row['a']}:{row['d']}:{row['type'].rsplit('#', 1)[1].upper()}"
        found.setdefault(key, set()).add(row["g"])
    return found


def _interval(first: str, last: str) -> tuple[str, str]:
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


# ---------------------------------------------------------------------- writers
_NODE_COLOURS = {
    "Country": (31, 119, 180), "GovernmentBody": (44, 160, 44), "Person": (148, 103, 189),
    "Organization": (255, 127, 14), "PopulationGroup": (140, 86, 75), "Place": (127, 127, 127),
    "Policy": (23, 190, 207), "Object": (188, 189, 34),
}
_QUAD_COLOURS = {
    "verbal cooperation": (116, 196, 118), "material cooperation": (0, 109, 44),
    "verbal conflict": (253, 141, 60), "material conflict": (203, 24, 29),
}


def write_gexf(store, output, filters: Filters) -> None:
    import networkx as nx

    graph = network(store, filters)
    degree = dict(graph.degree(weight="weight"))
    for node, data in graph.nodes(data=True):
        r, g, b = _NODE_COLOURS.get(data.get("type"), (127, 127, 127))
        data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": 5.0 + 2.0 * degree.get(node, 0) ** 0.5}
        spells = [s for _, _, e in graph.in_edges(node, data=True) for s in e.get("spells", [])]
        spells += [s for _, _, e in graph.out_edges(node, data=True) for s in e.get("spells", [])]
        if spells:
            data["start"] = min(s[0] for s in spells)
    for _, _, data in graph.edges(data=True):
        r, g, b = _QUAD_COLOURS[data["quad"]]
        data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "thickness": float(data["weight"])}
    _write(output, lambda handle: nx.write_gexf(graph, handle, version="1.2draft"))


def write_graphml(store, output, filters: Filters) -> None:
    import networkx as nx

    graph = network(store, filters)
    for _, _, data in graph.edges(data=True):
        spells = data.pop("spells", [])
        data["intervals"] = ";".join(f"{a}/{b}" for a, b in spells)
    _write(output, lambda handle: nx.write_graphml(graph, handle))


def write_json(store, output, filters: Filters) -> None:
    import networkx as nx

    graph = network(store, filters)
    for _, _, data in graph.edges(data=True):
        data["spells"] = [list(s) for s in data.get("spells", [])]
    data = nx.node_link_data(graph, edges="links")
    _write(output, lambda handle: handle.write(json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8")))


def write_csv(store, output, filters: Filters) -> None:
    """Gephi's spreadsheet import: nodes.csv (Id, Label, …) and edges.csv (Source, Target, Type, Weight, …)."""
    if output in (None, "-"):
        raise ExportError("csv export writes two files (nodes.csv and edges.csv): give --output a directory")
    folder = Path(output)
    folder.mkdir(parents=True, exist_ok=True)
    graph = network(store, filters)
    with open(folder / "nodes.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Id", "Label", "type", "country", "sector"])
        for node, data in sorted(graph.nodes(data=True)):
            writer.writerow([node, data.get("label", ""), data.get("type", ""), data.get("country", ""), data.get("sector", "")])
    with open(folder / "edges.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Source", "Target", "Type", "Weight", "Label", "event_types", "statements", "first", "last", "role"])
        for u, v, data in sorted(graph.edges(data=True)):
            writer.writerow([u, v, "Directed", data["weight"], data["label"], data["event_types"], data["statements"],
                             data["first"], data["last"], data["role"]])


def write_rdf(fmt_name: str) -> Callable:
    def writer(store, output, filters: Filters) -> None:
        import pyoxigraph

        from kg.vocab import PREFIXES

        if filters != Filters():
            raise ExportError("RDF exports hold the whole dataset; filters apply to network formats only")
        fmt = getattr(pyoxigraph.RdfFormat, fmt_name)
        if fmt.supports_datasets:
            _write(output, lambda handle: store.export(handle, fmt))
            return
        triples = (pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in store.backend.quads())
        extra = {"prefixes": PREFIXES} if fmt_name == "TURTLE" else {}
        _write(output, lambda handle: pyoxigraph.serialize(triples, handle, format=fmt, **extra))

    return writer


EXPORTERS: dict[str, Callable] = {
    "gexf": write_gexf,
    "graphml": write_graphml,
    "csv": write_csv,
    "json": write_json,
    "turtle": write_rdf("TURTLE"),
    "ntriples": write_rdf("N_TRIPLES"),
    "jsonld": write_rdf("JSON_LD"),
    "trig": write_rdf("TRIG"),
    "nquads": write_rdf("N_QUADS"),
}


def export(store, fmt: str, output: str | os.PathLike | None, filters: Filters = Filters()) -> None:
    writer = EXPORTERS.get(fmt)
    if writer is None:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORTERS)}")
    writer(store, output, filters)


def _write(output, produce: Callable[[object], None]) -> None:
    """Write to a path atomically (temporary file, then rename), or to stdout's bytes."""
    import sys

    if output in (None, "-"):
        buffer = io.BytesIO()
        produce(buffer)
        sys.stdout.buffer.write(buffer.getvalue())
        sys.stdout.buffer.flush()
        return
    path = Path(output)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            produce(handle)
        os.replace(temporary, path)
    except OSError as e:
        temporary.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {e.strerror or e}") from e
