"""The network summary (kg.store.summary): what network pictures and exports read, kept by the store.

The store keeps one node per network edge beside the relations and recomputes the
edges of every (actor, type) whose relations it recomputes. These tests hold it to
two things, on the example store and after an analyst's and a build's changes: it is
what recomputing it from nothing gives (`rebuild_relations`), and the network read
from it (kg.query.summary) is the network read from the relations, node for node and
edge for edge, attribute for attribute.
"""

from __future__ import annotations

import shutil

import pytest

from kg import corrections
from kg.build import build
from kg.query import summary
from kg.query.export import Filters, _typed_from_relations, network, pair_weights, typed_network, write_gexf
from kg.query.lookup import resolve, statements
from kg.store import KnowledgeStore
from kg.viz import layout
from tests.test_cli import run

ID = "https://w3id.org/kg-md/id/"
MEX, USA, PAN = ID + "country/MEX", ID + "country/USA", ID + "country/PAN"
SEEDS = (ID + "article/001_31b4f35ab270502a", ID + "article/002_7b4837244018cd6d")

FILTERS = [
    Filters(),
    Filters(include_negated=True),
    Filters(types=("REJECT",)),
    Filters(types=("AGREE", "REJECT"), include_negated=True),
    Filters(countries=("MEX",)),
    Filters(types=("COERCE",), countries=("USA", "PAN")),
]


def summary_of(path) -> set[tuple[str, str, str]]:
    with KnowledgeStore.open(path) as ks:
        return {(str(r["s"]), str(r["p"]), str(r["o"]))
                for r in ks.query("SELECT ?s ?p ?o WHERE { GRAPH kgr:graph\\/network { ?s ?p ?o } }")}


def kept(path) -> bool:
    with KnowledgeStore.open(path) as ks:
        return summary.kept(ks)


def recomputed(path, tmp_path) -> set[tuple[str, str, str]]:
    """The summary of a copy of the store whose relations and summary were computed again from nothing."""
    copy = tmp_path / "recomputed"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(path, copy, ignore=shutil.ignore_patterns("writer.lock", "drawings"))
    with KnowledgeStore.open(copy, write=True) as ks:
        ks.rebuild_relations()
    return summary_of(copy)


def canonical(graph) -> tuple:
    """A typed network as comparable values: nodes, edges and every attribute, and the pair weights."""
    return (sorted((n, sorted(d.items())) for n, d in graph.nodes(data=True)),
            sorted((u, v, k, sorted(d.items())) for u, v, k, d in graph.edges(keys=True, data=True)),
            sorted(pair_weights(graph).items()))


def assert_draws_as_its_relations(path) -> None:
    with KnowledgeStore.open(path) as ks:
        assert summary.kept(ks)
        for filters in FILTERS:
            assert canonical(typed_network(ks, filters)) == canonical(_typed_from_relations(ks, filters)), filters


def assert_whole(path, tmp_path) -> None:
    held = summary_of(path)
    assert len(held) > 1  # more than its marker
    assert held == recomputed(path, tmp_path)
    assert_draws_as_its_relations(path)


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
    with KnowledgeStore.open(example_store) as ks:
        edge = typed_network(ks, Filters())[MEX][USA]["REJECT"]
        assert "destination" in typed_network(ks, Filters(types=("COERCE",)))[USA][PAN]["COERCE"]["role"]
    assert (edge["weight"], edge["relations"], edge["statements"]) == (2, 1, len(refusals))
    assert (edge["role"], edge["polarity"], edge["spells"], edge["first"]) == ("target", "asserted", [], "")


