"""A remote store: a real Oxigraph server on a loopback port, and endpoints that fail."""

from __future__ import annotations

import http.server
import shutil
import sys
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import main
from kg.store import KnowledgeStore
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """`oxigraph serve` (from the PyPI package `oxigraph`) on 127.0.0.1, stopped afterwards."""
    beside = Path(sys.executable).parent / "oxigraph"
    binary = str(beside) if beside.exists() else shutil.which("oxigraph")
    if binary is None:
        pytest.fail("the `oxigraph` command is missing: pip install -e '.[test]' installs it")
    port = free_port()
    folder = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("oxigraph serve did not start")
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


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


def test_validate_a_server_store(remote_store):
    result = run("validate", "--store", remote_store)
    assert result.exit_code == 0 and "no violations" in result.stderr


class _Refusing(http.server.BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="sparql"')
        self.end_headers()
        self.wfile.write(b"Unauthorized")

    do_GET = do_POST

    def log_message(self, *args):
        pass


def test_authentication_failure_is_clear_and_hides_the_password():
    server = http.server.HTTPServer(("127.0.0.1", 0), _Refusing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        result = run("relations", "Mexico", "--store", f"http://analyst:s3cret-pass@127.0.0.1:{port}/sparql")
    finally:
        server.shutdown()
    assert result.exit_code == 1
    assert f"authentication failed for http://127.0.0.1:{port}/sparql (HTTP 401)" in result.stderr
    assert "s3cret-pass" not in result.output and "analyst" not in result.output


def test_unreachable_server_is_one_line():
    port = free_port()
    result = run("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--store", f"http://user:pw@127.0.0.1:{port}")
    assert result.exit_code == 1
    assert f"cannot reach SPARQL endpoint http://127.0.0.1:{port}/query" in result.stderr
    assert "is the server running?" in result.stderr and "pw@" not in result.stderr
