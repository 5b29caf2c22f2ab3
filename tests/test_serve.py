"""kg serve: the pages, the SPARQL 1.1 Protocol endpoint, and what keeps it safe.

Most tests drive the application in-process (Starlette's TestClient) on the store
built from the examples; `served` starts the real `kg serve` command on a free
port, for the tests that talk to it as outside clients do (rdflib's SPARQLStore,
a browser in tests/test_serve_browser.py).
"""

from __future__ import annotations

import json
import shutil
import os
import re
import signal
import subprocess
import sys
import time
import types
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph
import pytest
from starlette.testclient import TestClient

from kg.serve.app import create_app
from kg.serve.endpoint import negotiate
from kg.serve.execute import Busy, Executor
from kg.serve.highlight import segments
from kg.serve.results import serialize
from kg.store import KnowledgeStore
from tests.conftest import free_port
from tests.test_cli import run

TOKEN = "test-token-0123456789"
REFUSED_FLIGHT = "Mexico has denied the U.S. permission to land a military aircraft deporting migrants"
HOSTILE = {
    "id": "hostile", "date": "2025-01-27", "source": "<b>Evil Wire</b>", "url": "javascript:alert(3)",
    "title": '<script>alert(1)</script> "><img src=x onerror=alert(2)>',
    "text": ("Mexico rejected the <script>alert(1)</script> request of the United States on Monday. "
             'Mexico has denied the U.S. permission to land a "><img src=x onerror=alert(2)> military aircraft.'),
}


# ---------------------------------------------------------------------- helpers
@contextmanager
def served(store: Path, *options: str, startup: float = 60.0):
    """`kg serve` in a subprocess on a free loopback port; yields its url, token and start time; stopped by PID."""
    port = free_port()
    log = store.parent / f"serve-{port}.log"
    with open(log, "wb") as err:
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port), *options],
            stdout=subprocess.DEVNULL, stderr=err, start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            while True:
                try:
                    urllib.request.urlopen(url + "/static/kg.css", timeout=2).read()
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() - started > startup:
                        raise AssertionError(f"kg serve did not start: {log.read_text(errors='replace')[-800:]}")
                    time.sleep(0.05)
            ready = time.monotonic() - started
            printed = log.read_text(encoding="utf-8")
            token = re.search(r"review token (\S+)", printed)
            yield types.SimpleNamespace(url=url, token=token.group(1) if token else None, ready=ready,
                                        stderr=printed, pid=process.pid)
        finally:
            if process.poll() is None:
                os.kill(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.kill(process.pid, signal.SIGKILL)
                    process.wait(timeout=10)


@pytest.fixture(scope="module")
def client(example_store):
    with TestClient(create_app(str(example_store), token=TOKEN), base_url="http://127.0.0.1:8000") as c:
        yield c


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory, default_extractor) -> Path:
    from kg.build import build

    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    build([str(folder / "hostile.jsonl")], str(folder / "store"), extractor=default_extractor)
    return folder / "store"


def _text(html: str) -> str:
    """What a reader sees of a page's markup: tags dropped (marks split sentences into pieces)."""
    return re.sub(r"<[^>]+>", "", html)


# ---------------------------------------------------------------------- marking the words
@pytest.mark.parametrize("sentence, words, marked", [
    ("Mexico has denied the U.S. permission", {"actor": "Mexico", "action": "has denied", "target": "U.S."},
     [("Mexico", "actor"), ("has denied", "action"), ("U.S.", "target")]),
    # the target nearest after the action, the actor nearest before it
    ("U.S. and Mexican officials said officials refused the U.S. plane",
     {"actor": "officials", "action": "refused", "target": "U.S."},
     [("officials", "actor"), ("refused", "action"), ("U.S.", "target")]),
    # a role inferred from the article is not in the sentence: nothing marked for it
    ("Thirty men were deported to Uzbekistan", {"actor": "United States", "action": "were deported", "target": None},
     [("were deported", "action")]),
    # whole words only: "US" is not inside "USAID"
    ("USAID said the US would pay", {"actor": "US", "action": "would pay", "target": None},
     [("US", "actor"), ("would pay", "action")]),
    # case may differ between the stored words and the sentence
    ("the Mexican government refused", {"actor": "The Mexican government", "action": "refused", "target": None},
     [("Mexican government", None), ("the Mexican government", "actor"), ("refused", "action")][1:]),
])
def test_the_words_of_actor_action_and_target_are_marked(sentence, words, marked):
    pieces = segments(sentence, words)
    assert "".join(text for text, _ in pieces) == sentence
    assert [(text, role) for text, role in pieces if role] == marked


