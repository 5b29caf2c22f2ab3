"""IRIs of the ontology and of the resources kg mints, as plain strings.

Plain strings (not rdflib terms) so that extraction and fast query paths never
import rdflib. The namespaces are also the prefixes predeclared for SPARQL.
"""

from __future__ import annotations

import re
import unicodedata

KG = "https://w3id.org/kg-md/ontology#"
ID = "https://w3id.org/kg-md/id/"
PLOVER = "https://w3id.org/kg-md/plover#"
CAMEO = "https://w3id.org/kg-md/cameo#"

PREFIXES: dict[str, str] = {
    "kg": KG,
    "kgr": ID,
    "plover": PLOVER,
    "cameo": CAMEO,
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "http://schema.org/",
}

#: The 16 PLOVER event types, in the manual's order (cooperation → conflict).
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

#: Graph holding the ontology inside a store.
ONTOLOGY_GRAPH = ID + "graph/ontology"
#: Graph holding relations derived from all articles' statements.
RELATIONS_GRAPH = ID + "graph/relations"


def slug(text: str) -> str:
    """ASCII, lowercase, hyphenated: a readable and stable IRI segment."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def event_class(plover_type: str) -> str:
    """plover:Reject for REJECT: the class of statements of that type."""
    return PLOVER + plover_type.capitalize()


def event_property(plover_type: str) -> str:
    """plover:reject for REJECT: the direct actor → target relation of that type."""
    return PLOVER + plover_type.lower()


def article_iri(article_id: str) -> str:
    return ID + "article/" + iri_segment(article_id)


def article_graph(article_id: str) -> str:
    return ID + "graph/article/" + iri_segment(article_id)


def statement_iri(statement_id: str) -> str:
    return ID + "statement/" + statement_id


def sentence_iri(article_id: str, char_start: int) -> str:
    return ID + "sentence/" + iri_segment(article_id) + "/" + str(char_start)


def iri_segment(value: str) -> str:
    """Keep ids readable but IRI-safe (article ids can contain slashes and spaces)."""
    return re.sub(r"[^A-Za-z0-9._~/-]", lambda m: "%{:02X}".format(ord(m.group(0))) if ord(m.group(0)) < 128 else m.group(0), value)
