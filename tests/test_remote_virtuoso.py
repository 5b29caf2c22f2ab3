"""A remote store on Virtuoso 7 as Debian ships it: the examples built, exported, validated, read back.

The server (tests/conftest.py, virtuoso_server) lets anyone read /sparql and only the user
`kg`, through Digest authentication on /sparql-auth, write; it cuts results at 10,000 rows.
"""

from __future__ import annotations

import pyoxigraph
import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import main
from kg.store import KnowledgeStore
from kg.store.remote import KG_GRAPHS, RemoteBackend
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def with_password(url: str, user: str, password: str) -> str:
    return url.replace("http://", f"http://{user}:{password}@")


@pytest.fixture(scope="module")
def virtuoso_store(virtuoso_server, default_extractor):
    """examples/articles built as `kg build` builds them, through the Digest-protected endpoint."""
    writer = with_password(virtuoso_server.auth_url, virtuoso_server.user, virtuoso_server.password)
    report = build([str(EXAMPLES)], writer, extractor=default_extractor)
    assert report.problems == [] and report.extracted == 43
    assert report.location == virtuoso_server.auth_url  # shown without the password
    return virtuoso_server


def own_quads(quads) -> set[str]:
    """Quads as text, without the build times (which differ between two builds)."""
    return {str(q) for q in quads if q.predicate.value != "http://www.w3.org/ns/prov#generatedAtTime"}


def test_the_examples_build_into_virtuoso_as_into_an_embedded_store(virtuoso_store, example_store):
    with KnowledgeStore.open(virtuoso_store.url) as remote, KnowledgeStore.open(example_store) as local:
        assert remote.counts() == local.counts()
        assert own_quads(remote.backend.quads()) == own_quads(local.backend.quads())


def test_the_network_reads_from_virtuoso_as_from_an_embedded_store(virtuoso_store, example_store):
    from kg.query import summary
    from kg.query.export import Filters, typed_network

    with KnowledgeStore.open(virtuoso_store.url) as remote, KnowledgeStore.open(example_store) as local:
        assert summary.kept(remote)
        graphs = [typed_network(store, Filters()) for store in (remote, local)]
    remote_edges, local_edges = (sorted(g.edges(keys=True, data=True)) for g in graphs)
    assert remote_edges == local_edges
    assert graphs[0].graph["pair_weights"] == graphs[1].graph["pair_weights"]


@pytest.mark.parametrize("fmt, suffix", [("trig", "trig"), ("nquads", "nq")])
def test_export_holds_kg_graphs_only(virtuoso_store, tmp_path, fmt, suffix):
    out = tmp_path / f"dump.{suffix}"
    result = run("export", "--format", fmt, "-o", out, "--store", virtuoso_store.url)
    assert result.exit_code == 0, result.output
    graphs = {q.graph_name.value for q in pyoxigraph.parse(path=str(out), format=pyoxigraph.RdfFormat.from_extension(suffix))}
    assert graphs and all(g.startswith(KG_GRAPHS) for g in graphs)
    with KnowledgeStore.open(virtuoso_store.url) as remote:  # the server has graphs of its own
        assert bool(remote.query("ASK { GRAPH <http://www.openlinksw.com/schemas/virtrdf#> { ?s ?p ?o } }"))


def test_validate_a_virtuoso_store(virtuoso_store):
    result = run("validate", "--store", virtuoso_store.url)
    assert result.exit_code == 0 and "no violations" in result.stderr
    assert "Traceback" not in result.output


def test_results_beyond_virtuoso_row_limit_are_paged(virtuoso_store):
    with KnowledgeStore.open(virtuoso_store.url) as store:
        rows = store.select("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), STR(kgr:))) }")
        assert len(rows) == sum(1 for _ in store.backend.quads()) > 10_000


def test_virtuoso_booleans_read_as_booleans(virtuoso_store, example_store):
    args = ("relations", "United States", "--limit", "0")
    remote, local = run(*args, "--store", virtuoso_store.url), run(*args, "--store", example_store)
    assert remote.exit_code == 0 and remote.stdout == local.stdout


def test_rebuilding_into_virtuoso_is_incremental(virtuoso_store, default_extractor):
    writer = with_password(virtuoso_store.auth_url, virtuoso_store.user, virtuoso_store.password)
    report = build([str(EXAMPLES / "002_7b4837244018cd6d.txt")], writer, extractor=default_extractor)
    assert (report.extracted, report.unchanged) == (0, 1)