# ---------------------------------------------------------------------- pages
def test_search_resolves_a_description_to_the_state(client):
    page = client.get("/search", params={"q": "Mexican government"})
    assert page.status_code == 200
    best = re.search(r'Best match: <a href="([^"]+)">([^<]+)</a>', page.text)
    assert best.groups() == ("/entity/country/MEX", "Mexico")
    # names containing the words are listed too
    assert "/search?q=" not in page.text


def test_search_by_alias_and_by_code(client):
    for name in ("México", "MEX", "Estados Unidos Mexicanos"):
        assert 'Best match: <a href="/entity/country/MEX">Mexico</a>' in client.get("/search", params={"q": name}).text


def test_a_miss_suggests_close_names(client):
    page = client.get("/search", params={"q": "Guatamala"})
    assert "Did you mean" in page.text and "Guatemala" in page.text


def test_actor_page_lists_relations_with_dates_counterparts_and_sources(client):
    page = client.get("/entity/country/MEX")
    assert page.status_code == 200
    assert "<h1>Mexico</h1>" in page.text
    row = next(r for r in re.findall(r"<tr class=\"reject\">.*?</tr>", page.text, re.S))
    assert "United States" in row and REFUSED_FLIGHT in row and ">undated<" in row
    assert re.search(r'<td class="num">2</td>', row)  # two articles report the refusal
    filtered = client.get("/entity/country/MEX", params={"type": "REJECT"})
    assert re.search(r"<h2>1 relation</h2>", filtered.text)


def test_evidence_shows_every_sentence_with_its_source_and_marks(client):
    page = client.get("/entity/country/MEX", params={"type": "REJECT"})
    link = re.search(r'<a class="open-evidence" href="(/relation/[0-9a-f]+)"', page.text).group(1)
    evidence = client.get(link)
    assert evidence.status_code == 200
    items = re.findall(r'<li class="evidence-item".*?</li>', evidence.text, re.S)
    assert len(items) == 3  # three statements, from two articles
    refused = next(i for i in items if "military plane" in i)
    assert '<mark class="action" title="action">refused</mark>' in refused
    assert '<mark class="target" title="target">U.S.</mark>' in refused
    assert "Mexico Rejects Initial U.S. Migrant Deportation Flight" in refused  # the article's title
    assert '<mark class="actor" title="actor">Mexico</mark>' in evidence.text


def test_timeline_of_a_pair(client):
    page = client.get("/timeline", params={"a": "Colombia", "b": "United States", "since": "2025-01-01"})
    assert page.status_code == 200
    assert re.findall(r'<td class="date">([^<]+)</td>', page.text) == ["2025-01-26", "2025-01-26"]
    assert "SANCTION" in page.text and "AGREE" in page.text


def test_network_page_uses_kg_viz_and_links_nodes_to_their_pages(client):
    page = client.get("/network")
    assert page.status_code == 200
    assert '<script src="/static/viz/network.js"></script>' in page.text
    data = json.loads(re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page.text, re.S).group(1))
    links = json.loads(re.search(r'<script id="kg-links" type="application/json">(.*?)</script>', page.text, re.S).group(1))
    assert len(data["nodes"]) > 20 and set(links) == {n["id"] for n in data["nodes"]}
    assert links["https://w3id.org/kg-md/id/country/MEX"] == "/entity/country/MEX"
    assert client.get("/static/viz/network.js").status_code == 200
    assert client.get("/static/viz/__init__.py").status_code == 404  # only the two files the page needs
    reject_only = client.get("/network", params={"type": "REJECT"})
    data = json.loads(re.search(r'id="kg-data" type="application/json">(.*?)</script>', reject_only.text, re.S).group(1))
    assert {e["type"] for e in data["edges"]} == {"REJECT"}


def test_article_page_lists_its_statements(client):
    page = client.get("/article/002_7b4837244018cd6d")
    assert page.status_code == 200 and REFUSED_FLIGHT in _text(page.text)


def test_unknown_things_are_404_pages(client):
    assert client.get("/entity/country/XXX").status_code == 404
    assert client.get("/relation/0000000000000000").status_code == 404
    assert client.get("/article/nope").status_code == 404
    assert client.get("/timeline", params={"a": "Atlantis"}).status_code == 404


