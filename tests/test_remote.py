"""A remote store: a real Oxigraph server on a loopback port, and endpoints that fail."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import main
from kg.store import KnowledgeStore
from tests.conftest import EXAMPLES, free_port

pytestmark = pytest.mark.slow


def start_oxigraph(folder: Path, port: int | None = None) -> tuple[subprocess.Popen, str]:
    """`oxigraph serve` (from the PyPI package `oxigraph`) on 127.0.0.1, answering; (process, URL)."""
    beside = Path(sys.executable).parent / "oxigraph"
    binary = str(beside) if beside.exists() else shutil.which("oxigraph")
    if binary is None:
        pytest.fail("the `oxigraph` command is missing: pip install -e '.[test]' installs it")
    port = port or free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
            return process, url
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("oxigraph serve did not start")
            time.sleep(0.2)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    process, url = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield url
    stop(process)


@pytest.fixture(scope="module")
def remote_store(oxigraph_server, extractor):
    seeds = [str(EXAMPLES / name) for name in ("000_2c16e84866bc7d8f.txt", "001_31b4f35ab270502a.txt", "002_7b4837244018cd6d.txt")]
    report = build(seeds, oxigraph_server, extractor=extractor)
    assert report.extracted == 3 and report.problems == []
    return oxigraph_server


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_build_into_a_server_and_query_it(remote_store):
    with KnowledgeStore.open(remote_store) as store:
        assert store.counts()["articles"] == 3
        plain = store.select("SELECT ?t WHERE { kgr:country\\/MEX plover:reject ?t }")
    assert plain == [{"t": "https://w3id.org/kg-md/id/country/USA"}]
    relations = run("relations", "Mexico", "--store", remote_store, "--type", "REJECT")
    assert relations.exit_code == 0 and "Mexico has denied the U.S. permission" in relations.stdout
    path = run("path", "Mexico", "Panama", "--store", remote_store)
    assert path.exit_code == 0 and "Panama" in path.stdout


def test_rebuilding_into_a_server_is_incremental(remote_store, extractor):
    report = build([str(EXAMPLES / "002_7b4837244018cd6d.txt")], remote_store, extractor=extractor)
    assert (report.extracted, report.unchanged) == (0, 1)


def test_store_moves_between_server_and_embedded(remote_store, tmp_path):
    dump = tmp_path / "remote.nq"
    assert run("export", "--format", "nquads", "-o", dump, "--store", remote_store).exit_code == 0
    assert run("import", dump, "--store", tmp_path / "local").exit_code == 0
    with KnowledgeStore.open(remote_store) as remote, KnowledgeStore.open(tmp_path / "local") as local:
        assert {str(q) for q in remote.backend.quads()} == {str(q) for q in local.backend.quads()}
        assert local.counts() == remote.counts()


def test_a_server_store_keeps_its_network_summary(remote_store):
    from kg.query import summary
    from kg.query.export import Filters, _typed_from_relations, pair_weights, typed_network

    def edges(graph):
        return sorted((u, v, k, sorted(d.items())) for u, v, k, d in graph.edges(keys=True, data=True))

    with KnowledgeStore.open(remote_store) as store:
        assert summary.kept(store)
        kept, drawn = typed_network(store, Filters()), _typed_from_relations(store, Filters())
    assert edges(kept) == edges(drawn) and pair_weights(kept) == pair_weights(drawn)
    assert "REJECT" in kept["https://w3id.org/kg-md/id/country/MEX"]["https://w3id.org/kg-md/id/country/USA"]


def test_validate_a_server_store(remote_store):
    result = run("validate", "--store", remote_store)
    assert result.exit_code == 0 and "no violations" in result.stderr


def test_import_into_a_server_posts_each_graph(example_store, tmp_path):
    """`kg import` into an Oxigraph server: Graph Store Protocol POSTs to /store, the same quads arrive."""
    dump = tmp_path / "examples.nq"
    assert run("export", "--format", "nquads", "-o", dump, "--store", example_store).exit_code == 0
    process, url = start_oxigraph(tmp_path / "server")
    try:
        result = run("import", dump, "--store", url)
        assert result.exit_code == 0, result.output
        with KnowledgeStore.open(url) as remote, KnowledgeStore.open(example_store) as local:
            assert {str(q) for q in remote.backend.quads()} == {str(q) for q in local.backend.quads()}
            remote.backend.load(dump, pyoxigraph.RdfFormat.N_QUADS)  # again: a merge, nothing new
            assert remote.backend.load_mode == ("dataset", f"{url}/store")
            assert remote.counts() == local.counts()
    finally:
        stop(process)


def test_a_server_killed_mid_build_ends_the_build_in_one_line(tmp_path, default_extractor):
    """kill -9 the server while `kg build` writes to it: one error line, no traceback; restarted, the
    same command finishes the store, which then holds what an uninterrupted build holds."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for path in EXAMPLES.glob("*.txt"):
        shutil.copy(path, articles / path.name)
    statements = (EXAMPLES / "whitehouse-migration.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (articles / "whitehouse.jsonl").write_text("".join(statements), encoding="utf-8")  # more than one batch
    port = free_port()
    process, url = start_oxigraph(tmp_path / "server", port)
    build_process = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(articles), "--store", url],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
    )
    try:
        # an article is stored once its completion marker is (kg.store.updates: the last request of a batch)
        ask = urllib.parse.urlencode({"query": "ASK { GRAPH ?g { ?a <https://w3id.org/kg-md/ontology#contentHash> ?h } }"})
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and build_process.poll() is None:
            with urllib.request.urlopen(f"{url}/query?{ask}", timeout=5) as answer:
                if b"true" in answer.read():
                    break  # the first batch is in
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        _out, err = build_process.communicate(timeout=120)
    finally:
        if build_process.poll() is None:
            build_process.kill()
        stop(process)
    assert build_process.returncode == 1, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith("kg: error: ") and f"127.0.0.1:{port}" in lines[0]
    assert "were stored before it" in lines[0] and "run the same command again" in lines[0]
    process, url = start_oxigraph(tmp_path / "server", port)
    try:
        report = build([str(articles)], url, extractor=default_extractor)
        assert report.problems == [] and report.extracted + report.unchanged == 43 and report.unchanged >= 1
        build([str(articles)], str(tmp_path / "uninterrupted"), extractor=default_extractor)
        with KnowledgeStore.open(url) as remote, KnowledgeStore.open(tmp_path / "uninterrupted") as local:
            assert remote.counts() == local.counts()
        assert run("validate", "--store", url).exit_code == 0
    finally:
        stop(process)


def test_query_and_update_urls_given_as_flags(remote_store, monkeypatch):
    for variable in ("KG_QUERY_URL", "KG_UPDATE_URL"):
        # the flags set these in the process's environment (as a shell would); setenv makes
        # monkeypatch remove them after the test ("" is as unset to kg)
        monkeypatch.setenv(variable, "")
    odd = f"{remote_store}/behind-a-proxy"  # a name no server convention explains
    relations = run("relations", "Mexico", "--store", odd, "--type", "REJECT",
                    "--query-url", f"{remote_store}/query", "--update-url", f"{remote_store}/update")
    assert relations.exit_code == 0, relations.output
    assert "Mexico has denied the U.S. permission" in relations.stdout
    wrong = run("relations", "Mexico", "--store", odd, "--query-url", "ftp://example.org/sparql")
    assert wrong.exit_code == 2 and "'ftp://example.org/sparql' is not an http:// or https:// URL" in wrong.output