def test_digest_with_a_wrong_password_is_one_line(virtuoso_store):
    wrong = with_password(virtuoso_store.auth_url, virtuoso_store.user, "not-the-password")
    result = run("relations", "Mexico", "--store", wrong)
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"kg: error: authentication failed for {virtuoso_store.auth_url} (HTTP 401); "
                                     "check the credentials in the URL or in KG_STORE_USER/KG_STORE_PASSWORD")
    assert "not-the-password" not in result.output


def test_digest_credentials_from_the_environment(virtuoso_store):
    env = {"KG_STORE_USER": virtuoso_store.user, "KG_STORE_PASSWORD": virtuoso_store.password}
    result = run("relations", "Mexico", "--type", "REJECT", "--store", virtuoso_store.auth_url, env=env)
    assert result.exit_code == 0 and "Mexico has denied the U.S. permission" in result.stdout
    missing = run("relations", "Mexico", "--store", virtuoso_store.auth_url, env={"KG_STORE_USER": None})
    assert missing.exit_code == 1 and "asks for a user name and password (Digest authentication)" in missing.stderr


def test_writing_without_permission_says_what_to_grant(virtuoso_store):
    result = run("update", "INSERT DATA { GRAPH <http://example.org/t> { <http://example.org/a> <http://example.org/b> 1 } }",
                 "--store", virtuoso_store.url)
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "does not let this user write" in result.stderr and "SPARQL_UPDATE" in result.stderr


def test_bulk_loads_go_through_the_graph_store_protocol(virtuoso_store, tmp_path):
    graph = "http://example.org/bulk"
    dump = tmp_path / "bulk.nq"
    dump.write_text("".join(f'<http://example.org/s{i}> <http://example.org/p> "{i}" <{graph}> .\n' for i in range(20_000)))
    backend = RemoteBackend(virtuoso_store.auth_url, user=virtuoso_store.user, password=virtuoso_store.password)
    try:
        backend.load(str(dump), pyoxigraph.RdfFormat.N_QUADS)  # 20,000 in one INSERT DATA: refused
        assert backend.load_mode == ("graph", virtuoso_store.auth_url.replace("/sparql-auth", "/sparql-graph-crud-auth"))
        count = next(iter(backend.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")))
        assert int(count["n"].value) == 20_000
        # read back past the 10,000 rows Virtuoso answers: CONSTRUCT pages over a sorted subquery
        assert len(set(backend._graph_triples(pyoxigraph.NamedNode(graph), 20_000, 10_000))) == 20_000
    finally:
        backend.update(f"DROP SILENT GRAPH <{graph}>")
        backend.close()


def test_large_updates_are_cut_into_requests_virtuoso_takes(virtuoso_store, monkeypatch):
    graph = "http://example.org/insert-data"
    lines = "\n".join(f'<http://example.org/s{i}> <http://example.org/p> "{i}" .' for i in range(3_500))
    backend = RemoteBackend(virtuoso_store.auth_url, user=virtuoso_store.user, password=virtuoso_store.password,
                            batch=5_000)  # more than Virtuoso takes: refused, then halved
    try:
        backend.update(f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{lines}\n}} }}")
        assert backend.batch < 1_500
        count = next(iter(backend.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")))
        assert int(count["n"].value) == 3_500
    finally:
        backend.update(f"DROP SILENT GRAPH <{graph}>")
        backend.close()


def test_without_a_graph_store_loads_go_as_insert_data(virtuoso_store, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_GRAPH_STORE_URL", "none")
    graph = "http://example.org/no-gsp"
    dump = tmp_path / "small.nq"
    dump.write_text("".join(f'<http://example.org/s{i}> <http://example.org/p> "{i}" <{graph}> .\n' for i in range(2_500)))
    backend = RemoteBackend(virtuoso_store.auth_url, user=virtuoso_store.user, password=virtuoso_store.password)
    try:
        backend.load(str(dump), pyoxigraph.RdfFormat.N_QUADS)
        assert backend.load_mode == ("update", None)
        count = next(iter(backend.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")))
        assert int(count["n"].value) == 2_500
    finally:
        backend.update(f"DROP SILENT GRAPH <{graph}>")
        backend.close()