def test_bad_filters_are_400_with_the_reason(client):
    page = client.get("/entity/country/MEX", params={"type": "HUG"})
    assert page.status_code == 400 and "unknown event type" in page.text


def test_sparql_page_shows_results_as_a_table_with_downloads(client):
    page = client.get("/query", params={"query": "SELECT ?a ?t WHERE { ?a plover:reject ?t } ORDER BY ?a ?t"})
    assert page.status_code == 200
    assert '<a href="/entity/country/MEX">kgr:country/MEX</a>' in page.text
    downloads = dict(re.findall(r'<a href="(/sparql\?[^"]+)" title="([^"]+)"', page.text))
    assert set(downloads.values()) == {"application/sparql-results+json", "application/sparql-results+xml",
                                       "text/csv", "text/tab-separated-values"}
    csv_link = next(link for link, media in downloads.items() if media == "text/csv").replace("&amp;", "&")
    download = client.get(csv_link)
    assert download.headers["content-disposition"] == 'attachment; filename="results.csv"'
    assert download.text.startswith("a,t\r\n")
    assert "PREFIX plover: &lt;https://w3id.org/kg-md/plover#&gt;" in page.text  # kg's prefixes are shown


def test_sparql_page_explains_a_syntax_error(client):
    page = client.get("/query", params={"query": "SELECT ?a WHERE {\n  ?a plover:reject \n"})
    assert page.status_code == 400 and "SPARQL syntax error at line" in page.text


# ---------------------------------------------------------------------- the endpoint
QUERY = """SELECT ?relation ?type ?target ?sources ?first WHERE {
  GRAPH <https://w3id.org/kg-md/id/graph/relations> { ?relation kg:actor <https://w3id.org/kg-md/id/country/MEX> ; kg:eventType ?type ; kg:sourceCount ?sources .
    OPTIONAL { ?relation kg:target ?target } OPTIONAL { ?relation kg:firstDate ?first } } }
ORDER BY ?relation"""


@pytest.mark.parametrize("name, media, oxigraph_format", [
    ("json", "application/sparql-results+json", "JSON"),
    ("xml", "application/sparql-results+xml", "XML"),
    ("csv", "text/csv", "CSV"),
    ("tsv", "text/tab-separated-values", "TSV"),
])
def test_results_formats_say_what_oxigraph_says(client, example_store, name, media, oxigraph_format):
    query = QUERY
    response = client.get("/sparql", params={"query": query}, headers={"accept": media})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    with KnowledgeStore.open(example_store) as store:
        expected = store.query(query).serialize(format=getattr(pyoxigraph.QueryResultsFormat, oxigraph_format))
    if name == "json":
        assert json.loads(response.content) == json.loads(expected)
    elif name == "csv":
        assert response.content == expected
    else:
        fmt = getattr(pyoxigraph.QueryResultsFormat, oxigraph_format)
        mine = [[str(s[v]) if s[v] is not None else None for v in ("relation", "type", "target", "sources", "first")]
                for s in pyoxigraph.parse_query_results(response.content, format=fmt)]
        theirs = [[str(s[v]) if s[v] is not None else None for v in ("relation", "type", "target", "sources", "first")]
                  for s in pyoxigraph.parse_query_results(expected, format=fmt)]
        assert mine == theirs and len(mine) > 10


@pytest.mark.parametrize("accept, kind, chosen", [
    ("", "select", "json"),
    ("*/*", "select", "json"),
    ("application/sparql-results+xml", "select", "xml"),
    ("text/csv;q=0.5, text/tab-separated-values", "select", "tsv"),
    ("application/json", "select", "json"),
    ("text/html, application/xhtml+xml, */*;q=0.8", "select", "json"),
    ("image/png", "select", None),
    ("", "graph", "turtle"),
    ("application/n-triples", "graph", "ntriples"),
    ("application/rdf+xml, text/turtle;q=0.5", "graph", "rdfxml"),
    ("text/*", "select", "csv"),
])
def test_content_negotiation(accept, kind, chosen):
    assert negotiate(accept, kind) == chosen


