"""SHACL validation of a store with pySHACL, against ontology/shapes.ttl.

The store's graphs (the ontology graph included, so that sh:class sees
rdfs:subClassOf) are read into one rdflib graph; every violation is reported
with its focus node, path and message.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.resources import ontology_dir


@dataclass(frozen=True)
class Violation:
    severity: str
    focus: str
    path: str
    message: str


@dataclass
class ValidationReport:
    conforms: bool
    checked: int
    violations: list[Violation] = field(default_factory=list)


def validate(store) -> ValidationReport:
    import pyoxigraph
    import pyshacl
    from rdflib import Graph
    from rdflib.namespace import RDF, SH

    triples = (pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in store.backend.quads())
    data = Graph()
    data.parse(data=pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES) or b"", format="nt")
    shapes = Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=False)
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        violations.append(
            Violation(
                severity=str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
                focus=str(results.value(result, SH.focusNode)),
                path=str(results.value(result, SH.resultPath) or ""),
                message=str(results.value(result, SH.resultMessage) or ""),
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path))
    checked = len(set(data.subjects(RDF.type, None)))
    return ValidationReport(bool(conforms), checked, violations)
