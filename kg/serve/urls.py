"""The addresses of the pages, from kg's IRIs and back.

kg mints every entity, relation and statement under https://w3id.org/kg-md/id/,
so a page address is the rest of the IRI: kgr:country/MEX is /entity/country/MEX.
An IRI from elsewhere (a store built by another tool) goes in a query parameter.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from kg.vocab import ID


def entity_url(iri: str) -> str:
    if iri.startswith(ID) and "?" not in iri and "#" not in iri:
        return "/entity/" + quote(iri[len(ID):], safe="/")
    return "/entity?" + urlencode({"iri": iri})


def entity_iri(path: str) -> str:
    return ID + path


def relation_url(iri: str) -> str:
    return "/relation/" + quote(iri.rsplit("/", 1)[1], safe="")


def relation_iri(key: str) -> str:
    return ID + "relation/" + key


def article_url(article_id: str) -> str:
    return "/article/" + quote(article_id, safe="")


def timeline_url(a: str, b: str | None = None) -> str:
    return "/timeline?" + urlencode({"a": a, **({"b": b} if b else {})})


def query_url(path: str, **params) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "", (), [])}
    if not kept:
        return path
    return path + ("&" if "?" in path else "?") + urlencode(kept, doseq=True)
