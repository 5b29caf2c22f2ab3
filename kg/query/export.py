"""Exports for network tools and RDF tools.

GEXF (1.3) holds one edge per (actor, PLOVER type, target): parallel edges
between the same two entities, told apart by their `kind` (the type, e.g.
REJECT; "REJECT (negated)" for denials, with --negated), which Gephi 0.9.3+
keeps as separate edges of separate types. Each edge's weight is the number of
distinct articles reporting that event from that actor to that target, and it
carries one time interval (spell) per relation, so that Gephi's timeline plays
them in order. Mexico's refusal of the US flight is a REJECT edge beside the
AGREE edges between the same two states, not folded into the most common type.

The other network formats (graphml, csv, json) hold one edge per ordered pair
of entities: the weight is the number of distinct articles that report any
event from the source to the target, `event_types` lists every type (the most
reported first, which is also the label), with statement count and first and
last date. `kg top` ranks on that graph.

RDF formats: turtle, ntriples and jsonld hold the union of all graphs; trig
and nquads keep the named graphs (one per article), for `kg import`.
"""

from __future__ import annotations

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


def typed_network(store, filters: Filters):
    """One edge per (actor, type, target): a networkx MultiDiGraph keyed by the edge's kind.

    Edges carry kind, event_type, negated, weight (distinct articles), relations, statements,
    sources (their relations' source counts added up), first and last date, spells (one per
    relation), quad, role and polarity; nodes label, type, country and sector. The graph's
    "pair_weights" are the articles behind each ordered pair's edges (read them with
    `pair_weights`, which keeps to the edges a graph still has).

    Read from the store's network summary when it can answer the filters (kg.query.summary),
    else from the relations: the same graph either way.
    """
    from kg.query import summary
    from kg.query.graph import describe, only_countries

    if summary.answers(filters) and summary.kept(store):
        edges, weights = summary.edges(store, filters)
        graph = _typed_graph(sorted({n for edge, _ in edges for n in (edge.actor, edge.target)}), edges, weights)
        describe(store, graph)
        return only_countries(graph, filters.countries)
    return _typed_from_relations(store, filters)


def _typed_from_relations(store, filters: Filters):
    """typed_network from the relations (kg.query.graph.projection) and their statements' articles."""
    from kg.query.graph import projection
    from kg.store.summary import NetworkEdge, spell
    from kg.vocab import event_class

    multi = projection(
        store, types=filters.types, since=filters.since, until=filters.until,
        countries=filters.countries, include_negated=filters.include_negated,
    )
    articles = _supporting_articles(store)
    edges: dict[tuple, NetworkEdge] = {}
    for u, v, key, data in multi.edges(keys=True, data=True):
        negated = data["polarity"] == "negated"
        edge = edges.setdefault((u, data["event_type"], v, negated),
                                NetworkEdge(u, event_class(data["event_type"]), v, negated))
        edge.articles |= articles.get(key, set())
        edge.relations += 1
        edge.statements += data["statements"]
        edge.source_sum += data["sources"]
        edge.roles.add(data["role"])
        edge.polarities.add(data["polarity"])
        if data.get("first"):
            edge.spells.add(spell(data["first"], data["last"] or data["first"]))
    weights: dict[tuple[str, str], set] = {}
    for (u, event_type, v, negated), edge in edges.items():
        # an edge whose statements were not found still counts once, as its own weight does
        weights.setdefault((u, v), set()).update(edge.articles or {f"{u} {v} {event_type} {negated}"})
    graph = _typed_graph(sorted(multi.nodes), [(edge, len(edge.articles) or 1) for edge in edges.values()],
                         {pair: len(found) for pair, found in weights.items()})
    for node, data in multi.nodes(data=True):
        graph.nodes[node].update(data)
    return graph


