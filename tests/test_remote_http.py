"""Remote stores over HTTP, against tiny local servers that misbehave on purpose.

Each failure must be one `kg: error:` line naming the endpoint without its password;
credentials must never reach another origin, whatever the redirect.
"""

from __future__ import annotations

import base64
import http.server
import json
import socket
import socketserver
import struct
import threading
from contextlib import contextmanager

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.store import http as kg_http
from kg.store.http import _digest, parse_challenges, redact
from kg.store.remote import RemoteBackend, endpoints, graph_store_candidates

ASK_TRUE = b'{"head":{},"boolean":true}'
ONE_ROW = json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": [
    {"n": {"type": "literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "7"}}]}}).encode()
BASIC = "Basic " + base64.b64encode(b"analyst:s3cret-pass").decode()


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch):
    """The retries' delays shortened (their count stays: the first try and three more)."""
    monkeypatch.setattr(kg_http, "RETRY_DELAYS", (0.01, 0.02, 0.04))


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def one_error_line(result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), result.stderr
    assert "Traceback" not in result.output and "s3cret-pass" not in result.output
    return lines[0]


class Recorder(http.server.BaseHTTPRequestHandler):
    """Answers with `self.server.answer(handler)`; records each request's path and headers."""

    protocol_version = "HTTP/1.1"

    def do_POST(self):  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.server.seen.append((self.command, self.path, dict(self.headers)))
        status, headers, body = self.server.answer(self)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST

    def log_message(self, *args):
        pass


@contextmanager
def serving(answer):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.answer, server.seen = answer, []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server, f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def raw_serving(behave):
    """A TCP server that reads a request and then does `behave(socket)`: no HTTP library to tidy up."""
    hits = []

    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = self.request.recv(65536)
                if not chunk:
                    return
                data += chunk
            head, _, body = data.partition(b"\r\n\r\n")
            length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")), 0)
            while len(body) < length:
                body += self.request.recv(65536)
            hits.append(head.split(b"\r\n")[0])
            behave(self.request, hits[-1])

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield hits, f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------------- redirects and credentials
def test_a_redirect_to_another_port_carries_no_credentials():
    with serving(lambda h: (200, {"Content-Type": "application/sparql-results+json"}, ONE_ROW)) as (other, other_host):
        def first(handler):
            if handler.headers.get("Authorization") != BASIC:
                return 401, {"WWW-Authenticate": 'Basic realm="sparql"'}, b""
            return 307, {"Location": f"http://{other_host}/sparql"}, b""

        with serving(first) as (origin, host):
            result = run("query", "SELECT (7 AS ?n) {}", "--format", "csv", "--store", f"http://analyst:s3cret-pass@{host}/sparql")
    assert result.exit_code == 0 and result.stdout.splitlines() == ["n", "7"]
    assert [h.get("Authorization") for _m, _p, h in origin.seen] == [None, BASIC]  # challenged, then answered
    assert other.seen and all("Authorization" not in h for _m, _p, h in other.seen)


def test_a_redirect_elsewhere_that_asks_for_credentials_is_refused_in_one_line():
    with serving(lambda h: (401, {"WWW-Authenticate": 'Basic realm="elsewhere"'}, b"")) as (other, other_host):
        with serving(lambda h: (301, {"Location": f"http://{other_host}/sparql"}, b"")) as (_origin, host):
            result = run("query", "ASK {}", "--store", f"http://analyst:s3cret-pass@{host}/sparql")
    line = one_error_line(result)
    assert f"redirected to http://{other_host}/sparql, another server, which asks for credentials" in line
    assert all("Authorization" not in h for _m, _p, h in other.seen)


def test_a_redirect_on_the_same_server_keeps_credentials_and_the_request():
    def answer(handler):
        if handler.headers.get("Authorization") != BASIC:
            return 401, {"WWW-Authenticate": 'Basic realm="sparql"'}, b""
        if handler.path.startswith("/old"):
            return 308, {"Location": "/sparql"}, b""
        return 200, {"Content-Type": "application/sparql-results+json"}, ASK_TRUE

    with serving(answer) as (server, host):
        result = run("query", "ASK {}", "--store", f"http://analyst:s3cret-pass@{host}/old/sparql")
    assert result.exit_code == 0 and result.stdout.strip() == "true"
    assert [(m, p.split("?")[0]) for m, p, _h in server.seen][-1] == ("POST", "/sparql")


def test_urls_are_shown_without_credentials():
    assert redact("http://analyst:s3cret-pass@example.org:8890/sparql-auth") == "http://example.org:8890/sparql-auth"
    assert redact("https://user@[::1]:7878/query?x=1") == "https://[::1]:7878/query?x=1"
    assert redact("http://a%40b:p%3Aw@host/") == "http://host/"
    assert redact("http://host:notaport/") == "(an unreadable URL)"
    backend = RemoteBackend("http://analyst:s3cret-pass@127.0.0.1:1/sparql-auth")
    assert "s3cret" not in backend.url + backend.query_url + backend.update_url and "analyst" not in backend.url


# ---------------------------------------------------------------------- endpoints as servers name them
@pytest.mark.parametrize("url, query, update, store", [
    ("http://h:7878", "http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
    ("http://h:7878/query", "http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
    ("http://h:3030/ds", "http://h:3030/ds/query", "http://h:3030/ds/update", "http://h:3030/ds/data"),
    ("http://h:3030/ds/query", "http://h:3030/ds/query", "http://h:3030/ds/update", "http://h:3030/ds/data"),
    ("http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql-graph-crud"),
    ("http://h:8890/sparql-auth/", "http://h:8890/sparql-auth", "http://h:8890/sparql-auth",
     "http://h:8890/sparql-graph-crud-auth"),
    ("http://h:7200/repositories/r", "http://h:7200/repositories/r", "http://h:7200/repositories/r/statements",
     "http://h:7200/repositories/r/rdf-graphs/service"),
])
def test_endpoints_follow_the_servers_conventions(url, query, update, store):
    assert endpoints(url) == (query, update)
    assert store in graph_store_candidates(url)


def test_query_and_update_urls_can_be_named(monkeypatch):
    monkeypatch.setenv("KG_QUERY_URL", "http://reader:pw1@q.example:1/ds/sparql")
    monkeypatch.setenv("KG_UPDATE_URL", "http://w.example:2/ds/update")
    backend = RemoteBackend("http://q.example:1/ds")
    assert (backend.query_url, backend.update_url) == ("http://q.example:1/ds/sparql", "http://w.example:2/ds/update")
    assert backend._http.user == "reader"
    named = RemoteBackend("http://x:3/ds", query_url="http://x:3/a", update_url="http://x:3/b", graph_store_url="http://x:3/c")
    assert (named.query_url, named.update_url, named._graph_stores) == ("http://x:3/a", "http://x:3/b", ["http://x:3/c"])


# ---------------------------------------------------------------------- authentication
def test_digest_answers_match_rfc_7616():
    header = ('Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm={}, '
              'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"')
    expected = {"MD5": "8ca523f5e9506fed4657c9700eebdbec",
                "SHA-256": "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"}
    for algorithm, response in expected.items():
        (challenge,) = parse_challenges([header.format(algorithm)])
        answer = _digest(challenge, "Mufasa", "Circle of Life", "GET", "/dir/index.html", b"",
                         cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")
        assert f'response="{response}"' in answer and "nc=00000001" in answer and "qop=auth," in answer


def test_challenges_are_parsed_in_order():
    found = parse_challenges(['Basic realm="a, b", Digest realm="c", nonce="n", qop="auth"', "Negotiate"])
    assert [(c.scheme, c.params) for c in found] == [
        ("basic", {"realm": "a, b"}), ("digest", {"realm": "c", "nonce": "n", "qop": "auth"}), ("negotiate", {})]


def test_authentication_failure_is_one_line():
    with serving(lambda h: (401, {"WWW-Authenticate": 'Basic realm="sparql"'}, b"Unauthorized")) as (server, host):
        result = run("relations", "Mexico", "--store", f"http://analyst:s3cret-pass@{host}/sparql")
    line = one_error_line(result)
    assert f"authentication failed for http://{host}/sparql (HTTP 401)" in line and "analyst" not in line


# ---------------------------------------------------------------------- broken servers
def close_at_once(conn, request_line):
    conn.close()


def reset(conn, request_line):
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def truncated(conn, request_line):
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: 1000\r\n\r\n"
                 + ONE_ROW[:20])
    conn.close()


def cut_json(conn, request_line):
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nConnection: close\r\n\r\n"
                 + ONE_ROW[:-9])
    conn.close()


@pytest.mark.parametrize("behave, expected", [
    (close_at_once, "closed the connection without answering (tried 4 times"),
    (reset, "dropped the connection ("),
    (truncated, "sent a truncated response (20 bytes of 1000) (tried 4 times"),
    (cut_json, "sent a response kg cannot read (unreadable JSON results"),
])
def test_broken_answers_are_retried_then_one_line(behave, expected):
    with raw_serving(behave) as (hits, host):
        result = run("query", "SELECT (7 AS ?n) {}", "--store", f"http://analyst:s3cret-pass@{host}/sparql")
    line = one_error_line(result)
    assert expected in line and f"http://{host}/sparql" in line
    assert len(hits) == 4  # the first try and three more


def test_an_update_cut_off_is_one_line():
    def answer_queries_only(conn, request_line):
        if b" /query" in request_line:  # the ontology is there already
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                         b"Content-Length: %d\r\n\r\n%s" % (len(ASK_TRUE), ASK_TRUE))
        conn.close()

    with raw_serving(answer_queries_only) as (hits, host):
        result = run("update", "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }", "--store", f"http://{host}")
    line = one_error_line(result)
    assert f"http://{host}/update closed the connection without answering" in line
    assert sum(b" /update" in hit for hit in hits) == 4


def test_an_unavailable_server_is_tried_again():
    statuses = iter([503, 502, 200])

    def answer(handler):
        status = next(statuses)
        return status, {"Content-Type": "application/sparql-results+json"}, ONE_ROW if status == 200 else b"busy"

    with serving(answer) as (server, host):
        result = run("query", "SELECT (7 AS ?n) {}", "--format", "csv", "--store", f"http://{host}/sparql")
    assert result.exit_code == 0 and result.stdout.splitlines() == ["n", "7"] and len(server.seen) == 3


def test_a_server_that_stays_unavailable_is_one_line():
    with serving(lambda h: (503, {"Content-Type": "text/plain"}, b"down for maintenance")) as (server, host):
        result = run("query", "ASK {}", "--store", f"http://{host}/sparql")
    line = one_error_line(result)
    assert f"http://{host}/sparql answered HTTP 503 Service Unavailable (tried 4 times" in line and len(server.seen) == 4


def test_unreachable_server_is_one_line():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--store", f"http://user:s3cret-pass@127.0.0.1:{port}")
    line = one_error_line(result)
    assert f"cannot reach SPARQL endpoint http://127.0.0.1:{port}/query: connection refused (tried 4 times" in line
    assert "is the server running?" in line


def test_an_html_error_page_is_one_line():
    page = b"<!DOCTYPE html>\n<html><head><title>x</title></head>\n<body>\n<h1>Internal trouble</h1>\n<p>sorry</p></body></html>"
    with serving(lambda h: (500, {"Content-Type": "text/html"}, page)) as (server, host):
        result = run("query", "ASK {}", "--store", f"http://{host}/sparql")
    assert one_error_line(result).endswith(f"http://{host}/sparql answered HTTP 500 to a SPARQL query: Internal trouble sorry")


def test_virtuoso_blank_nodes_and_booleans_are_read():
    rows = {"head": {"vars": ["b", "t"]}, "results": {"bindings": [
        {"b": {"type": "bnode", "value": "nodeID://b10000"},
         "t": {"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#boolean", "value": "1"}}]}}
    with serving(lambda h: (200, {"Content-Type": "application/sparql-results+json"}, json.dumps(rows).encode())) as (_s, host):
        backend = RemoteBackend(f"http://{host}/sparql")
        (row,) = list(backend.query("SELECT ?b ?t {}"))
        backend.close()
    assert str(row["b"]) == "_:b10000" and row["t"].value == "true"
