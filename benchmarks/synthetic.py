"""Synthetic stores in exactly kg's RDF layout, for the benchmarks.

Statements are made with kg's own records and written with kg's own RDF and
relation code (kg.store.rdf, kg.store.relations), so the benchmarks measure
the layout users get: one graph per article, an entities graph, a relations
graph with plain triples.

Actors follow a Zipf-like popularity (a few states appear in most articles,
as in news), dates spread over 2021–2025, ten statements an article; seven in ten statements
report an event another article reported too, so relations merge statements as they do in news.

    python benchmarks/synthetic.py 100000 /tmp/synthetic-100k.nq
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.model import Action, Article, Entity, Participant, Statement  # noqa: E402
from kg.store import rdf  # noqa: E402
from kg.store.relations import Support, clusters, relation_triples  # noqa: E402
from kg.vocab import ID, RELATIONS_GRAPH, article_graph, article_iri, event_class, statement_iri  # noqa: E402

ENTITIES = ID + "graph/entities"
TYPES = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
         "SANCTION", "MOBILIZE", "COERCE", "CONCEDE", "RETREAT", "PROTEST", "ASSAULT")
VERBS = {"AGREE": "agree", "CONSULT": "meet", "SUPPORT": "welcome", "COOPERATE": "accept", "AID": "provide",
         "REQUEST": "urge", "ACCUSE": "criticize", "REJECT": "reject", "THREATEN": "threaten", "SANCTION": "impose",
         "MOBILIZE": "deploy", "COERCE": "deport", "CONCEDE": "pause", "RETREAT": "release", "PROTEST": "protest",
         "ASSAULT": "attack"}
STATEMENTS_PER_ARTICLE = 10


def actors(count: int) -> list[Entity]:
    found = []
    for n in range(count):
        kind = ("Country", "GovernmentBody", "Person", "Organization", "PopulationGroup")[min(n // 40, 4) if n < 200 else n % 5]
        code = f"C{n:04d}"
        found.append(Entity(ID + f"synthetic/{kind.lower()}/{n}", f"{kind} {n}", kind, code[:3] if kind != "PopulationGroup" else None,
                            "GOV" if kind in ("Country", "GovernmentBody", "Person") else ("REF" if kind == "PopulationGroup" else None)))
    return found


def generate(statements: int, output: Path, seed: int = 7) -> dict:
    """Write a synthetic dataset of about `statements` statements as N-Quads; return its figures."""
    rng = random.Random(seed)
    people = actors(max(300, statements // 200))
    weights = [1.0 / (rank + 1) ** 1.1 for rank in range(len(people))]
    start = date(2021, 1, 1)
    supports: dict[tuple, list[Support]] = {}
    stories: list[tuple] = []  # (actor, target, type, date) of events already reported
    quads = 0
    articles = max(1, statements // STATEMENTS_PER_ARTICLE)
    with output.open("w", encoding="utf-8") as out:
        seen_entities: set[str] = set()
        for a in range(articles):
            day = (start + timedelta(days=rng.randrange(5 * 365))).isoformat()
            article = Article(id=f"synthetic-{a}", text=f"Synthetic article {a}.", title=f"Article {a}", date=day,
                              url=f"https://example.org/{a}", source="Synthetic Wire")
            made = []
            for s in range(STATEMENTS_PER_ARTICLE):
                if stories and rng.random() < 0.7:
                    # most statements report an event other outlets report too
                    actor, target, kind, day = stories[min(int(rng.paretovariate(1.2)) - 1, len(stories) - 1) if rng.random() < 0.5 else rng.randrange(len(stories))]
                else:
                    actor, target = rng.choices(people, weights, k=2)
                    if actor.id == target.id:
                        target = people[(people.index(actor) + 1) % len(people)]
                    kind = rng.choice(TYPES)
                    stories.append((actor, target, kind, day))
                negated = rng.random() < 0.05
                modality = rng.choices(("asserted", "reported", "planned", "hypothetical"), (70, 20, 7, 3))[0]
                sentence_start = 100 * (s // 2)
                statement = Statement(
                    article=article.id, sentence=f"Sentence {s // 2} of article {a} about {actor.label} and {target.label}.",
                    char_start=sentence_start, char_end=sentence_start + 80,
                    actor=Participant(actor, actor.label), action=Action(VERBS[kind], VERBS[kind], kind, None, None),
                    target=Participant(target, target.label), negated=negated, modality=modality, date=day,
                    confidence=0.7, extractor="synthetic", predicate_offset=sentence_start + s,
                )
                made.append(statement)
                support = Support(statement_iri(statement.id), article_iri(article.id), actor.id, event_class(kind),
                                  target.id, negated, modality, day)
                supports.setdefault(support.key, []).append(support)
            graph = article_graph(article.id)
            for line in rdf.article_graph_triples(article, made, "synthetic"):
                out.write(line[:-1] + f"<{graph}> .\n")
                quads += 1
            for entity in rdf.entities_of(made).values():
                if entity.id in seen_entities:
                    continue
                seen_entities.add(entity.id)
                for predicate, obj, _single in rdf.entity_facts(entity):
                    out.write(f"<{entity.id}> <{predicate}> {obj} <{ENTITIES}> .\n")
                    quads += 1
        relations = 0
        for key in sorted(supports):
            for group in clusters(supports[key]):
                relations += 1
                for line in dict.fromkeys(relation_triples(group)):
                    out.write(line[:-1] + f"<{RELATIONS_GRAPH}> .\n")
                    quads += 1
    quietest = next(p for p in reversed(people) if p.id in seen_entities)  # the rarest actor that appears
    typical = next(p for p in people[len(people) // 10:] if p.id in seen_entities)  # one of the top tenth
    return {"statements": articles * STATEMENTS_PER_ARTICLE, "articles": articles, "quads": quads,
            "relations": relations, "actors": len(people), "busiest": people[0].id, "second": people[1].id,
            "busiest_label": people[0].label, "quietest_label": quietest.label,
            "typical": typical.id, "typical_label": typical.label}


if __name__ == "__main__":
    figures = generate(int(sys.argv[1]), Path(sys.argv[2]))
    print(figures)
