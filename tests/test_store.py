"""The store: one graph per article, merged relations, provenance, validation, locking."""

from __future__ import annotations

import json

import pytest

from kg.build import build
from kg.errors import StoreLocked, StoreNotFound
from kg.model import Article
from kg.store import KnowledgeStore
from kg.validate import validate

KG = "https://w3id.org/kg-md/ontology#"


def article(aid: str, text: str, date: str | None = None, **extra) -> Article:
    return Article(id=aid, text=text, date=date, **extra)


def write(store_path, extractor, *articles: Article) -> None:
    with KnowledgeStore.open(store_path, write=True, create=True) as store:
        for a in articles:
            store.replace_article(a, extractor.extract_text(a.text, date=a.date, article_id=a.id), extractor.version)
    assert_valid(store_path)


def assert_valid(store_path) -> None:
    """Every store a test builds must satisfy the SHACL shapes."""
    with KnowledgeStore.open(store_path) as store:
        report = validate(store)
    assert report.conforms, report.violations[:5]


def relations_of(store_path) -> list[dict]:
    with KnowledgeStore.open(store_path) as store:
        return store.select(
            """SELECT ?actor ?type ?target ?sources ?statements ?first ?last ?polarity WHERE {
                 GRAPH kgr:graph\\/relations { ?r a kg:Relation ; kg:actor ?a ; kg:eventType ?type ;
                   kg:sourceCount ?sources ; kg:statementCount ?statements ; kg:polarity ?polarity .
                   OPTIONAL { ?r kg:target ?t } OPTIONAL { ?r kg:firstDate ?first } OPTIONAL { ?r kg:lastDate ?last } }
                 ?a rdfs:label ?actor .
                 OPTIONAL { ?labelled rdfs:label ?target FILTER(?labelled = ?t) } } ORDER BY ?actor ?type ?first"""
        )


def test_example_store_counts_and_validates(example_store):
    with KnowledgeStore.open(example_store) as store:
        counts = store.counts()
        report = validate(store)
    assert counts["articles"] == 43
    assert counts["statements"] > 200
    assert counts["relations"] > 100
    assert report.violations == [] and report.conforms


def test_same_event_from_several_articles_is_one_relation(tmp_path, extractor):
    path = tmp_path / "s"
    write(
        path, extractor,
        article("a1", "Colombia rejected two U.S. military deportation flights on Sunday.", "2025-01-27"),
        article("a2", "On Monday, Colombia rejected U.S. military flights carrying deportees, officials said.", "2025-01-28"),
        article("a3", "Colombia rejected a U.S. deportation flight.", "2025-03-20"),
    )
    rejections = [r for r in relations_of(path) if r["type"].endswith("Reject")]
    assert [(r["actor"], r["target"], r["sources"], r["first"], r["last"]) for r in rejections] == [
        ("Colombia", "United States", 2, "2025-01-26", "2025-01-27"),  # within the 7-day window
        ("Colombia", "United States", 1, "2025-03-20", "2025-03-20"),  # seven weeks later: another event
    ]
    with KnowledgeStore.open(path) as store:
        plain = store.select("SELECT ?a ?t WHERE { ?a plover:reject ?t }")
    assert plain == [{"a": "https://w3id.org/kg-md/id/country/COL", "t": "https://w3id.org/kg-md/id/country/USA"}]


def test_negated_and_reported_statements_are_no_plain_triples(tmp_path, extractor):
    path = tmp_path / "s"
    write(
        path, extractor,
        article("n1", "Panama did not reject the U.S. deportation flights.", "2025-02-10"),
        article("n2", "Officials said Honduras rejected U.S. deportation flights.", "2025-02-10"),
    )
    with KnowledgeStore.open(path) as store:
        plain = store.select("SELECT ?a ?t WHERE { ?a plover:reject ?t }")
        polarities = store.select("SELECT ?p ?asserted WHERE { ?r a kg:Relation ; kg:polarity ?p ; kg:asserted ?asserted } ORDER BY ?p")
    assert plain == []
    assert polarities == [{"p": "asserted", "asserted": False}, {"p": "negated", "asserted": False}]


