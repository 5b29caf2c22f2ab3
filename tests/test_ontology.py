"""The ontology files parse, agree with the CAMEO table, and carry the PLOVER attribution."""

from __future__ import annotations

import rdflib

from kg.plover import TYPES, turtle
from kg.resources import ontology_dir
from kg.vocab import PLOVER, PLOVER_TYPES


def test_plover_ttl_is_generated_from_the_table():
    assert (ontology_dir() / "plover.ttl").read_text(encoding="utf-8") == turtle(), (
        "ontology/plover.ttl is stale: run `python -m kg.plover > ontology/plover.ttl`"
    )


def test_ontology_parses_and_has_the_16_types_with_cameo_subclasses():
    graph = rdflib.Graph()
    for name in ("kg.ttl", "plover.ttl", "shapes.ttl"):
        graph.parse(ontology_dir() / name, format="turtle")
    notations = {str(o) for o in graph.objects(None, rdflib.SKOS.notation) if str(o).isalpha()}
    assert notations == set(PLOVER_TYPES)
    deport = rdflib.URIRef("https://w3id.org/kg-md/cameo#174")
    assert (deport, rdflib.RDFS.subClassOf, rdflib.URIRef(PLOVER + "Coerce")) in graph
    assert str(graph.value(deport, rdflib.RDFS.label)) == "Expel or deport individuals"


def test_attribution_is_kept():
    text = (ontology_dir() / "plover.ttl").read_text(encoding="utf-8")
    assert "Creative Commons Attribution-ShareAlike 4.0" in text
    assert "openeventdata/PLOVER" in text
    assert "CC BY-SA 4.0" in (ontology_dir() / "NOTICE.md").read_text(encoding="utf-8")
    assert list(TYPES) == list(PLOVER_TYPES)
