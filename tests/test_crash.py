"""kill -9 at random moments during `kg build` never corrupts the store."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from kg.build import build
from kg.query.export import Filters, _typed_from_relations, typed_network
from kg.store import KnowledgeStore
from kg.validate import validate
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow

# Everything but the provenance timestamps, which differ from run to run by design.
CONTENT = """SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o }
               FILTER(?p != prov:generatedAtTime && ?g != kgr:graph\\/ontology) }"""


DERIVED = {"https://w3id.org/kg-md/id/graph/" + name for name in ("entities", "relations", "network")}


def content(path) -> set[tuple]:
    with KnowledgeStore.open(path) as store:
        return {tuple(row.values()) for row in store.select(CONTENT)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The 40 White House statements twice over (80 articles), one JSON line each: enough work
    for a build to be killed several times in the middle."""
    import json

    folder = tmp_path_factory.mktemp("corpus")
    records = [json.loads(line) for line in (EXAMPLES / "whitehouse-migration.jsonl").read_text(encoding="utf-8").splitlines()]
    lines = [json.dumps({**record, "id": f"{record['id']}-{copy}"}) for copy in (1, 2) for record in records]
    (folder / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def kg_build(source, store) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(source), "--store", str(store), "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def test_kill_nine_at_random_moments_then_finish(tmp_path, corpus, default_extractor):
    reference = tmp_path / "reference"
    build([str(corpus)], str(reference), extractor=default_extractor)  # what `kg build` builds

    store = tmp_path / "killed"
    rng = random.Random()
    kills = []
    for _ in range(4):
        process = kg_build(corpus, store)
        delay = rng.uniform(1.5, 5.0)
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills.append(round(delay, 2))
        process.wait(timeout=60)
        if store.exists():  # the store opens, validates, and holds only whole articles
            with KnowledgeStore.open(store) as opened:
                report = validate(opened)
                states = opened.article_states()
                network_kept, network_drawn = typed_network(opened, Filters()), _typed_from_relations(opened, Filters())
            # the network summary is what the relations of the articles stored so far draw
            assert sorted(network_kept.edges(keys=True, data=True)) == sorted(network_drawn.edges(keys=True, data=True))
            assert report.conforms, (kills, report.violations[:3])
            partial = content(store)
            # the graphs derived from all the articles (entities, relations, the network summary) hold
            # what the articles stored so far make; every other quad is one of the finished store's
            assert all(row[0] in DERIVED or row in content_of(reference) for row in partial), kills
            assert len(states) <= 80

    finished = kg_build(corpus, store)
    assert finished.wait(timeout=300) == 0, finished.stderr.read().decode()
    assert len(kills) >= 2, f"builds were killed only at {kills} s; they finished before the kill on this machine"
    assert content(store) == content_of(reference), f"killed at {kills} s"


_reference_cache: dict[str, set] = {}


def content_of(path) -> set[tuple]:
    key = str(path)
    if key not in _reference_cache:
        _reference_cache[key] = content(path)
    return _reference_cache[key]


def test_a_killed_writer_leaves_no_lock_behind(tmp_path, corpus):
    store = tmp_path / "s"
    process = kg_build(corpus, store)
    time.sleep(4.0)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    # the kernel drops the dead process's flock: the next writer goes ahead
    with KnowledgeStore.open(store, write=True, create=True) as again:
        assert again.writable