def test_replacing_an_article_replaces_its_statements_and_relations(tmp_path, extractor):
    path = tmp_path / "s"
    write(path, extractor, article("a1", "Mexico rejected the U.S. deportation flight.", "2025-01-24"))
    write(path, extractor, article("a1", "Mexico accepted the U.S. deportation flight.", "2025-01-24"))
    types = sorted(r["type"].rsplit("#")[1] for r in relations_of(path))
    # Mexico's acceptance, and the U.S. deportation the accepted flight carried out
    assert types == ["Coerce", "Cooperate"]
    with KnowledgeStore.open(path) as store:
        assert store.counts()["articles"] == 1
        assert store.select("SELECT ?a ?t WHERE { ?a plover:reject ?t }") == []


def test_a_batch_ends_as_its_articles_written_one_by_one(tmp_path, extractor):
    first = article("a1", "Mexico rejected the U.S. deportation flight.", "2025-01-24")
    again = article("a1", "Mexico accepted the U.S. deportation flight.", "2025-01-24")
    other = article("a2", "Venezuela criticized Guyana.", "2025-01-10")
    read = [(a, extractor.extract_text(a.text, date=a.date, article_id=a.id), True) for a in (first, other, again)]
    with KnowledgeStore.open(tmp_path / "s", write=True, create=True) as store:
        store.replace_articles(read, extractor.version)
    assert_valid(tmp_path / "s")
    # the later copy of a1 replaced the earlier one within the batch
    assert sorted(r["type"].rsplit("#")[1] for r in relations_of(tmp_path / "s")) == ["Accuse", "Coerce", "Cooperate"]
    with KnowledgeStore.open(tmp_path / "s") as store:
        assert store.counts()["articles"] == 2
        assert store.select("SELECT ?a ?t WHERE { ?a plover:reject ?t }") == []


def test_removing_an_article_removes_what_only_it_supported(tmp_path, extractor):
    path = tmp_path / "s"
    write(
        path, extractor,
        article("a1", "Venezuela criticized Guyana.", "2025-01-10"),
        article("a2", "Mexico rejected the U.S. deportation flight.", "2025-01-24"),
        article("a3", "Mexico rejected the U.S. deportation flight again, officials confirmed.", "2025-01-25"),
    )
    with KnowledgeStore.open(path, write=True) as store:
        assert store.remove_article("a1") is True
        assert store.remove_article("a2") is True
        assert store.remove_article("a2") is False
    assert_valid(path)
    with KnowledgeStore.open(path) as store:
        labels = {r["l"] for r in store.select("SELECT ?l WHERE { GRAPH kgr:graph\\/entities { ?e rdfs:label ?l } }")}
    assert "Venezuela" not in labels and "Guyana" not in labels  # only a1 mentioned them
    assert {"Mexico", "United States"} <= labels
    (rejection,) = relations_of(path)
    assert (rejection["actor"], rejection["sources"]) == ("Mexico", 1)


def test_provenance_reaches_sentence_article_and_extractor(example_store):
    with KnowledgeStore.open(example_store) as store:
        rows = store.select(
            """SELECT ?text ?start ?id ?version ?generated WHERE {
                 ?r a kg:Relation ; kg:actor kgr:country\\/MEX ; kg:eventType plover:Reject ; kg:supportedBy ?s .
                 ?s prov:wasDerivedFrom ?sentence . ?sentence kg:text ?text ; kg:charStart ?start ; kg:inArticle ?a .
                 ?a kg:articleId ?id ; prov:generatedAtTime ?generated ; prov:wasAttributedTo ?agent .
                 ?agent a kg:Extractor ; rdfs:label ?version } ORDER BY ?id"""
        )
    assert {r["id"] for r in rows} == {"001_31b4f35ab270502a", "002_7b4837244018cd6d"}
    assert any(r["text"].startswith("Mexico has denied the U.S. permission") and r["start"] == 0 for r in rows)
    assert all(r["version"].startswith("kg-0.1.0+lex.") for r in rows)


