"""A picture of the network: a standalone interactive HTML page, or a PNG.

Both draw the same graph as the GEXF export (kg.query.export.typed_network:
one edge per actor, PLOVER type and target, weighted by the number of
articles), laid out once by networkx. Parallel edges between two actors (the
AGREE and the REJECT edges from Mexico to the United States) are drawn side by
side, bent apart, each coloured by its own type; nodes are sized by how many
articles report their relations and coloured by kind.

The HTML page is one file that works offline: the data, the stylesheet and
the script (kg/viz/network.js, plain DOM and SVG, no library) are inlined,
and a Content-Security-Policy forbids the page any network request. The PNG
is drawn with matplotlib (the `viz` extra: pip install 'kg[viz]').
"""

from __future__ import annotations

import html
import io
import json
import math
from pathlib import Path

from kg.errors import ExportError
from kg.plover import TYPES
from kg.query.export import Filters, _write, pair_weights, typed_network

_HERE = Path(__file__).resolve().parent

#: One colour per PLOVER type, shades of one hue per quad category so that a
#: glance tells cooperation (blues, greens) from conflict (oranges, reds).
TYPE_COLOURS = {
    "AGREE": "#6baed6", "CONSULT": "#9ecae1", "SUPPORT": "#3182bd", "CONCEDE": "#08519c",
    "COOPERATE": "#74c476", "AID": "#31a354", "RETREAT": "#006d2c",
    "REQUEST": "#fdd0a2", "ACCUSE": "#fdae6b", "REJECT": "#fd8d3c", "THREATEN": "#e6550d",
    "PROTEST": "#fc9272", "SANCTION": "#de2d26", "MOBILIZE": "#a50f15", "COERCE": "#67000d",
    "ASSAULT": "#3f007d",
}
assert set(TYPE_COLOURS) == set(TYPES)

KIND_COLOURS = {
    "Country": "#1f77b4", "GovernmentBody": "#2ca02c", "Person": "#9467bd", "Organization": "#ff7f0e",
    "PopulationGroup": "#8c564b", "Place": "#7f7f7f", "Policy": "#17becf", "Object": "#bcbd22",
}

WIDTH, HEIGHT = 1200, 800


def layout(store, filters: Filters = Filters(), max_nodes: int = 300) -> dict:
    """Nodes with positions and sizes, and edges, as plain data (what both pictures draw)."""
    import networkx as nx

    from kg.query.graph import ACTOR_TYPES

    graph = typed_network(store, filters)
    graph.remove_edges_from(list(nx.selfloop_edges(graph, keys=True)))
    # only parties: PLOVER's recipients are actors; things acted upon are statements' objects, not nodes
    graph = graph.subgraph([n for n, kind in graph.nodes(data="type") if kind in ACTOR_TYPES]).copy()
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    if graph.number_of_nodes() == 0:
        raise ExportError("nothing to draw: the store (or the filters) leave no relations between actors")
    degree = _degree(graph)
    if graph.number_of_nodes() > max_nodes:
        keep = sorted(graph, key=lambda n: (-degree[n], n))[:max_nodes]
        graph = graph.subgraph(keep).copy()
        graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
        degree = _degree(graph)
    positions = _positions(graph)
    largest = max(degree.values()) or 1
    nodes = []
    for node in sorted(graph, key=lambda n: (-degree[n], n)):
        data = graph.nodes[node]
        x, y = positions[node]
        nodes.append({
            "id": node, "label": data.get("label", node), "kind": data.get("type", ""),
            "country": data.get("country", ""), "sector": data.get("sector", ""), "degree": degree[node],
            "x": round(x, 1), "y": round(y, 1), "r": round(3 + 12 * math.sqrt(degree[node] / largest), 1),
            "colour": KIND_COLOURS.get(data.get("type", ""), "#7f7f7f"),
        })
    bends = _bends(graph)
    spreads: dict[frozenset, float] = {}  # the widest lane of each pair, for the page to fit them all
    for (u, v, _kind), bend in bends.items():
        spreads[frozenset((u, v))] = max(spreads.get(frozenset((u, v)), 0.0), abs(bend))
    edges = []
    for u, v, kind, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[3].get("first") or "", e[0], e[1], e[2])):
        edges.append({
            "source": u, "target": v, "type": data["event_type"], "kind": kind, "negated": data["negated"],
            "weight": data["weight"], "relations": data["relations"], "statements": data["statements"],
            "first": data.get("first", ""), "last": data.get("last", ""), "spells": [list(s) for s in data["spells"]],
            "colour": TYPE_COLOURS[data["event_type"]], "bend": bends[(u, v, kind)],
            "spread": spreads[frozenset((u, v))],
        })
    used = sorted({e["type"] for e in edges}, key=list(TYPES).index)
    return {
        "width": WIDTH, "height": HEIGHT, "nodes": nodes, "edges": edges,
        "types": [{"name": t, "quad": TYPES[t].quad, "colour": TYPE_COLOURS[t]} for t in used],
        "kinds": [{"name": k, "colour": c} for k, c in KIND_COLOURS.items() if any(n["kind"] == k for n in nodes)],
    }


