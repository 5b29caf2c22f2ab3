"""Timelines and centrality (kg timeline, kg top) on the store built from the examples."""

from __future__ import annotations

import json

import pytest

from kg.errors import QueryError
from kg.query.centrality import top
from kg.query.lookup import relations, resolve
from kg.query.timeline import timeline
from kg.store import KnowledgeStore
from tests.test_cli import run


def test_timeline_between_two_states_includes_their_officials_in_date_order(example_store):
    with KnowledgeStore.open(example_store) as ks:
        colombia, usa = resolve(ks, "Colombia"), resolve(ks, "United States")
        entries = timeline(ks, colombia, usa)
        exact = timeline(ks, colombia, usa, exact=True)
    rows = [(e.first, e.hop.source_label, e.hop.edge.event_type, e.hop.target_label) for e in entries]
    # Biden and Petro met in April 2023; Colombia agreed to Trump's terms in January 2025
    assert ("2023-04-20", "Joe Biden", "CONSULT", "Gustavo Petro") in rows
    assert ("2025-01-26", "Colombia", "AGREE", "Donald Trump") in rows
    dated = [first for first, *_ in rows if first]
    assert dated == sorted(dated)
    assert all(e.hop.evidence for e in entries)
    # --exact keeps to the two states themselves: the presidents' meeting is not theirs
    assert all({e.hop.edge.source, e.hop.edge.target} <= {colombia.iri, usa.iri} for e in exact)
    assert len(exact) < len(entries)


def test_timeline_of_one_actor_keeps_negated_relations_and_movements(example_store):
    with KnowledgeStore.open(example_store) as ks:
        entries = timeline(ks, resolve(ks, "United States"))
    kinds = {(e.hop.edge.role, e.hop.edge.event_type, e.hop.target_label) for e in entries}
    assert ("destination", "COERCE", "Panama") in kinds  # the U.S. deports migrants to Panama
    undated = [i for i, e in enumerate(entries) if e.first is None]
    assert not undated or undated[0] == len(entries) - len(undated)  # undated come last


def test_negated_relations_are_kept_and_marked(tmp_path, extractor):
    # a denial is part of the story: stored as a negated relation, never merged with the event
    from kg.build import build

    article = tmp_path / "refusal.txt"
    article.write_text("Mexico did not accept the U.S. deportation flight on Sunday.\n", encoding="utf-8")
    build([str(article)], str(tmp_path / "store"), extractor=extractor)
    with KnowledgeStore.open(tmp_path / "store") as ks:
        rows = relations(ks, resolve(ks, "Mexico"), types=("COOPERATE",))
    assert [(r.polarity, r.counterpart_label) for r in rows] == [("negated", "United States")]


def test_timeline_command_filters_by_type_and_date(example_store):
    result = run("timeline", "Mexico", "United States", "--store", example_store, "--type", "REJECT", "--format", "json")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all(r["action"].startswith("REJECT") for r in records)
    assert any(r["actor"] == "Mexico" and "land" in r["evidence"] for r in records)
    assert "Mexico and United States:" in result.stderr
    later = run("timeline", "Colombia", "--store", example_store, "--since", "2025-01", "--format", "json")
    assert all(json.loads(line)["date"] >= "2025-01" for line in later.stdout.splitlines())


@pytest.mark.parametrize("measure", ["degree", "betweenness", "pagerank"])
def test_top_ranks_the_united_states_and_mexico_first(example_store, measure):
    with KnowledgeStore.open(example_store) as ks:
        ranked = top(ks, measure, limit=5)
    labels = [r.label for r in ranked]
    assert "United States" in labels[:2]
    assert {"Mexico", "Andrés Manuel López Obrador"} & set(labels[:4])
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)
    assert all(r.type in ("Country", "GovernmentBody", "Person", "Organization", "PopulationGroup") for r in ranked)


def test_top_command_and_unknown_measure(example_store):
    result = run("top", "--store", example_store, "--by", "betweenness", "-n", "3", "--format", "csv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "rank,score,partners,reports,actor"
    assert len(lines) == 4 and "United States (Country, USA)" in result.stdout
    with KnowledgeStore.open(example_store) as ks, pytest.raises(QueryError, match="unknown centrality measure 'fame'"):
        top(ks, "fame")