def test_protocol_post_forms_and_query_bodies(client):
    ask = "ASK { <https://w3id.org/kg-md/id/country/MEX> plover:reject <https://w3id.org/kg-md/id/country/USA> }"
    form = client.post("/sparql", data={"query": ask}, headers={"accept": "application/sparql-results+json"})
    body = client.post("/sparql", content=ask, headers={"content-type": "application/sparql-query"})
    assert form.json() == body.json() == {"head": {}, "boolean": True}
    graph = client.get("/sparql", params={"query": "CONSTRUCT { ?a plover:reject ?t } WHERE { ?a plover:reject ?t }"},
                       headers={"accept": "application/n-triples"})
    assert graph.headers["content-type"].startswith("application/n-triples")
    assert "<https://w3id.org/kg-md/id/country/MEX> <https://w3id.org/kg-md/plover#reject>" in graph.text
    turtle = client.get("/sparql", params={"query": "DESCRIBE <https://w3id.org/kg-md/id/country/MEX>"}, headers={"accept": "text/turtle"})
    assert turtle.status_code == 200 and "@prefix kg:" in turtle.text
    assert client.get("/sparql", params={"query": ask}, headers={"accept": "image/png"}).status_code == 406


@pytest.mark.parametrize("request_kwargs, message", [
    ({"method": "GET", "params": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}}, "refused: this is a SPARQL update"),
    ({"method": "GET", "params": {"query": "DROP ALL"}}, "refused: this is a SPARQL update"),
    ({"method": "POST", "data": {"update": "CLEAR ALL"}}, "read-only"),
    ({"method": "POST", "content": "CLEAR ALL", "headers": {"content-type": "application/sparql-update"}}, "read-only"),
    ({"method": "GET", "params": {"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}},
     "refused: SERVICE"),
    ({"method": "GET", "params": {"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": "urn:x"}},
     "default-graph-uri"),
    ({"method": "POST", "content": "SELECT 1", "headers": {"content-type": "text/plain"}}, "application/sparql-query"),
])
def test_the_endpoint_refuses_what_it_must_not_do(client, example_store, request_kwargs, message):
    before = KnowledgeStore.open(example_store).counts()
    response = client.request(url="/sparql", **request_kwargs)
    assert response.status_code in (400, 415)
    assert message in response.text
    assert response.headers["content-type"].startswith("text/plain")
    assert KnowledgeStore.open(example_store).counts() == before


def test_rows_are_capped_and_the_cut_is_said(example_store):
    app = create_app(str(example_store), token=None, max_rows=5)
    with TestClient(app, base_url="http://127.0.0.1:8000") as small:
        response = small.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                             headers={"accept": "application/sparql-results+json"})
        assert len(response.json()["results"]["bindings"]) == 5
        assert "cut at 5 rows" in response.headers["x-kg-truncated"]
        page = small.get("/query", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert "cut at the server's limit" in page.text


class _SlowStore:
    """Answers after `seconds`, like a query that runs long (without burning a core in the test)."""

    def __init__(self, seconds: float):
        self.seconds = seconds

    def query(self, text):
        time.sleep(self.seconds)
        store = pyoxigraph.Store()
        return store.query("ASK {}")


def test_a_long_query_is_stopped_and_runaway_queries_cannot_pile_up():
    from kg.errors import QueryError

    executor = Executor(timeout=0.3, max_rows=10, slots=1)
    with pytest.raises(QueryError, match="stopped after 0.3 s"):
        executor.run(_SlowStore(1.5), "ASK {}")
    with pytest.raises(Busy):  # the first one still runs and holds the only slot
        executor.run(_SlowStore(0.0), "ASK {}")
    time.sleep(1.4)
    assert executor.run(_SlowStore(0.0), "ASK {}").boolean is True


def test_serializers_write_literals_languages_and_blank_nodes():
    store = pyoxigraph.Store()
    subject = pyoxigraph.NamedNode("http://example.org/a")
    for obj in (pyoxigraph.Literal('tab\tand "quotes",\nnew line', language="es"),
                pyoxigraph.Literal("3", datatype=pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
                pyoxigraph.BlankNode("b0")):
        store.add(pyoxigraph.Quad(subject, pyoxigraph.NamedNode("http://example.org/p"), obj))
    query = "SELECT ?s ?o ?unbound WHERE { ?s ?p ?o } ORDER BY STR(?o)"
    result = Executor().run(store, query)
    for name, fmt in (("json", "JSON"), ("xml", "XML"), ("tsv", "TSV")):
        body, _ = serialize(result, name)
        theirs = store.query(query).serialize(format=getattr(pyoxigraph.QueryResultsFormat, fmt))
        parse = getattr(pyoxigraph.QueryResultsFormat, fmt)
        as_rows = lambda data: [[s[v] for v in ("s", "o", "unbound")]  # noqa: E731
                                for s in pyoxigraph.parse_query_results(data, format=parse)]
        assert [[str(t) for t in row] for row in as_rows(body)] == [[str(t) for t in row] for row in as_rows(theirs)]
    body, _ = serialize(result, "csv")
    assert body == store.query(query).serialize(format=pyoxigraph.QueryResultsFormat.CSV)


# ---------------------------------------------------------------------- safety
def test_every_answer_forbids_loading_anything_from_elsewhere(client):
    for path in ("/", "/entity/country/MEX", "/sparql?query=ASK%7B%7D", "/static/kg.css", "/nothing-here"):
        headers = client.get(path).headers
        assert headers["content-security-policy"].startswith("default-src 'self'; script-src 'self'"), path
        assert "'unsafe-inline'" not in headers["content-security-policy"].split("style-src-attr")[0]
        assert headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in headers["content-security-policy"]


def test_pages_hold_no_inline_script(client):
    for path in ("/", "/entity/country/MEX", "/network", "/query", "/search?q=Mexico"):
        text = client.get(path).text
        for script in re.findall(r"<script([^>]*)>(.*?)</script>", text, re.S):
            assert "src=" in script[0] or 'type="application/json"' in script[0], (path, script)
        assert not re.search(r'(src|href)="(https?:)?//', text), path


def test_requests_naming_another_host_are_refused(client):
    # a page elsewhere reaching 127.0.0.1 through DNS rebinding sends its own name as Host
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400


def test_changes_need_the_token_the_form_value_and_this_origin(example_store, client):
    app = client.app
    form_value = app.state.kg.guard.form_value
    fresh = TestClient(app, base_url="http://127.0.0.1:8000")
    same = {"origin": "http://127.0.0.1:8000"}
    fields = {"csrf": form_value, "statement": "0000000000000000", "action": "reject"}
    # no token presented yet
    response = fresh.post("/review/statement", data=fields, headers=same)
    assert response.status_code == 403 and "token" in response.text
    assert fresh.post("/unlock", data={"token": "wrong"}, headers=same).status_code == 403
    assert fresh.post("/unlock", data={"token": TOKEN}, headers=same, follow_redirects=False).status_code == 303
    # a page of another site, even with the cookie the browser would send along
    response = fresh.post("/review/statement", data=fields, headers={"origin": "http://attacker.example"})
    assert response.status_code == 403 and "another site" in response.text
    response = fresh.post("/review/statement", data=fields)  # neither Origin nor Referer
    assert response.status_code == 403
    response = fresh.post("/review/statement", data={**fields, "csrf": "forged"}, headers=same)
    assert response.status_code == 403 and "stale" in response.text
    # the unlocked page shows the forms, with the form value hidden in them
    page = fresh.get(next(iter(_relation_links(fresh, "/entity/country/MEX?type=REJECT"))))
    assert f'name="csrf" value="{form_value}"' in page.text and 'value="reject"' in page.text


def _relation_links(client, path):
    return re.findall(r'href="(/relation/[0-9a-f]+)"', client.get(path).text)


def test_read_only_shows_no_forms_and_refuses_changes(example_store):
    app = create_app(str(example_store), token=None)
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        page = c.get(_relation_links(c, "/entity/country/MEX?type=REJECT")[0])
        assert "read-only" in page.text and "<form class=\"review\"" not in page.text
        response = c.post("/review/statement", data={"csrf": app.state.kg.guard.form_value, "action": "reject",
                                                    "statement": "0000000000000000"},
                          headers={"origin": "http://127.0.0.1:8000"})
        assert response.status_code == 403 and "read-only" in response.text


def test_article_text_is_shown_as_text(hostile_store):
    with TestClient(create_app(str(hostile_store), token=TOKEN), base_url="http://127.0.0.1:8000") as c:
        page = c.get("/article/hostile")
        assert page.status_code == 200
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
        assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in page.text
        assert "<script>alert" not in page.text and "<img src=x" not in page.text
        assert 'href="javascript:' not in page.text  # the article's address is shown, not linked
        assert "&lt;b&gt;Evil Wire&lt;/b&gt;" in page.text
        relations = c.get("/entity/country/MEX")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in relations.text and "<script>alert" not in relations.text
        evidence = c.get(_relation_links(c, "/entity/country/MEX?type=REJECT")[0])
        assert "&lt;script&gt;" in evidence.text and "<script>alert" not in evidence.text


# ---------------------------------------------------------------------- the command
def test_serve_help_lists_its_options():
    result = run("serve", "--help")
    assert result.exit_code == 0
    for option in ("--store", "--port", "--host", "--read-only", "--timeout", "--max-rows"):
        assert option in result.output


def test_serve_on_no_store_says_so(tmp_path):
    result = run("serve", "--store", tmp_path / "nothing", "--port", str(free_port()))
    assert result.exit_code == 1 and "no kg store" in result.stderr


@pytest.mark.slow
def test_kg_serve_starts_fast_binds_loopback_and_prints_the_token(example_store):
    with served(example_store) as server:
        assert server.token and len(server.token) >= 20
        assert f"review token {server.token}" in server.stderr
        assert server.ready < 10  # docs/serve.md has the measured figure (under 2 s)
        page = urllib.request.urlopen(server.url + "/entity/country/MEX").read().decode()
        assert "<h1>Mexico</h1>" in page
    with served(example_store, "--read-only") as server:
        assert server.token is None and "read-only" in server.stderr


@pytest.mark.slow
def test_sparql_clients_query_the_endpoint_over_http(example_store):
    """rdflib's SPARQLStore, as any SPARQL 1.1 client, in each results format and method."""
    from rdflib import Graph, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    mexico, usa = URIRef("https://w3id.org/kg-md/id/country/MEX"), URIRef("https://w3id.org/kg-md/id/country/USA")
    query = """PREFIX plover: <https://w3id.org/kg-md/plover#>
               SELECT ?actor ?target WHERE { ?actor plover:reject ?target } ORDER BY ?actor ?target"""
    with served(example_store, "--read-only") as server:
        endpoint = server.url + "/sparql"
        answers = {}
        for fmt in ("json", "xml", "csv", "tsv"):
            for method in ("GET", "POST", "POST_FORM"):
                graph = Graph(store=SPARQLStore(endpoint, returnFormat=fmt, method=method))
                answers[fmt, method] = [tuple(str(term) for term in row) for row in graph.query(query)]
        assert (str(mexico), str(usa)) in answers["json", "GET"]
        assert all(rows == answers["json", "GET"] for rows in answers.values()), answers
        ask = Graph(store=SPARQLStore(endpoint, returnFormat="json"))
        assert ask.query(f"ASK {{ <{mexico}> <https://w3id.org/kg-md/plover#reject> <{usa}> }}").askAnswer is True
        constructed = Graph(store=SPARQLStore(endpoint)).query(
            "CONSTRUCT { ?a <https://w3id.org/kg-md/plover#reject> ?t } WHERE { ?a <https://w3id.org/kg-md/plover#reject> ?t }")
        assert (mexico, URIRef("https://w3id.org/kg-md/plover#reject"), usa) in set(constructed)
        for refused, message in (("DELETE WHERE { ?s ?p ?o }", "refused: this is a SPARQL update"),
                                 ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "refused: SERVICE")):
            with pytest.raises(urllib.error.HTTPError) as caught:
                urllib.request.urlopen(endpoint + "?" + urllib.parse.urlencode({"query": refused}))
            assert caught.value.code == 400 and message in caught.value.read().decode()
        request = urllib.request.Request(endpoint, data=b"update=DROP+ALL",
                                         headers={"content-type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(request)
        assert caught.value.code == 400 and "read-only" in caught.value.read().decode()


# ---------------------------------------------------------------------- review
def test_review_actions_are_corrections_with_who_and_when(store_copy):
    corrections = pytest.importorskip("kg.corrections", reason="the review actions call kg.corrections")
    app = create_app(str(store_copy), token=TOKEN)
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        same = {"origin": "http://127.0.0.1:8000"}
        assert c.post("/unlock", data={"token": TOKEN, "by": "ana"}, headers=same, follow_redirects=False).status_code == 303
        relation = _relation_links(c, "/entity/country/MEX?type=REJECT")[0]
        page = c.get(relation).text
        statement = re.search(r'name="statement" value="([0-9a-f]{16})"', page).group(1)
        form = {"csrf": app.state.kg.guard.form_value, "statement": statement, "next": relation, "fallback": "/"}
        confirmed = c.post("/review/statement", data={**form, "action": "confirm"}, headers=same, follow_redirects=False)
        assert confirmed.status_code == 303 and confirmed.headers["location"] == relation
        assert "confirmed by ana" in c.get(relation).text
        rejected = c.post("/review/statement", data={**form, "action": "reject"}, headers=same, follow_redirects=False)
        assert rejected.status_code == 303
        # the relation was named after this statement: back to the same relation under its new name
        assert rejected.headers["location"].startswith("/relation/") and rejected.headers["location"] != relation
        after = c.get(rejected.headers["location"]).text
        assert len(re.findall(r'<li class="evidence-item"', after)) == 2 and f'value="{statement}"' not in after
        # the article keeps the sentence, listed as rejected, with who did it
        article = re.search(r'id="s-[0-9a-f]+">\s*<blockquote>.*?<a href="(/article/[^"]+)"', page, re.S).group(1)
        # alias, then merge: the alias finds the entity, the merged-away page leads to the one kept
        entity = {"csrf": form["csrf"], "next": "/entity/person/salazar"}
        assert c.post("/review/entity", data={**entity, "entity": "https://w3id.org/kg-md/id/person/salazar",
                                              "action": "alias", "name": "Ken Salazar"}, headers=same).status_code == 200
        assert 'Best match: <a href="/entity/person/salazar">Salazar</a>' in c.get("/search?q=Ken+Salazar").text
        merged = c.post("/review/entity", data={**entity, "entity": "https://w3id.org/kg-md/id/org/mexico-ken-salazar",
                                                "action": "merge", "into": "Salazar"}, headers=same, follow_redirects=False)
        assert merged.status_code == 303 and merged.headers["location"] == "/entity/person/salazar"
        gone = c.get("/entity/org/mexico-ken-salazar", follow_redirects=False)
        assert gone.status_code == 302 and gone.headers["location"] == "/entity/person/salazar"
        assert c.get(article).status_code == 200
    with KnowledgeStore.open(store_copy) as store:
        made = corrections.list_corrections(store)
    assert [(m.action, m.by) for m in made] == [("confirm", "ana"), ("reject", "ana"), ("alias", "ana"), ("merge", "ana")]
    assert made[1].statement == statement


def test_a_rejected_statement_stays_on_its_article_page_marked(store_copy):
    corrections = pytest.importorskip("kg.corrections", reason="the review actions call kg.corrections")
    with KnowledgeStore.open(store_copy, write=True) as store:
        corrections.reject(store, "60cfebab9bf092d8", by="ana", note="landed after all")
    with TestClient(create_app(str(store_copy), token=None), base_url="http://127.0.0.1:8000") as c:
        page = c.get("/article/002_7b4837244018cd6d").text
    rejected = page.split("Rejected by analysts")[1]
    assert REFUSED_FLIGHT in rejected and "rejected by ana" in rejected and "landed after all" in rejected


def test_network_drawings_are_kept_with_their_snapshot(store_copy):
    from kg.query.export import Filters
    from kg.serve.stores import Memo, Snapshots
    from kg.viz import layout

    def draw(store):
        return layout(store, Filters(types=("REJECT",)), 50)

    shutil.rmtree(store_copy / "drawings", ignore_errors=True)  # what other tests' servers kept
    first = Memo(Snapshots(str(store_copy)))
    drawn = first.get(("network", Filters(types=("REJECT",)), 50), draw, keep=True)
    kept = list((store_copy / "drawings").glob("*.json"))
    version = (store_copy / "snapshots" / "CURRENT").read_text(encoding="utf-8").strip()
    assert len(kept) == 1 and kept[0].name.startswith(version + "-")

    def must_not_draw(store):
        raise AssertionError("a kept drawing was drawn again")

    again = Memo(Snapshots(str(store_copy)))  # a server started later on the same snapshot
    assert again.get(("network", Filters(types=("REJECT",)), 50), must_not_draw, keep=True) == drawn
    assert {e["type"] for e in drawn["edges"]} == {"REJECT"}

    (store_copy / "snapshots" / "CURRENT").write_text("another-snapshot", encoding="utf-8")
    later = Memo(Snapshots(str(store_copy)))
    with pytest.raises(AssertionError, match="drawn again"):
        later.get(("network", Filters(types=("REJECT",)), 50), must_not_draw, keep=True)