#: Pixels between parallel edges drawn side by side.
LANE = 14.0


def _degree(graph) -> dict[str, int]:
    """Articles reporting a node's relations (each ordered pair counted once, whatever its types)."""
    degree = {n: 0 for n in graph}
    for (u, v), weight in pair_weights(graph).items():
        degree[u] += weight
        degree[v] += weight
    return degree


def _bends(graph) -> dict[tuple[str, str, str], float]:
    """How far each edge bends off the straight line, to the right of its direction (pixels).

    The edges between two nodes, both directions, share lanes side by side: one edge is straight,
    two are ±LANE/2, three are -LANE, 0, +LANE, ... A reversed edge's right is the other side,
    so its sign flips to keep its lane.
    """
    lanes: dict[frozenset, list[tuple[str, str, str]]] = {}
    for u, v, kind in graph.edges(keys=True):
        lanes.setdefault(frozenset((u, v)), []).append((u, v, kind))
    bends = {}
    for members in lanes.values():
        members.sort(key=lambda e: (min(e[0], e[1]) != e[0], e[2], e[0]))  # one direction, then the other
        for index, (u, v, kind) in enumerate(members):
            lane = (index - (len(members) - 1) / 2) * LANE
            bends[(u, v, kind)] = round(lane if u <= v else -lane, 1)
    return bends


def _positions(graph) -> dict:
    """Page coordinates: each connected component laid out alone, then packed in rows.

    One spring layout of a disconnected graph flings the small components to
    the corners and squeezes the main one into the middle; laying them out
    apart and giving each an area in proportion to its size keeps all legible.
    """
    import networkx as nx

    undirected = nx.Graph()
    undirected.add_nodes_from(sorted(graph))
    for (u, v), weight in sorted(pair_weights(graph).items()):
        data = {"weight": weight}
        undirected.add_edge(u, v, weight=data["weight"] + (undirected[u][v]["weight"] if undirected.has_edge(u, v) else 0))
    components = sorted((sorted(c) for c in nx.connected_components(undirected)), key=lambda c: (-len(c), c[0]))
    total = sum(len(c) for c in components)
    margin, placed, boxes = 50, {}, []
    # shelf packing: the main component gets a box in proportion to its share, the rest fill rows below/right
    area = (WIDTH - 2 * margin) * (HEIGHT - 2 * margin)
    x = y = 0.0
    row_height = 0.0
    for component in components:
        side = math.sqrt(area * len(component) / total) * 0.9
        if x + side > WIDTH - 2 * margin:
            x, y = 0.0, y + row_height
            row_height = 0.0
        boxes.append((component, x, y, side))
        x += side
        row_height = max(row_height, side)
    scale = min(1.0, (HEIGHT - 2 * margin) / (y + row_height)) if y + row_height else 1.0
    for component, bx, by, side in boxes:
        # a graph of its own rather than a subgraph view: a view of a small part of a graph lists its
        # nodes in the order of a set, which changes with Python's string hashing from run to run
        sub = nx.Graph()
        sub.add_nodes_from(component)
        sub.add_edges_from(undirected.edges(component, data=True))
        if len(component) == 1:
            local = {component[0]: (0.5, 0.5)}
        else:
            # Kamada-Kawai spreads hub-and-spoke news graphs evenly; it is quadratic, so big
            # components get a spring layout (fixed seed: the same store draws the same picture)
            if len(component) <= 400:
                raw = nx.kamada_kawai_layout(sub)
            else:
                raw = nx.spring_layout(sub, weight="weight", seed=7, k=1.5 / math.sqrt(len(component)), iterations=200)
            xs, ys = [p[0] for p in raw.values()], [p[1] for p in raw.values()]
            sx, sy = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
            local = {n: (0.1 + 0.8 * (p[0] - min(xs)) / sx, 0.1 + 0.8 * (p[1] - min(ys)) / sy) for n, p in raw.items()}
        for node, (lx, ly) in local.items():
            placed[node] = (margin + (bx + lx * side) * scale, margin + (by + ly * side) * scale)
    return placed