def test_sentence_offsets_point_into_the_article(example_store):
    from tests.conftest import EXAMPLES

    text = (EXAMPLES / "001_31b4f35ab270502a.txt").read_text(encoding="utf-8")
    with KnowledgeStore.open(example_store) as store:
        rows = store.select(
            """SELECT ?text ?start ?end WHERE { ?s kg:inArticle/kg:articleId "001_31b4f35ab270502a" ;
                 kg:text ?text ; kg:charStart ?start ; kg:charEnd ?end }"""
        )
    assert rows
    for row in rows:
        assert text[row["start"]:row["end"]].strip() == row["text"]


def test_rebuild_is_incremental(tmp_path, extractor):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Mexico rejected the U.S. deportation flight.", encoding="utf-8")
    (folder / "b.txt").write_text("Guatemala received two U.S. deportation flights.", encoding="utf-8")
    path = str(tmp_path / "s")
    first = build([str(folder)], path, extractor=extractor)
    again = build([str(folder)], path, extractor=extractor)
    (folder / "b.txt").write_text("Guatemala rejected two U.S. deportation flights.", encoding="utf-8")
    changed = build([str(folder)], path, extractor=extractor)
    assert (first.extracted, first.unchanged) == (2, 0)
    assert (again.extracted, again.unchanged) == (0, 2)
    assert "2 unchanged" in again.summary(path)
    assert (changed.extracted, changed.unchanged) == (1, 1)
    assert_valid(path)
    assert sorted(r["type"].rsplit("#")[1] for r in relations_of(path)) == ["Reject", "Reject"]


def test_second_writer_is_told_who_holds_the_store(tmp_path):
    path = tmp_path / "s"
    with KnowledgeStore.open(path, write=True, create=True, command="kg build examples"):
        with pytest.raises(StoreLocked, match=r"is in use by PID \d+ \(kg build examples\)"):
            KnowledgeStore.open(path, write=True)


def test_readers_query_while_a_writer_holds_the_store(tmp_path, extractor):
    path = tmp_path / "s"
    write(path, extractor, article("a1", "Mexico rejected the U.S. deportation flight.", "2025-01-24"))
    with KnowledgeStore.open(path, write=True) as writer:
        writer.replace_article(
            article("a2", "Guatemala accepted the U.S. deportation flight.", "2025-01-24"),
            extractor.extract_text("Guatemala accepted the U.S. deportation flight.", article_id="a2"),
            extractor.version,
        )
        with KnowledgeStore.open(path) as reader:  # the last published snapshot
            assert reader.counts()["articles"] == 1
    with KnowledgeStore.open(path) as reader:
        assert reader.counts()["articles"] == 2


def test_missing_store_and_foreign_folder(tmp_path):
    with pytest.raises(StoreNotFound, match="build one with `kg build SOURCES --store"):
        KnowledgeStore.open(tmp_path / "none")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "data.txt").write_text("x", encoding="utf-8")
    with pytest.raises(Exception, match="is not a kg store"):
        KnowledgeStore.open(tmp_path / "other", write=True, create=True)


def test_export_and_import_round_trip(tmp_path, example_store):
    import pyoxigraph

    dump = tmp_path / "dump.trig"
    with KnowledgeStore.open(example_store) as store:
        store.export(str(dump), pyoxigraph.RdfFormat.TRIG)
        original = {str(q) for q in store.backend.quads()}
    with KnowledgeStore.open(tmp_path / "copy", write=True, create=True) as copy:
        copy.import_dataset(str(dump), pyoxigraph.RdfFormat.TRIG)
    with KnowledgeStore.open(tmp_path / "copy") as copy:
        assert {str(q) for q in copy.backend.quads()} == original
    assert_valid(tmp_path / "copy")


def test_store_marker_records_format(example_store):
    assert json.loads((example_store / "kg-store.json").read_text())["format"] == 1
