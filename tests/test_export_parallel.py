"""Exports that mean what they show: one edge per (actor, type, target), in GEXF 1.3 and in `kg viz`.

Mexico refused the US military flight (REJECT) and agreed with the US on much
else (AGREE). Folding both into one edge named after the most common type
drew the refusal as an agreement; these tests read the files back.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from xml.etree import ElementTree as ET

import networkx as nx
import pytest

from kg import corrections
from kg.query.export import Filters, typed_network
from kg.query.lookup import resolve, statements
from kg.store import KnowledgeStore
from kg.viz import layout
from tests.test_cli import run
from tests.test_viz import chromium, render  # noqa: F401  (the Chromium fixture and the page renderer)

ID = "https://w3id.org/kg-md/id/"
MEX, USA = ID + "country/MEX", ID + "country/USA"
GEXF = "{http://gexf.net/1.3}"


def export_gexf(store, path, *options) -> ET.Element:
    result = run("export", "--format", "gexf", "--output", path, "--store", store, *options)
    assert result.exit_code == 0, result.output
    return ET.parse(path).getroot()


def edges_of(root: ET.Element) -> list[ET.Element]:
    return root.findall(f"{GEXF}graph/{GEXF}edges/{GEXF}edge")


def attvalues(element: ET.Element) -> dict[str, str]:
    return {a.get("for"): a.get("value") for a in element.findall(f"{GEXF}attvalues/{GEXF}attvalue")}


@pytest.fixture(scope="module")
def gexf(example_store, tmp_path_factory):
    path = tmp_path_factory.mktemp("gexf") / "graph.gexf"
    return path, export_gexf(example_store, path)


def test_gexf_is_version_1_3_with_one_edge_per_actor_type_target(gexf):
    path, root = gexf
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.3"
    graph_element = root.find(f"{GEXF}graph")
    assert graph_element.get("mode") == "dynamic" and graph_element.get("defaultedgetype") == "directed"
    edges = edges_of(root)
    keys = [(e.get("source"), e.get("target"), e.get("kind")) for e in edges]
    assert len(keys) == len(set(keys)) > 100  # no (source, target, kind) twice
    for edge in edges:
        values = attvalues(edge)
        assert edge.get("kind") == values["event_type"] + (" (negated)" if values.get("negated") == "true" else "")
        assert edge.get("label") == edge.get("kind") and float(edge.get("weight")) >= 1
    # parallel edges: some pair of actors has edges of several kinds
    assert max(Counter((s, t) for s, t, _ in keys).values()) > 1


def test_mexico_to_the_united_states_reads_back_as_separate_reject_and_agree_edges(gexf, example_store):
    path, root = gexf
    graph = nx.read_gexf(path)
    assert isinstance(graph, nx.MultiDiGraph)  # networkx sees the parallel edges as such
    between = graph[MEX][USA]
    kinds = Counter(data["event_type"] for data in between.values())
    assert kinds["REJECT"] == 1 and kinds["AGREE"] == 1 and len(between) == len(kinds) >= 3
    reject = next(data for data in between.values() if data["event_type"] == "REJECT")
    agree = next(data for data in between.values() if data["event_type"] == "AGREE")
    assert reject["label"] == "REJECT" and agree["label"] == "AGREE"
    # the weight is the number of articles that report that very event from Mexico to the US
    with KnowledgeStore.open(example_store) as ks:
        rows = ks.select(
            f"""SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH kgr:graph\\/relations {{ ?r kg:actor <{MEX}> ;
                  kg:target <{USA}> ; kg:eventType plover:Reject ; kg:polarity "asserted" ; kg:supportedBy ?s }}
                  GRAPH ?g {{ ?s a kg:Statement }} }}""")
    assert reject["weight"] == rows[0]["n"] >= 2
    assert agree["weight"] > 1 and agree["spells"]  # dated relations carry their intervals
    xml_edges = [e for e in edges_of(root) if (e.get("source"), e.get("target")) == (MEX, USA)]
    assert {e.get("kind") for e in xml_edges} >= {"REJECT", "AGREE"}
    spells = next(e for e in xml_edges if e.get("kind") == "AGREE").findall(f"{GEXF}spells/{GEXF}spell")
    assert spells and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", s.get("start")) for s in spells)


def test_filters_still_apply_to_the_gexf(example_store, tmp_path):
    root = export_gexf(example_store, tmp_path / "reject.gexf", "--type", "REJECT")
    assert {e.get("kind") for e in edges_of(root)} == {"REJECT"}
    plain = edges_of(export_gexf(example_store, tmp_path / "plain.gexf"))
    assert not any(attvalues(e).get("negated") == "true" for e in plain)  # denials only when asked for
    root = export_gexf(example_store, tmp_path / "negated.gexf", "--negated", "--country", "MEX")
    countries = {n.get("id"): attvalues(n).get("country") for n in root.findall(f"{GEXF}graph/{GEXF}nodes/{GEXF}node")}
    edges = edges_of(root)
    # --country keeps the entities in a relation with a Mexican one (and the relations among them)
    near = {n for e in edges if "MEX" in (countries[e.get("source")], countries[e.get("target")])
            for n in (e.get("source"), e.get("target"))}
    assert edges and set(countries) == near
    for edge in edges:
        assert (attvalues(edge)["negated"] == "true") == edge.get("kind").endswith(" (negated)")


def test_the_network_page_draws_parallel_edges_apart(example_store):
    with KnowledgeStore.open(example_store) as ks:
        data = layout(ks)
        rejects = layout(ks, Filters(types=("REJECT",)))
    between = [e for e in data["edges"] if (e["source"], e["target"]) == (MEX, USA)]
    assert {"REJECT", "AGREE"} <= {e["type"] for e in between}
    assert len({e["kind"] for e in between}) == len(between)
    # each edge of a pair (both directions) has a lane of its own
    pair = [e for e in data["edges"] if {e["source"], e["target"]} == {MEX, USA}]
    lanes = {e["bend"] * (1 if e["source"] < e["target"] else -1) for e in pair}
    assert len(lanes) == len(pair)
    assert {e["type"] for e in rejects["edges"]} == {"REJECT"}
    assert any((e["source"], e["target"]) == (MEX, USA) for e in rejects["edges"])


def test_chromium_draws_mexicos_refusal_and_agreements_as_separate_curves(chromium, example_store, tmp_path):
    page = tmp_path / "network.html"
    result = run("viz", "--store", example_store, "-o", page)
    assert result.exit_code == 0, result.output
    dom, requested = render(chromium, page, tmp_path)
    assert 'data-ready="true"' in dom and requested == []
    drawn = {}
    for element in re.findall(r'<path class="edge"[^>]*>', dom):
        attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', element))
        if (attributes.get("data-source"), attributes.get("data-target")) == (MEX, USA):
            drawn[attributes["data-kind"]] = attributes["d"]
    assert {"REJECT", "AGREE"} <= set(drawn)
    assert len(set(drawn.values())) == len(drawn)  # each on a path of its own, none hidden under another


def test_a_rejected_refusal_leaves_the_export(example_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(example_store, store, ignore=shutil.ignore_patterns("writer.lock"))
    with KnowledgeStore.open(store, write=True) as ks:
        for row in statements(ks, resolve(ks, "Mexico"), types=("REJECT",)):
            if row.target == USA:
                corrections.reject(ks, row.id, by="ana")
        graph = typed_network(ks, Filters())
    assert "REJECT" not in graph[MEX][USA]
    assert "AGREE" in graph[MEX][USA]
    root = export_gexf(store, tmp_path / "after.gexf")
    assert "REJECT" not in {e.get("kind") for e in edges_of(root) if (e.get("source"), e.get("target")) == (MEX, USA)}
    result = run("viz", "--store", store, "-o", tmp_path / "after.html", "--type", "REJECT")
    assert result.exit_code == 0, result.output
    embedded = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>',
                         (tmp_path / "after.html").read_text(encoding="utf-8"), re.S).group(1)
    assert not any((e["source"], e["target"]) == (MEX, USA) for e in json.loads(embedded)["edges"])