def _typed_graph(nodes: list[str], edges, pair_weights: dict[tuple[str, str], int]):
    """The MultiDiGraph of typed_network from (kg.store.summary.NetworkEdge, weight) pairs."""
    import networkx as nx

    graph = nx.MultiDiGraph(pair_weights=pair_weights)
    graph.add_nodes_from(nodes)
    drawn = []
    for edge, weight in edges:
        event_type = edge.event_type.rsplit("#", 1)[1].upper()
        drawn.append((edge.actor, edge.target, event_type + (" (negated)" if edge.negated else ""), event_type, edge, weight))
    for u, v, kind, event_type, edge, weight in sorted(drawn, key=lambda d: d[:3]):
        spells = sorted(edge.spells)
        graph.add_edge(
            u, v, key=kind, kind=kind, event_type=event_type, negated=edge.negated, relations=edge.relations,
            statements=edge.statements, sources=edge.source_sum, weight=weight, label=kind,
            quad=TYPES[event_type].quad, role=";".join(sorted(edge.roles)), polarity=";".join(sorted(edge.polarities)),
            first=spells[0][0] if spells else "", last=max(s[1] for s in spells) if spells else "", spells=spells,
        )
    return graph


def network(store, filters: Filters):
    """The pair-level directed graph every network export writes (a networkx DiGraph): typed_network's
    edges between the same two nodes as one, its types ranked by the sources of their relations."""
    import networkx as nx

    typed = typed_network(store, filters)
    weights = pair_weights(typed)
    graph = nx.DiGraph()
    for node, data in typed.nodes(data=True):
        graph.add_node(node, **data)
    for u, v, data in typed.edges(data=True):
        if not graph.has_edge(u, v):
            graph.add_edge(u, v, types={}, statements=0, spells=set(), roles=set())
        edge = graph[u][v]
        edge["types"][data["event_type"]] = edge["types"].get(data["event_type"], 0) + data["sources"]
        edge["statements"] += data["statements"]
        edge["roles"].update(data["role"].split(";"))
        edge["spells"].update(data["spells"])
    for u, v, edge in graph.edges(data=True):
        ordered = sorted(edge["types"], key=lambda t: (-edge["types"][t], t))
        spells = sorted(edge.pop("spells"))
        edge.pop("types")
        edge.update(
            weight=weights[(u, v)],
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


def pair_weights(graph) -> dict[tuple[str, str], int]:
    """(source, target) → distinct articles reporting any event between them, for the pairs a typed
    network (or a subgraph of one) still has edges between."""
    known = graph.graph["pair_weights"]
    return {(u, v): known[(u, v)] for u, v in graph.edges()}


def _supporting_articles(store) -> dict[str, set[str]]:
    """relation IRI → article graphs of its statements (destination links count theirs)."""
    from kg.vocab import RELATIONS_GRAPH

    found: dict[str, set[str]] = {}
    rows = store.select(
        f"""SELECT ?r ?g WHERE {{ GRAPH <{RELATIONS_GRAPH}> {{ ?r kg:supportedBy ?s }} GRAPH ?g {{ ?s a kg:Statement }} }}"""
    )
    for row in rows:
        found.setdefault(row["r"], set()).add(row["g"])
    rows = store.select(
        # destination first: the few statements with one, not every statement's actor (2.2 s → 0.04 s at 100k);
        # negated ones make no destination link (kg.query.graph.projection), so they report none
        """SELECT ?a ?d ?type ?g WHERE { GRAPH ?g { ?s kg:destination ?d . ?s kg:actor ?a . ?s kg:eventType ?type ;
                                                    kg:negated false } }"""
    )
    for row in rows:
        key = f"destination:{row['a']}:{row['d']}:{row['type'].rsplit('#', 1)[1].upper()}"
        found.setdefault(key, set()).add(row["g"])
    return found


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


GEXF_NS = "http://gexf.net/1.3"
GEXF_VIZ = "http://gexf.net/1.3/viz"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_NODE_ATTRIBUTES = (("type", "string"), ("country", "string"), ("sector", "string"))
_EDGE_ATTRIBUTES = (
    ("event_type", "string"), ("negated", "boolean"), ("quad", "string"), ("polarity", "string"),
    ("relations", "integer"), ("statements", "integer"), ("first", "string"), ("last", "string"), ("role", "string"),
)


def write_gexf(store, output, filters: Filters) -> None:
    """GEXF 1.3, dynamic: one edge per (actor, type, target), parallel edges told apart by `kind`."""
    from datetime import date
    from xml.etree import ElementTree as ET

    from kg import __version__

    graph = typed_network(store, filters)
    weights = pair_weights(graph)
    degree: dict[str, int] = {}
    for (u, v), weight in weights.items():
        degree[u] = degree.get(u, 0) + weight
        degree[v] = degree.get(v, 0) + weight
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", GEXF_VIZ)
    ET.register_namespace("xsi", _XSI)

    def tag(name: str, namespace: str = GEXF_NS) -> str:
        return f"{{{namespace}}}{name}"

    root = ET.Element(tag("gexf"), {"version": "1.3", f"{{{_XSI}}}schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd"})
    meta = ET.SubElement(root, tag("meta"), {"lastmodifieddate": date.today().isoformat()})
    ET.SubElement(meta, tag("creator")).text = f"kg {__version__}"
    ET.SubElement(meta, tag("description")).text = (
        "Actors and their relations from news on migration diplomacy: one edge per (actor, PLOVER type, target); "
        "kind = the type; weight = distinct articles; spells = the relations' date intervals")
    xml_graph = ET.SubElement(root, tag("graph"), {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date"})
    for cls, attributes in (("node", _NODE_ATTRIBUTES), ("edge", _EDGE_ATTRIBUTES)):
        declared = ET.SubElement(xml_graph, tag("attributes"), {"class": cls, "mode": "static"})
        for name, kind in attributes:
            ET.SubElement(declared, tag("attribute"), {"id": name, "title": name, "type": kind})

    def values(element, data: dict, attributes) -> None:
        holder = ET.SubElement(element, tag("attvalues"))
        for name, kind in attributes:
            value = data.get(name)
            if value in (None, ""):
                continue
            text = ("true" if value else "false") if kind == "boolean" else str(value)
            ET.SubElement(holder, tag("attvalue"), {"for": name, "value": text})

    nodes = ET.SubElement(xml_graph, tag("nodes"), {"count": str(graph.number_of_nodes())})
    for node in sorted(graph):
        data = graph.nodes[node]
        starts = [e["spells"][0][0] for _, _, e in graph.in_edges(node, data=True) if e["spells"]]
        starts += [e["spells"][0][0] for _, _, e in graph.out_edges(node, data=True) if e["spells"]]
        element = ET.SubElement(nodes, tag("node"), {"id": node, "label": data.get("label") or node,
                                                      **({"start": min(starts)} if starts else {})})
        values(element, data, _NODE_ATTRIBUTES)
        r, g, b = _NODE_COLOURS.get(data.get("type"), (127, 127, 127))
        ET.SubElement(element, tag("color", GEXF_VIZ), {"r": str(r), "g": str(g), "b": str(b), "a": "1.0"})
        ET.SubElement(element, tag("size", GEXF_VIZ), {"value": f"{5.0 + 2.0 * degree.get(node, 0) ** 0.5:.2f}"})
    edges = ET.SubElement(xml_graph, tag("edges"), {"count": str(graph.number_of_edges())})
    for number, (u, v, kind, data) in enumerate(sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3])):
        element = ET.SubElement(edges, tag("edge"), {
            "id": str(number), "source": u, "target": v, "kind": kind, "label": kind, "weight": f"{float(data['weight'])}",
        })
        values(element, data, _EDGE_ATTRIBUTES)
        if data["spells"]:
            spells = ET.SubElement(element, tag("spells"))
            for start, end in data["spells"]:
                ET.SubElement(spells, tag("spell"), {"start": start, "end": end})
        r, g, b = _QUAD_COLOURS[data["quad"]]
        ET.SubElement(element, tag("color", GEXF_VIZ), {"r": str(r), "g": str(g), "b": str(b), "a": "1.0"})
        ET.SubElement(element, tag("thickness", GEXF_VIZ), {"value": f"{float(data['weight'])}"})
    ET.indent(root)
    text = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"
    _write(output, lambda handle: handle.write(text))


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
