"""Query results in the W3C formats, written from a (possibly cut) `Result`.

Oxigraph serializes whole result sets only; the server cuts results at its row
cap first, so it writes the four SPARQL 1.1 results formats itself (JSON, XML,
CSV, TSV: the specifications' own layout, checked against Oxigraph's output in
tests/test_serve.py). Graphs (CONSTRUCT, DESCRIBE) go through Oxigraph's RDF
serializers. One table per kind maps a format name to its media type and writer.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

from kg.vocab import PREFIXES

XSD_STRING = PREFIXES["xsd"] + "string"
LANG_STRING = PREFIXES["rdf"] + "langString"


def _kind(term) -> str:
    return type(term).__name__  # NamedNode, BlankNode, Literal, Triple


def _json_term(term) -> dict:
    kind = _kind(term)
    if kind == "NamedNode":
        return {"type": "uri", "value": term.value}
    if kind == "BlankNode":
        return {"type": "bnode", "value": term.value}
    if kind == "Triple":
        return {"type": "triple", "value": {"subject": _json_term(term.subject), "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    found = {"type": "literal", "value": term.value}
    if term.language:
        found["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        found["datatype"] = term.datatype.value
    return found


def write_json(result) -> bytes:
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}).encode()
    bindings = [{name: _json_term(term) for name, term in zip(result.variables, row) if term is not None}
                for row in result.rows]
    document = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _xml_term(term) -> str:
    kind = _kind(term)
    if kind == "NamedNode":
        return f"<uri>{escape(term.value)}</uri>"
    if kind == "BlankNode":
        return f"<bnode>{escape(term.value)}</bnode>"
    if kind == "Triple":
        return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}</predicate>"
                f"<object>{_xml_term(term.object)}</object></triple>")
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def write_xml(result) -> bytes:
    parts = ['<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    if result.kind == "ask":
        parts.append(f"</head><boolean>{'true' if result.boolean else 'false'}</boolean></sparql>")
        return "".join(parts).encode("utf-8")
    parts.extend(f"<variable name={quoteattr(name)}/>" for name in result.variables)
    parts.append("</head><results>")
    for row in result.rows:
        parts.append("<result>")
        parts.extend(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>"
                     for name, term in zip(result.variables, row) if term is not None)
        parts.append("</result>")
    parts.append("</results></sparql>")
    return "".join(parts).encode("utf-8")


def _csv_value(term) -> str:
    if term is None:
        return ""
    if _kind(term) == "BlankNode":
        return "_:" + term.value
    if _kind(term) == "Triple":
        return str(term)
    return term.value  # IRIs and literals: their plain value (the CSV format drops types and languages)


def write_csv(result) -> bytes:
    if result.kind == "ask":
        return b"true" if result.boolean else b"false"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    writer.writerows([_csv_value(term) for term in row] for row in result.rows)
    return buffer.getvalue().encode("utf-8")


def write_tsv(result) -> bytes:
    if result.kind == "ask":
        return b"true" if result.boolean else b"false"
    # terms in N-Triples syntax, as the TSV format asks (tabs and newlines come out escaped)
    lines = ["\t".join("?" + name for name in result.variables)]
    lines.extend("\t".join("" if term is None else str(term) for term in row) for row in result.rows)
    return ("\n".join(lines) + "\n").encode("utf-8")


def _rdf_writer(name: str) -> Callable:
    def write(result) -> bytes:
        import pyoxigraph

        fmt = getattr(pyoxigraph.RdfFormat, name)
        extra = {"prefixes": PREFIXES} if name in ("TURTLE", "RDF_XML") else {}
        return pyoxigraph.serialize(result.triples, format=fmt, **extra) or b""

    return write


#: name → (media type, writer) for SELECT and ASK results
RESULT_FORMATS: dict[str, tuple[str, Callable]] = {
    "json": ("application/sparql-results+json", write_json),
    "xml": ("application/sparql-results+xml", write_xml),
    "csv": ("text/csv", write_csv),
    "tsv": ("text/tab-separated-values", write_tsv),
}
#: name → (media type, writer) for CONSTRUCT and DESCRIBE results
GRAPH_FORMATS: dict[str, tuple[str, Callable]] = {
    "turtle": ("text/turtle", _rdf_writer("TURTLE")),
    "ntriples": ("application/n-triples", _rdf_writer("N_TRIPLES")),
    "rdfxml": ("application/rdf+xml", _rdf_writer("RDF_XML")),
    "jsonld": ("application/ld+json", _rdf_writer("JSON_LD")),
}
#: other media types clients send for the same formats
ALIASES = {
    "application/json": "json", "application/xml": "xml", "text/xml": "xml", "text/plain": "ntriples",
    "application/x-turtle": "turtle", "application/json+ld": "jsonld",
}
EXTENSIONS = {"json": "srj", "xml": "srx", "csv": "csv", "tsv": "tsv", "turtle": "ttl", "ntriples": "nt",
              "rdfxml": "rdf", "jsonld": "jsonld"}


def formats_for(kind: str) -> dict[str, tuple[str, Callable]]:
    return GRAPH_FORMATS if kind == "graph" else RESULT_FORMATS


def serialize(result, name: str) -> tuple[bytes, str]:
    """(body, media type) of `result` in format `name` (a key of formats_for(result.kind))."""
    media_type, writer = formats_for(result.kind)[name]
    return writer(result), media_type