def test_the_summary_draws_what_the_relations_draw(example_store, tmp_path, monkeypatch):
    with KnowledgeStore.open(example_store) as ks:
        drawn = {f: (canonical(typed_network(ks, f)), network(ks, f), layout(ks, f)) for f in FILTERS}
        write_gexf(ks, tmp_path / "summary.gexf", Filters())
        monkeypatch.setattr(summary, "kept", lambda store: False)  # as a store without one: the relations
        for f in FILTERS:
            pairs = network(ks, f)
            assert drawn[f][0] == canonical(typed_network(ks, f)), f
            assert sorted(drawn[f][1].nodes(data=True)) == sorted(pairs.nodes(data=True)), f
            assert sorted(drawn[f][1].edges(data=True)) == sorted(pairs.edges(data=True)), f
            assert drawn[f][2] == layout(ks, f), f
        write_gexf(ks, tmp_path / "relations.gexf", Filters())
    assert (tmp_path / "summary.gexf").read_bytes() == (tmp_path / "relations.gexf").read_bytes()


def test_a_date_range_reads_the_relations(example_store, monkeypatch):
    """A date range keeps some of an edge's relations: the summary cannot answer it."""
    with KnowledgeStore.open(example_store) as ks:
        monkeypatch.setattr(summary, "edges", lambda *a: pytest.fail("the summary was read for a date range"))
        graph = typed_network(ks, Filters(since="2024-01-01"))
    assert graph.number_of_edges() > 0
    assert all(not data["last"] or data["last"] >= "2024-01-01" for _, _, data in graph.edges(data=True))


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


def test_a_store_without_a_summary_draws_from_its_relations_until_rebuilt(store_copy, example_store, tmp_path):
    with KnowledgeStore.open(store_copy, write=True) as ks:  # as a store written before kg kept the summary
        ks.update("DROP GRAPH kgr:graph\\/network")
    with KnowledgeStore.open(store_copy) as ks, KnowledgeStore.open(example_store) as whole:
        assert not summary.kept(ks)
        assert canonical(typed_network(ks, Filters())) == canonical(typed_network(whole, Filters()))
    drawn = run("viz", "--store", store_copy, "-o", tmp_path / "net.html")
    assert drawn.exit_code == 0 and "keeps no network summary" in drawn.stderr and "kg rebuild-relations" in drawn.stderr
    dated = run("viz", "--store", store_copy, "-o", tmp_path / "net.html", "--since", "2024-01-01")
    assert dated.exit_code == 0 and "keeps no network summary" not in dated.stderr  # read from relations anyway

    with KnowledgeStore.open(store_copy, write=True) as ks:  # writes keep no part of a summary
        refusal = next(row.id for row in statements(ks, resolve(ks, "Mexico"), types=("REJECT",))
                       if row.actor == MEX and row.target == USA)
        corrections.reject(ks, refusal, by="ana")
    assert summary_of(store_copy) == set()

    rebuilt = run("rebuild-relations", "--store", store_copy)
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "relations and their network summary" in rebuilt.stderr
    assert_whole(store_copy, tmp_path)
    drawn = run("viz", "--store", store_copy, "-o", tmp_path / "net.html")
    assert drawn.exit_code == 0 and "keeps no network summary" not in drawn.stderr


def test_an_import_keeps_the_summary_its_file_holds_and_only_into_an_empty_store(example_store, store_copy, tmp_path):
    dump = tmp_path / "examples.trig"
    assert run("export", "--format", "trig", "-o", dump, "--store", example_store).exit_code == 0
    assert run("import", dump, "--store", tmp_path / "copy").exit_code == 0
    assert kept(tmp_path / "copy") and summary_of(tmp_path / "copy") == summary_of(example_store)
    assert_draws_as_its_relations(tmp_path / "copy")
    merged = run("import", dump, "--store", store_copy)  # beside articles: whole for neither
    assert merged.exit_code == 0 and "kg rebuild-relations" in merged.stderr
    assert not kept(store_copy) and summary_of(store_copy) == set()


def test_an_empty_store_keeps_a_summary_from_its_first_article(tmp_path, extractor):
    from kg.model import Article

    with KnowledgeStore.open(tmp_path / "s", write=True, create=True) as ks:
        assert summary.kept(ks)
        text = "Mexico denied the U.S. permission to land a military aircraft deporting migrants."
        ks.replace_article(Article(id="one", text=text), extractor.extract_text(text, article_id="one"), extractor.version)
    assert_whole(tmp_path / "s", tmp_path)
