"""What the pages show of relations and articles: every supporting sentence, marked up.

A relation (kg:Relation) merges statements of the same actor, type and target;
its evidence is each of those statements with its sentence, the article it came
from (title, date, outlet, address) and the words that gave actor, action and
target (kg.serve.highlight). An article's page lists its statements the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.query.lookup import labels_of
from kg.serve.highlight import segments
from kg.store import KnowledgeStore
from kg.vocab import RELATIONS_GRAPH, article_graph, article_iri


@dataclass(frozen=True)
class Evidence:
    statement: str  # the short id (as in `kg extract`)
    iri: str
    actor: str
    target: str | None
    event_type: str | None
    verb: str
    modality: str
    negated: bool
    confidence: float | None
    date: str | None
    sentence: str
    pieces: tuple[tuple[str, str | None], ...]  # the sentence cut into (text, role) for marking
    offset: int  # where the sentence starts in its article
    article: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None


@dataclass(frozen=True)
class Relation:
    iri: str
    actor: str
    target: str | None
    event_type: str
    polarity: str
    sources: int
    statements: int
    first: str | None
    last: str | None
    labels: dict


def relation(store: KnowledgeStore, iri: str) -> Relation | None:
    rows = store.select(
        f"""SELECT ?actor ?target ?type ?polarity ?sources ?statements ?first ?last WHERE {{
              GRAPH <{RELATIONS_GRAPH}> {{ <{iri}> a kg:Relation ; kg:actor ?actor ; kg:eventType ?type ;
                  kg:polarity ?polarity ; kg:sourceCount ?sources ; kg:statementCount ?statements .
                OPTIONAL {{ <{iri}> kg:target ?target }} OPTIONAL {{ <{iri}> kg:firstDate ?first }}
                OPTIONAL {{ <{iri}> kg:lastDate ?last }} }} }}"""
    )
    if not rows:
        return None
    row = rows[0]
    labels = labels_of(store, {row["actor"], row["target"]} - {None})
    return Relation(iri, row["actor"], row["target"], _type_name(row["type"]), row["polarity"], int(row["sources"]),
                    int(row["statements"]), row["first"], row["last"], labels)


def relation_evidence(store: KnowledgeStore, iri: str, limit: int | None = None) -> tuple[list[Evidence], int]:
    """The statements supporting the relation, stated as fact first, then by date (the first
    `limit` of them), and how many there are in all."""
    supports = [row["s"] for row in store.select(
        f"SELECT ?s WHERE {{ GRAPH <{RELATIONS_GRAPH}> {{ <{iri}> kg:supportedBy ?s }} }}")]
    statements = _statements(store, supports)
    statements.sort(key=lambda row: (row["modality"] != "asserted", row["date"] or "", row["s"]))
    shown = statements[:limit] if limit else statements
    return _with_sources(store, shown), len(statements)


def article(store: KnowledgeStore, article_id: str) -> tuple[dict | None, list[Evidence]]:
    """An article's description and its statements in reading order."""
    graph, a = article_graph(article_id), article_iri(article_id)
    described = store.select(
        f"""SELECT ?title ?published ?outlet ?url ?origin WHERE {{ GRAPH <{graph}> {{ <{a}> a kg:Article .
              OPTIONAL {{ <{a}> dcterms:title ?title }} OPTIONAL {{ <{a}> dcterms:date ?published }}
              OPTIONAL {{ <{a}> dcterms:publisher ?outlet }} OPTIONAL {{ <{a}> schema:url ?url }}
              OPTIONAL {{ <{a}> kg:origin ?origin }} }} }} LIMIT 1"""
    )
    if not described:
        return None, []
    iris = [row["s"] for row in store.select(
        f"SELECT ?s WHERE {{ GRAPH <{graph}> {{ ?s prov:wasDerivedFrom ?sentence ; kg:verb ?verb }} }}")]
    found = sorted(_with_sources(store, _statements(store, iris)), key=lambda e: (e.offset, e.statement))
    return described[0], found


def rejected_in_article(store: KnowledgeStore, article_id: str) -> list[tuple[str, str]]:
    """(statement id, sentence) of the article's statements analysts rejected (kg.corrections keeps
    them, as kg:RejectedStatement, so that a rebuild knows them again)."""
    rows = store.select(
        f"""SELECT ?s ?text ?start WHERE {{ GRAPH <{article_graph(article_id)}> {{
              ?s a kg:RejectedStatement ; prov:wasDerivedFrom ?sentence . ?sentence kg:text ?text ; kg:charStart ?start }} }}"""
    )
    return [(row["s"].rsplit("/", 1)[1], row["text"]) for row in sorted(rows, key=lambda r: (int(r["start"]), r["s"]))]


