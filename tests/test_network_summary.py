"""The network summary (kg.store.summary): what network pictures and exports read, kept by the store.

The store keeps one node per network edge beside the relations and recomputes the
edges of every (actor, type) whose relations it recomputes. These tests hold it to
being what recomputing it from nothing gives (`rebuild_relations`), on the example
store and after an analyst's and a build's changes.
"""

from __future__ import annotations

import shutil

from kg import corrections
from kg.build import build
from kg.query.lookup import resolve, statements
from kg.store import KnowledgeStore
from kg.store.summary import MARKED
from tests.test_cli import run

ID = "https://w3id.org/kg-md/id/"
MEX, USA = ID + "country/MEX", ID + "country/USA"
SEEDS = (ID + "article/001_31b4f35ab270502a", ID + "article/002_7b4837244018cd6d")


def summary_of(path) -> set[tuple[str, str, str]]:
    with KnowledgeStore.open(path) as ks:
        return {(str(r["s"]), str(r["p"]), str(r["o"]))
                for r in ks.query("SELECT ?s ?p ?o WHERE { GRAPH kgr:graph\\/network { ?s ?p ?o } }")}


def kept(path) -> bool:
    with KnowledgeStore.open(path) as ks:
        return bool(ks.query(MARKED))


def recomputed(path, tmp_path) -> set[tuple[str, str, str]]:
    """The summary of a copy of the store whose relations and summary were computed again from nothing."""
    copy = tmp_path / "recomputed"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(path, copy, ignore=shutil.ignore_patterns("writer.lock", "drawings"))
    with KnowledgeStore.open(copy, write=True) as ks:
        ks.rebuild_relations()
    return summary_of(copy)


def assert_whole(path, tmp_path) -> None:
    held = summary_of(path)
    assert len(held) > 1  # more than its marker
    assert held == recomputed(path, tmp_path)


def test_the_example_store_keeps_a_whole_summary(example_store, tmp_path):
    assert kept(example_store)
    assert_whole(example_store, tmp_path)


def test_mexicos_refusal_is_one_edge_of_the_two_articles_that_report_it(example_store):
    with KnowledgeStore.open(example_store) as ks:
        refusals = [row for row in statements(ks, resolve(ks, "Mexico"), types=("REJECT",)) if row.actor == MEX and row.target == USA]
        stored = ks.select(
            """SELECT ?sources ?relations ?statements ?sum ?via ?polarity ?first ?article WHERE { GRAPH kgr:graph\\/network {
                 ?e a kg:NetworkEdge ; kg:actor kgr:country\\/MEX ; kg:eventType plover:Reject ; kg:target kgr:country\\/USA ;
                    kg:negated false ; kg:sourceCount ?sources ; kg:relationCount ?relations ; kg:statementCount ?statements ;
                    kg:sourceSum ?sum ; kg:via ?via ; kg:polarity ?polarity ; kg:reportedIn ?article .
                 OPTIONAL { ?e kg:firstDate ?first } } }""")
        to_panama = ks.select(
            """SELECT ?via WHERE { GRAPH kgr:graph\\/network { ?e kg:actor kgr:country\\/USA ; kg:eventType plover:Coerce ;
                 kg:target kgr:country\\/PAN ; kg:via ?via } }""")
    assert {row["article"] for row in stored} == set(SEEDS)
    assert {(r["sources"], r["relations"], r["statements"], r["sum"], r["via"], r["polarity"], r["first"]) for r in stored} == {
        (2, 1, len(refusals), 2, "target", "asserted", None)}  # undated: the seed articles carry no date
    assert "destination" in {row["via"] for row in to_panama}  # the US deports migrants to Panama: a destination link


def test_the_summary_stays_whole_through_corrections_builds_and_removals(store_copy, tmp_path, default_extractor):
    with KnowledgeStore.open(store_copy, write=True) as ks:
        refusal = next(row.id for row in statements(ks, resolve(ks, "Mexico"), types=("REJECT",))
                       if row.actor == MEX and row.target == USA and row.article == "002_7b4837244018cd6d")
        rejection = corrections.reject(ks, refusal, by="ana")
    assert_whole(store_copy, tmp_path)

    with KnowledgeStore.open(store_copy, write=True) as ks:
        corrections.merge(ks, "Adviser of United States", "Liz Sherwood-Randall", by="ana")
    assert_whole(store_copy, tmp_path)

    news = tmp_path / "news"
    news.mkdir()
    (news / "later.txt").write_text(
        "Mexico refused on Monday to accept another U.S. military deportation flight.\n\n"
        "The United States deported 80 migrants to Panama on Tuesday.\n", encoding="utf-8")
    (news / "002_7b4837244018cd6d.txt").write_text("Mexico denied the U.S. permission to land.\n", encoding="utf-8")
    report = build([str(news)], str(store_copy), extractor=default_extractor)  # one new article, one replaced
    assert report.extracted == 2 and report.problems == []
    assert_whole(store_copy, tmp_path)

    with KnowledgeStore.open(store_copy, write=True) as ks:
        assert ks.remove_article("001_31b4f35ab270502a")
        corrections.withdraw(ks, rejection.id)
    assert_whole(store_copy, tmp_path)


def test_an_import_keeps_the_summary_its_file_holds_and_only_into_an_empty_store(example_store, store_copy, tmp_path):
    dump = tmp_path / "examples.trig"
    assert run("export", "--format", "trig", "-o", dump, "--store", example_store).exit_code == 0
    assert run("import", dump, "--store", tmp_path / "copy").exit_code == 0
    assert kept(tmp_path / "copy") and summary_of(tmp_path / "copy") == summary_of(example_store)
    assert run("import", dump, "--store", store_copy).exit_code == 0  # beside articles: whole for neither
    assert not kept(store_copy) and summary_of(store_copy) == set()


def test_an_empty_store_keeps_a_summary_from_its_first_article(tmp_path, extractor):
    from kg.model import Article

    with KnowledgeStore.open(tmp_path / "s", write=True, create=True) as ks:
        assert bool(ks.query(MARKED))
        text = "Mexico denied the U.S. permission to land a military aircraft deporting migrants."
        ks.replace_article(Article(id="one", text=text), extractor.extract_text(text, article_id="one"), extractor.version)
    assert_whole(tmp_path / "s", tmp_path)
