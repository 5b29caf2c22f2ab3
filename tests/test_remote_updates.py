"""Updates cut into requests a server takes: the same store as one request, completion markers last."""

from __future__ import annotations

from datetime import datetime, timezone

import pyoxigraph
import pytest

from kg.store import KnowledgeStore
from kg.store.updates import MARKERS, batches, operations, split_update
from kg.vocab import KG
from tests.conftest import EXAMPLES

WHEN = datetime(2025, 1, 1, tzinfo=timezone.utc)


class SplittingBackend:
    """An in-memory Oxigraph store that applies each update as `split_update` cuts it (as a remote store does)."""

    kind = "remote"

    def __init__(self, limit: int, fail_after: int | None = None):
        self.store = pyoxigraph.Store()
        self.limit = limit
        self.requests: list[str] = []
        self.fail_after = fail_after

    def query(self, sparql, union=True):
        return self.store.query(sparql, use_default_graph_as_union=union)

    def update(self, sparql):
        for request in split_update(sparql, self.limit):
            if self.fail_after is not None and len(self.requests) >= self.fail_after:
                raise ConnectionError("the server went away")
            self.requests.append(request)
            self.store.update(request)

    def settings(self):
        return {}

    def close(self):
        pass


def test_operations_split_at_semicolons_outside_strings_iris_and_comments():
    update = ('INSERT DATA { <http://e/a> <http://e/b> "x ; y" } ;\n'
              "DELETE WHERE { ?s <http://e/p;q> '''a ;\n b''' } # a comment; not an operation\n;"
              "DROP SILENT GRAPH <http://e/g> ;")
    assert [op.split()[0] for op in operations(update)] == ["INSERT", "DELETE", "DROP"]
    assert operations('INSERT DATA { <http://e/a> <http://e/b> "unclosed } ') is None


def test_an_update_that_fits_goes_as_it_is():
    update = "DROP SILENT GRAPH <http://e/g> ;\nINSERT DATA { GRAPH <http://e/g> { <http://e/a> <http://e/b> 1 } }"
    assert split_update(update, 1000) == [update]


def test_a_large_update_is_cut_in_order_with_its_marker_last():
    lines = "\n".join(f'<http://e/s{i}> <http://e/p> "{i}" .' for i in range(2_345))
    blank = "\n".join(f"_:b{i} <http://e/next> _:b{i + 1} ." for i in range(5))
    update = (f"DROP SILENT GRAPH <http://e/g> ;\n"
              f"INSERT DATA {{ GRAPH <http://e/g> {{\n{lines}\n<http://e/a> <{KG}contentHash> \"h\" .\n{blank}\n}} }} ;\n"
              'DELETE { GRAPH <http://e/g> { ?s <http://e/p> "5" } } WHERE { GRAPH <http://e/g> { ?s <http://e/p> "5" } } ;\n'
              'INSERT { GRAPH <http://e/h> { ?s <http://e/q> ?o } } WHERE { GRAPH <http://e/g> { ?s <http://e/p> ?o } }')
    requests = split_update(update, 1000)
    assert len(requests) >= 3
    assert all(r.count("\n") < 1_100 for r in requests)
    assert "contentHash" in requests[-1] and all("contentHash" not in r for r in requests[:-1])
    assert sum("_:b" in r for r in requests) == 1  # blank nodes linked together stay in one request
    whole, cut = pyoxigraph.Store(), pyoxigraph.Store()
    whole.update(update)
    for request in requests:
        cut.update(request)
    assert len(whole) == len(cut) == 2 * 2_344 + 1 + 5
    assert {str(q) for q in whole if "_:" not in str(q)} == {str(q) for q in cut if "_:" not in str(q)}


def test_blank_node_groups_are_never_split():
    quads = list(pyoxigraph.parse(
        b"".join(b"_:a%d <http://e/p> _:a%d .\n" % (i, i + 1) for i in range(30)) + b"<http://e/x> <http://e/p> \"1\" .\n",
        format=pyoxigraph.RdfFormat.N_TRIPLES))
    found = list(batches(quads, 10))
    assert sorted(len(b) for b in found) == [1, 30]


@pytest.fixture(scope="module")
def articles(extractor, tmp_path_factory):
    """The three seed articles and three White House statements, read."""
    from kg.read import read_articles

    statements = tmp_path_factory.mktemp("articles") / "whitehouse.jsonl"
    lines = (EXAMPLES / "whitehouse-migration.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    statements.write_text("".join(lines[:3]), encoding="utf-8")
    sources = [*map(str, sorted(EXAMPLES.glob("*.txt"))), str(statements)]
    parsed = list(extractor.parse(read_articles(sources)))
    return [(p.article, extractor.read(p).statements) for p in parsed]


def build_into(backend, articles, extractor) -> KnowledgeStore:
    store = KnowledgeStore(backend, "memory", True)
    store._ensure_ontology()
    store._ensure_summary()  # the network summary's updates are cut with the rest
    for article, statements in articles:
        store.replace_article(article, statements, extractor.version, generated_at=WHEN, new=True)
    article, statements = articles[0]  # replaced: its graph dropped, its relations and entities redone
    store.replace_article(article, statements[: len(statements) // 2], extractor.version, generated_at=WHEN)
    return store


def test_kg_updates_cut_small_give_the_same_store(articles, extractor):
    whole = build_into(SplittingBackend(limit=10**9), articles, extractor)
    cut = build_into(SplittingBackend(limit=40), articles, extractor)
    assert len(cut.backend.requests) > 3 * len(whole.backend.requests)
    assert {str(q) for q in whole.backend.store} == {str(q) for q in cut.backend.store}


def test_an_interrupted_article_update_leaves_the_article_unstored(articles, extractor):
    backend = SplittingBackend(limit=40)
    store = KnowledgeStore(backend, "memory", True)
    store._ensure_ontology()
    article, statements = max(articles, key=lambda a: len(a[1]))
    backend.fail_after = len(backend.requests) + 2
    with pytest.raises(ConnectionError):
        store.replace_article(article, statements, extractor.version, generated_at=WHEN, new=True)
    assert bool(store.query(f"ASK {{ GRAPH ?g {{ ?s kg:articleId \"{article.id}\" }} }}"))  # partly written
    assert article.id not in store.article_states()  # but not taken as stored: the next build writes it again
    assert KG + "contentHash" in MARKERS