# Three small queries (statements, their sentences, their articles), each with its VALUES
# inside the GRAPH block: one query joining all three took 2 s for 500 statements at 100k,
# these take 0.2 s (Oxigraph otherwise starts from every statement of every graph).
def _statements(store: KnowledgeStore, iris: list[str]) -> list[dict]:
    rows: list[dict] = []
    for batch in _batches(iris):
        rows += store.select(
            f"""SELECT ?s ?actor ?verb ?modality ?negated ?type ?target ?confidence ?date ?actorText ?actionText
                       ?targetText ?sentence WHERE {{ GRAPH ?g {{ VALUES ?s {{ {batch} }}
                  ?s kg:actor ?actor ; kg:verb ?verb ; kg:modality ?modality ; kg:negated ?negated ;
                     prov:wasDerivedFrom ?sentence .
                  OPTIONAL {{ ?s kg:eventType ?type }} OPTIONAL {{ ?s kg:target ?target }}
                  OPTIONAL {{ ?s kg:confidence ?confidence }} OPTIONAL {{ ?s kg:date ?date }}
                  OPTIONAL {{ ?s kg:actorText ?actorText }} OPTIONAL {{ ?s kg:actionText ?actionText }}
                  OPTIONAL {{ ?s kg:targetText ?targetText }} }} }}"""
        )
    return list({row["s"]: row for row in rows}.values())


def _with_sources(store: KnowledgeStore, statements: list[dict]) -> list[Evidence]:
    sentences: dict[str, dict] = {}
    for batch in _batches(sorted({row["sentence"] for row in statements})):
        for row in store.select(
            f"""SELECT ?sentence ?text ?start ?a WHERE {{ GRAPH ?g {{ VALUES ?sentence {{ {batch} }}
                  ?sentence kg:text ?text ; kg:charStart ?start ; kg:inArticle ?a }} }}"""
        ):
            sentences[row["sentence"]] = row
    articles: dict[str, dict] = {}
    for batch in _batches(sorted({row["a"] for row in sentences.values()})):
        for row in store.select(
            f"""SELECT ?a ?articleId ?title ?published ?outlet ?url WHERE {{ GRAPH ?g {{ VALUES ?a {{ {batch} }}
                  ?a kg:articleId ?articleId . OPTIONAL {{ ?a dcterms:title ?title }}
                  OPTIONAL {{ ?a dcterms:date ?published }} OPTIONAL {{ ?a dcterms:publisher ?outlet }}
                  OPTIONAL {{ ?a schema:url ?url }} }} }}"""
        ):
            articles[row["a"]] = row
    found = []
    for row in statements:
        sentence = sentences.get(row["sentence"])
        if sentence is None:
            continue
        found.append(_evidence({**row, **sentence, **articles.get(sentence["a"], _NO_ARTICLE)}))
    return found


_NO_ARTICLE = {"articleId": "", "title": None, "published": None, "outlet": None, "url": None}


def _batches(iris: list[str], size: int = 500):
    for start in range(0, len(iris), size):
        yield " ".join(f"<{i}>" for i in iris[start:start + size])


def _evidence(row: dict) -> Evidence:
    words = {"actor": row["actorText"], "action": row["actionText"], "target": row["targetText"]}
    return Evidence(
        statement=row["s"].rsplit("/", 1)[1], iri=row["s"], actor=row["actor"], target=row["target"],
        event_type=_type_name(row["type"]) if row["type"] else None, verb=row["verb"], modality=row["modality"],
        negated=bool(row["negated"]), confidence=row["confidence"], date=row["date"], sentence=row["text"],
        pieces=tuple(segments(row["text"], words)), offset=int(row["start"]), article=row["articleId"],
        title=row["title"], published=row["published"], outlet=row["outlet"], url=row["url"],
    )


def _type_name(iri: str) -> str:
    return iri.rsplit("#", 1)[1].upper()


def participant_labels(store: KnowledgeStore, evidence: list[Evidence]) -> dict[str, str]:
    return labels_of(store, {e.actor for e in evidence} | {e.target for e in evidence if e.target})