def html_page(data: dict, title: str = "kg network") -> str:
    """The standalone page: template with the data, stylesheet and script inlined."""
    template = (_HERE / "template.html").read_text(encoding="utf-8")
    script = (_HERE / "network.js").read_text(encoding="utf-8")
    style = (_HERE / "network.css").read_text(encoding="utf-8")
    # "</" inside a script element would end it early; JSON allows the escaped form
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return (template.replace("{{title}}", html.escape(title)).replace("{{style}}", style)
            .replace("{{data}}", payload).replace("{{script}}", script))


def write_html(store, output, filters: Filters = Filters(), max_nodes: int = 300, title: str = "kg network") -> dict:
    data = layout(store, filters, max_nodes)
    page = html_page(data, title).encode("utf-8")
    _write(output, lambda handle: handle.write(page))
    return data


def write_png(store, output, filters: Filters = Filters(), max_nodes: int = 300, labels: int = 20,
              data: dict | None = None) -> dict:
    """A static image of the same layout (matplotlib, no screen needed)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.lines import Line2D
    except ImportError as e:
        raise ExportError("kg viz --png needs matplotlib: pip install 'kg[viz]'") from e
    data = data or layout(store, filters, max_nodes)
    where = {n["id"]: n for n in data["nodes"]}
    figure, axes = plt.subplots(figsize=(WIDTH / 100, HEIGHT / 100), dpi=150)
    axes.set_xlim(0, WIDTH)
    axes.set_ylim(HEIGHT, 0)  # SVG's y axis points down; keep the two pictures alike
    axes.axis("off")
    for edge in data["edges"]:
        a, b = where[edge["source"]], where[edge["target"]]
        length = math.hypot(b["x"] - a["x"], b["y"] - a["y"]) or 1.0
        # the page's quadratic curve, in arc3's terms: its control point is rad × length off the middle
        rad = max(-0.5, min(0.5, 2 * edge.get("bend", 0.0) / length))
        axes.annotate("", xy=(b["x"], b["y"]), xytext=(a["x"], a["y"]),
                      arrowprops={"arrowstyle": "-|>", "color": edge["colour"], "lw": 0.6 + 0.5 * math.sqrt(edge["weight"]),
                                  "alpha": 0.75, "shrinkA": a["r"] / 2, "shrinkB": b["r"] / 2, "mutation_scale": 8,
                                  "connectionstyle": f"arc3,rad={rad:.3f}"})
    axes.scatter([n["x"] for n in data["nodes"]], [n["y"] for n in data["nodes"]],
                 s=[(n["r"] * 1.6) ** 2 for n in data["nodes"]], c=[n["colour"] for n in data["nodes"]],
                 edgecolors="white", linewidths=0.8, zorder=3)
    for node in data["nodes"][:labels]:  # the best-connected ones; the HTML page shows the rest on hover
        axes.text(node["x"], node["y"] - node["r"] - 4, node["label"], ha="center", va="bottom", fontsize=6, zorder=4)
    handles = [Line2D([0], [0], color=t["colour"], lw=2, label=t["name"]) for t in data["types"]]
    handles += [Line2D([0], [0], marker="o", color="white", markerfacecolor=k["colour"], markersize=7, label=k["name"])
                for k in data["kinds"]]
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=6, frameon=False)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(figure)
    _write(output, lambda handle: handle.write(buffer.getvalue()))
    return data
