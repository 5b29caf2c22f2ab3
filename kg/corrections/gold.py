"""Reviewed sentences as gold sentence records (docs/annotation.md), for `kg evaluate`.

A sentence is gold when an analyst reviewed every typed statement kg stored
for it: confirmed ones are events as read, corrected ones events as corrected,
rejected ones no event. A sentence whose statements were all rejected is a
record with no events, which scores false positives.
"""

from __future__ import annotations

from kg.corrections.fold import literal_value
from kg.corrections.records import STATEMENT_PREFIX
from kg.store.rdf import ENTITIES_GRAPH
from kg.vocab import KG, PREFIXES

_DERIVED = f"<{PREFIXES['prov']}wasDerivedFrom>"


def gold_records(store) -> list[dict]:
    corrections = store.corrections()
    reviewed = {STATEMENT_PREFIX + s for s in corrections.by_statement}
    if not reviewed:
        return []
    sentences = _sentences_of(store, sorted(reviewed))
    members = _statements_of(store, sorted(sentences))
    complete = {sentence for sentence, statements in members.items() if statements and statements <= reviewed}
    statements = store._statement_pairs(sorted({s for sentence in complete for s in members[sentence]}))
    details = _sentence_details(store, sorted(complete))
    entities = _entity_codes(store, {o[1:-1] for _, pairs in statements.values() for p, o in pairs
                                     if p in (f"<{KG}actor>", f"<{KG}target>", f"<{KG}attributedTo>")})
    records = []
    for sentence in sorted(complete, key=lambda s: (details[s]["article"], details[s]["start"])):
        info = details[sentence]
        events = []
        for statement in sorted(members[sentence]):
            graph, pairs = statements[statement]
            values = dict(pairs)
            if f"<{KG}eventType>" not in values:
                continue  # rejected (a kg:RejectedStatement has no type) or untyped
            events.append(_event(values, entities))
        records.append({
            "id": f"review-{info['article']}-{info['start']}",
            "source": info["origin"] or info["article"],
            "date": info["date"],
            "context": info["context"] or None,
            "text": info["text"],
            "phenomena": ["reviewed"],
            "events": events,
        })
    return records


def _event(values: dict, entities: dict) -> dict:
    def party(predicate: str):
        term = values.get(f"<{KG}{predicate}>")
        return entities.get(term[1:-1]) if term else None

    mode = values.get(f"<{KG}mode>")
    event = {
        "actor": party("actor"),
        "type": values[f"<{KG}eventType>"][1:-1].rsplit("#", 1)[1].upper(),
        "target": party("target"),
        "negated": literal_value(values.get(f"<{KG}negated>", "")) == "true",
        "modality": literal_value(values.get(f"<{KG}modality>", '"asserted"')),
        "attributed_to": party("attributedTo"),
        "mode": literal_value(mode) if mode else None,
    }
    obj = values.get(f"<{KG}objectText>")
    if obj:
        event["object"] = literal_value(obj)
    return event


def _sentences_of(store, statements: list[str]) -> set[str]:
    found = set()
    for start in range(0, len(statements), 500):
        values = " ".join(f"<{s}>" for s in statements[start:start + 500])
        rows = store.select(f"SELECT ?sentence WHERE {{ GRAPH ?g {{ VALUES ?s {{ {values} }} ?s prov:wasDerivedFrom ?sentence }} }}")
        found |= {row["sentence"] for row in rows}
    return found


def _statements_of(store, sentences: list[str]) -> dict[str, set[str]]:
    """sentence → its typed statements and its rejected ones."""
    found: dict[str, set[str]] = {s: set() for s in sentences}
    for start in range(0, len(sentences), 500):
        values = " ".join(f"<{s}>" for s in sentences[start:start + 500])
        rows = store.select(
            f"""SELECT ?sentence ?s WHERE {{ GRAPH ?g {{ VALUES ?sentence {{ {values} }} ?s prov:wasDerivedFrom ?sentence .
                  {{ ?s kg:eventType ?t }} UNION {{ ?s a kg:RejectedStatement }} }} }}"""
        )
        for row in rows:
            found[row["sentence"]].add(row["s"])
    return found


def _sentence_details(store, sentences: list[str]) -> dict[str, dict]:
    """sentence → its text, offset, article id, date, origin, and the article's earlier stored sentences."""
    found: dict[str, dict] = {}
    articles: dict[str, list[tuple[int, str]]] = {}
    for start in range(0, len(sentences), 500):
        values = " ".join(f"<{s}>" for s in sentences[start:start + 500])
        for row in store.select(
            f"""SELECT ?sentence ?text ?start ?a ?id ?date ?origin WHERE {{ GRAPH ?g {{ VALUES ?sentence {{ {values} }}
                  ?sentence kg:text ?text ; kg:charStart ?start ; kg:inArticle ?a . ?a kg:articleId ?id .
                  OPTIONAL {{ ?a dcterms:date ?date }} OPTIONAL {{ ?a kg:origin ?origin }} }} }}"""
        ):
            found[row["sentence"]] = {"text": row["text"], "start": int(row["start"]), "article": row["id"],
                                      "date": row["date"], "origin": row["origin"], "iri": row["a"]}
    for iri in {d["iri"] for d in found.values()}:
        rows = store.select(
            f"""SELECT ?text ?start WHERE {{ GRAPH ?g {{ ?sentence kg:inArticle <{iri}> ; kg:text ?text ; kg:charStart ?start }} }}"""
        )
        articles[iri] = sorted((int(r["start"]), r["text"]) for r in rows)
    for d in found.values():
        d["context"] = " ".join(text for offset, text in articles[d.pop("iri")] if offset < d["start"])
    return found


def _entity_codes(store, entities: set[str]) -> dict[str, dict]:
    """IRI → {label, country, sector}, the gold form of a party."""
    found = {}
    ordered = sorted(entities)
    for start in range(0, len(ordered), 500):
        values = " ".join(f"<{e}>" for e in ordered[start:start + 500])
        for row in store.select(
            f"""SELECT ?e ?label ?country ?sector WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ VALUES ?e {{ {values} }}
                  ?e rdfs:label ?label OPTIONAL {{ ?e kg:countryCode ?country }} OPTIONAL {{ ?e kg:sector ?sector }} }} }}"""
        ):
            found[row["e"]] = {"label": row["label"], "country": row["country"], "sector": row["sector"]}
    return found


__all__ = ["gold_records"]
