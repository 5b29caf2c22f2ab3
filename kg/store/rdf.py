"""Statements as RDF: the triples of an article's graph and of the entities it mentions.

Terms are written in N-Triples syntax, which is also valid inside SPARQL
`INSERT DATA`, so the same text serves the embedded store and any SPARQL
endpoint. The layout (one named graph per article, entities and relations in
graphs of their own) is described in ontology/kg.ttl and docs/store.md.
"""

from __future__ import annotations

from datetime import datetime, timezone

from kg.model import Article, Entity, Statement
from kg.vocab import ID, KG, PREFIXES, article_iri, event_class, iri_segment, sentence_iri, statement_iri

RDF_TYPE = PREFIXES["rdf"] + "type"
RDFS_LABEL = PREFIXES["rdfs"] + "label"
SKOS_ALT = PREFIXES["skos"] + "altLabel"
XSD = PREFIXES["xsd"]
PROV = PREFIXES["prov"]
DCT = PREFIXES["dcterms"]
SCHEMA = PREFIXES["schema"]

ENTITIES_GRAPH = ID + "graph/entities"


def iri(value: str) -> str:
    return f"<{value}>"


def literal(value: str, datatype: str | None = None) -> str:
    escaped = (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"' + (f"^^<{datatype}>" if datatype else "")


def typed(value: object) -> str:
    if isinstance(value, bool):
        return literal("true" if value else "false", XSD + "boolean")
    if isinstance(value, int):
        return literal(str(value), XSD + "integer")
    if isinstance(value, float):
        return literal(f"{value:.2f}", XSD + "decimal")
    return literal(str(value))


def date_literal(value: str) -> str:
    """YYYY-MM-DD → xsd:date, YYYY-MM → xsd:gYearMonth, YYYY → xsd:gYear."""
    datatype = {10: "date", 7: "gYearMonth", 4: "gYear"}.get(len(value), "string")
    return literal(value, XSD + datatype)


def extractor_iri(version: str) -> str:
    return ID + "extractor/" + iri_segment(version)


def article_graph_triples(
    article: Article, statements: list[Statement], extractor_version: str, generated_at: datetime | None = None
) -> list[str]:
    """Every triple of an article's named graph, as 'subject predicate object .' lines."""
    generated = (generated_at or datetime.now(timezone.utc)).replace(microsecond=0)
    a = iri(article_iri(article.id))
    extractor = iri(extractor_iri(extractor_version))
    lines = [
        f"{a} {iri(RDF_TYPE)} {iri(KG + 'Article')} .",
        f"{a} {iri(KG + 'articleId')} {literal(article.id)} .",
        f"{a} {iri(KG + 'contentHash')} {literal(article.content_hash)} .",
        f"{a} {iri(KG + 'extractorVersion')} {literal(extractor_version)} .",
        f"{a} {iri(PROV + 'generatedAtTime')} {literal(generated.isoformat(), XSD + 'dateTime')} .",
        f"{a} {iri(PROV + 'wasAttributedTo')} {extractor} .",
        f"{extractor} {iri(RDF_TYPE)} {iri(KG + 'Extractor')} .",
        f"{extractor} {iri(RDFS_LABEL)} {literal(extractor_version)} .",
    ]
    if article.title:
        lines.append(f"{a} {iri(DCT + 'title')} {literal(article.title)} .")
    if article.date:
        lines.append(f"{a} {iri(DCT + 'date')} {literal(article.date, XSD + 'date')} .")
    if article.url:
        lines.append(f"{a} {iri(SCHEMA + 'url')} {literal(article.url)} .")
    if article.source:
        lines.append(f"{a} {iri(DCT + 'publisher')} {literal(article.source)} .")
    if article.origin:
        lines.append(f"{a} {iri(KG + 'origin')} {literal(article.origin)} .")
    sentences_done: set[int] = set()
    for statement in statements:
        lines.extend(statement_triples(statement, sentences_done))
    return lines


def statement_triples(statement: Statement, sentences_done: set[int]) -> list[str]:
    s = iri(statement_iri(statement.id))
    sentence = iri(sentence_iri(statement.article, statement.char_start))
    action = statement.action
    lines = [
        f"{s} {iri(RDF_TYPE)} {iri(KG + 'Statement')} .",
        f"{s} {iri(KG + 'actor')} {iri(statement.actor.entity.id)} .",
        f"{s} {iri(KG + 'verb')} {literal(action.lemma)} .",
        f"{s} {iri(KG + 'actionText')} {literal(action.text)} .",
        f"{s} {iri(KG + 'negated')} {typed(statement.negated)} .",
        f"{s} {iri(KG + 'modality')} {literal(statement.modality)} .",
        f"{s} {iri(KG + 'confidence')} {typed(float(statement.confidence))} .",
        f"{s} {iri(PROV + 'wasDerivedFrom')} {sentence} .",
    ]
    if action.type:
        lines.append(f"{s} {iri(RDF_TYPE)} {iri(event_class(action.type))} .")
        lines.append(f"{s} {iri(KG + 'eventType')} {iri(event_class(action.type))} .")
    if action.cameo:
        lines.append(f"{s} {iri(KG + 'cameoCode')} {literal(action.cameo)} .")
    if action.mode:
        lines.append(f"{s} {iri(KG + 'mode')} {literal(action.mode)} .")
    if statement.actor.text:
        lines.append(f"{s} {iri(KG + 'actorText')} {literal(statement.actor.text)} .")
    if statement.target is not None:
        lines.append(f"{s} {iri(KG + 'target')} {iri(statement.target.entity.id)} .")
        if statement.target.text:
            lines.append(f"{s} {iri(KG + 'targetText')} {literal(statement.target.text)} .")
        if statement.target.count is not None:
            lines.append(f"{s} {iri(KG + 'targetCount')} {typed(statement.target.count)} .")
            lines.append(f"{s} {iri(KG + 'targetCountText')} {literal(statement.target.count_text or '')} .")
    if statement.object:
        lines.append(f"{s} {iri(KG + 'objectText')} {literal(statement.object)} .")
    for role in statement.inferred:
        lines.append(f"{s} {iri(KG + 'inferredRole')} {literal(role)} .")
    if statement.destination is not None:
        lines.append(f"{s} {iri(KG + 'destination')} {iri(statement.destination.entity.id)} .")
    if statement.origin is not None:
        lines.append(f"{s} {iri(KG + 'originPlace')} {iri(statement.origin.entity.id)} .")
    if statement.attributed_to is not None:
        lines.append(f"{s} {iri(KG + 'attributedTo')} {iri(statement.attributed_to.entity.id)} .")
    if statement.date:
        lines.append(f"{s} {iri(KG + 'date')} {date_literal(statement.date)} .")
    if statement.date_text:
        lines.append(f"{s} {iri(KG + 'dateText')} {literal(statement.date_text)} .")
    if statement.char_start not in sentences_done:
        sentences_done.add(statement.char_start)
        lines += [
            f"{sentence} {iri(RDF_TYPE)} {iri(KG + 'Sentence')} .",
            f"{sentence} {iri(KG + 'text')} {literal(statement.sentence)} .",
            f"{sentence} {iri(KG + 'charStart')} {typed(statement.char_start)} .",
            f"{sentence} {iri(KG + 'charEnd')} {typed(statement.char_end)} .",
            f"{sentence} {iri(KG + 'inArticle')} {iri(article_iri(statement.article))} .",
        ]
    return lines


def entities_of(statements: list[Statement]) -> dict[str, Entity]:
    """Every node the statements point to, by IRI (first description wins)."""
    found: dict[str, Entity] = {}
    for statement in statements:
        for participant in (statement.actor, statement.target, statement.destination, statement.origin, statement.attributed_to):
            if participant is not None:
                found.setdefault(participant.entity.id, participant.entity)
    return found


def entity_facts(entity: Entity) -> list[tuple[str, str, bool]]:
    """(predicate IRI, object term, single-valued) for one entity's description."""
    facts = [
        (RDF_TYPE, iri(KG + entity.type), False),
        (RDF_TYPE, iri(KG + ("Actor" if entity.type in _ACTORS else "Entity")), False),
        (RDFS_LABEL, literal(entity.label), True),
    ]
    if entity.country:
        facts.append((KG + "countryCode", literal(entity.country), True))
    if entity.sector:
        facts.append((KG + "sector", literal(entity.sector), True))
    if entity.role:
        facts.append((KG + "role", literal(entity.role), True))
    for alias in entity.aliases:
        facts.append((SKOS_ALT, literal(alias), False))
    return facts


_ACTORS = {"Country", "GovernmentBody", "Person", "Organization", "PopulationGroup"}
