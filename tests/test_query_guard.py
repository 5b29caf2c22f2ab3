"""The query guard (kg.query.guard): decisions on tokens, and the engine agreeing with them.

Each trick below was checked on Oxigraph itself: a local HTTP server stands in for
"another server", and the tests prove both that the refused texts would really
reach it when run unguarded and that the allowed ones do not.
"""

from __future__ import annotations

import hashlib
import http.server
import subprocess
import sys
import threading

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg.cli import main
from kg.errors import QueryError
from kg.query.guard import MAX_NESTING, MAX_TOKENS, check_query, check_update, query_form, tokenize
from kg.query.sparql import run, time_limit

ROOT_GRAPH = "https://w3id.org/kg-md/id/graph/"
ELSEWHERE = "http://127.0.0.1:9/"  # never contacted: only the local server below is


# ---------------------------------------------------------------------- the engine as a witness
class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers every request with one empty solution and remembers that it came."""

    def _answer(self) -> None:
        self.server.hits.append(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        body = b'{"head":{"vars":[]},"results":{"bindings":[{}]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def endpoint():
    """A loopback SPARQL endpoint that counts the requests it receives."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _engine_calls_out(server, text: str, update: bool = False) -> bool:
    """Run `text` unguarded on a one-triple in-memory Oxigraph store: did it reach the server?"""
    import pyoxigraph as ox

    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://a/s"), ox.NamedNode("http://a/p"), ox.NamedNode("http://a/o")))
    before = len(server.hits)
    try:
        if update:
            store.update(text)
        else:
            results = store.query(text)
            bool(results) if isinstance(results, ox.QueryBoolean) else list(results)
    except (SyntaxError, OSError, RuntimeError, ValueError):
        pass  # a syntax error or a failed call: only whether the call was made matters
    return len(server.hits) > before


def _url(server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/"


# ---------------------------------------------------------------------- what is refused, what runs
# {ep} is the loopback endpoint; `:` and `ex:` are declared as its namespace.
PROLOGUE = "PREFIX : <{ep}> PREFIX ex: <{ep}>\n"

HIDDEN_SERVICE = [
    pytest.param('SELECT * WHERE { # """\nSERVICE <{ep}> { ?s ?p ?o } # """\n}', id="comment-pair-of-triple-quotes"),
    pytest.param("SELECT * WHERE { ?s ?p <http://x/it's> . SERVICE <{ep}> { } # '\n}", id="quote-inside-an-iri"),
    pytest.param('SELECT * WHERE { # """ opens nothing here\n SERVICE <{ep}> { ?s ?p ?o } }', id="triple-quote-in-a-comment"),
    pytest.param("SELECT * WHERE { service <{ep}> { ?s ?p ?o } }", id="lowercase-service"),
    pytest.param("SELECT * WHERE { SeRvIcE SILENT <{ep}> { ?s ?p ?o } }", id="mixed-case-silent"),
    pytest.param("SELECT * WHERE { SERVICE:x{ ?s ?p ?o } }", id="keyword-glued-to-an-empty-prefix"),
    pytest.param("SELECT * WHERE { SERVICEex:x{ ?s ?p ?o } }", id="keyword-glued-to-a-prefixed-name"),
    pytest.param("SELECT * WHERE { SERVICESILENT<{ep}>{ ?s ?p ?o } }", id="keyword-glued-to-silent"),
    pytest.param("SELECT * WHERE { ?s ?p trueSERVICE<{ep}>{ } }", id="keyword-glued-to-an-object"),
    pytest.param("SELECT * WHERE { ?s ?p ?o . ?s ?p true.SERVICE<{ep}>{ } }", id="keyword-after-a-dot"),
    pytest.param("SELECT * WHERE { ?s ?p ex:a.b.SERVICE<{ep}>{ } }", id="local-name-takes-one-run-of-dots"),
    pytest.param("SELECT * WHERE { FILTER(1<'x>') SERVICE<{ep}>{ } #'\n}", id="less-than-that-looks-like-an-iri"),
    pytest.param("SELECT * WHERE { ?s ?p ?o FILTER(?s<?o)SERVICE<{ep}>{ } }", id="no-space-after-a-filter"),
    pytest.param("SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <{ep}> { } } }", id="inside-exists"),
    pytest.param("SELECT * WHERE { { SELECT * WHERE { SERVICE <{ep}> { ?s ?p ?o } } } }", id="inside-a-sub-select"),
]


@pytest.mark.parametrize("text", HIDDEN_SERVICE)
def test_hidden_service_is_refused_and_would_really_call_out(endpoint, text):
    text = (PROLOGUE + text).replace("{ep}", _url(endpoint))
    with pytest.raises(QueryError) as refused:
        check_query(text)
    message = str(refused.value)
    assert "\n" not in message
    assert _engine_calls_out(endpoint, text), "the trick should reach the server when run unguarded"
    if "less-than" in message:  # refused for how it reads, which no flag changes
        assert "reads both as an IRI and as less-than: put a space after `<` when it compares" in message
    else:
        assert "SERVICE" in message and "pass --allow-service" in message
        assert check_query(text, allow_service=True) == "SELECT"


ALLOWED = [
    pytest.param('SELECT * WHERE { ?s ?p "SERVICE <{ep}> { ?s ?p ?o }" }', id="service-in-a-string"),
    pytest.param("SELECT * WHERE { ?s ?p '''SERVICE <{ep}> { } # ''' }", id="service-in-a-long-string"),
    pytest.param("SELECT ?service WHERE { ?service ?p ?o }", id="variable-named-service"),
    pytest.param("SELECT $service WHERE { $service ?p ?o }", id="dollar-variable-named-service"),
    pytest.param("SELECT * WHERE { ?s ex:SERVICE ?o }", id="local-name-service"),
    pytest.param("SELECT * WHERE { ?s ?p ?o } # SERVICE <{ep}> { }", id="service-in-a-comment"),
    pytest.param("SELECT * WHERE { ?s ?p <{ep}SERVICE> }", id="service-inside-an-iri"),
    pytest.param("SELECT * WHERE { ?s ?p ?o FILTER(1 < 2 && ?o != <{ep}>) }", id="less-than-with-spaces"),
    pytest.param("SELECT * WHERE { \\u0053ELECT_ME ?p ?o }", id="escape-that-reads-as-no-keyword"),
]


@pytest.mark.parametrize("text", ALLOWED)
def test_service_as_data_or_name_is_allowed_and_calls_nothing(endpoint, text):
    text = (PROLOGUE + text).replace("{ep}", _url(endpoint))
    check_query(text)
    assert not _engine_calls_out(endpoint, text)


@pytest.mark.parametrize(
    "text, message",
    [
        (f"SELECT * FROM <{ELSEWHERE}> WHERE {{ }}", f"FROM <{ELSEWHERE}> (at line 1, column 10) names a graph outside"),
        (f"SELECT * FROM NAMED <{ELSEWHERE}g> WHERE {{ }}", f"FROM NAMED <{ELSEWHERE}g>"),
        ("SELECT * FROM <graph/relations> WHERE { }", "FROM <graph/relations>"),  # relative, with no BASE
        (f"SELECT * FROM <{ROOT_GRAPH}../../evil> WHERE {{ }}", "names a graph outside this store"),
        ("PREFIX kgr: <http://elsewhere/> SELECT * FROM kgr:graph\\/relations WHERE { }", "FROM kgr:graph\\/relations"),
        ("SELECT * FROM nope:g WHERE { }", "FROM nope:g"),  # an undeclared prefix names nothing known
        (f"ASKFROM<{ELSEWHERE}>{{ }}", "`ASKFROM` at line 1, column 1 reads as FROM"),
        (f"SELECT * WHERE {{ \\u0053ERVICE <{ELSEWHERE}> {{ }} }}", "(reading \\u escapes first, as SPARQL 1.1 endpoints do)"),
    ],
)
def test_graphs_of_other_places_are_refused(text, message):
    with pytest.raises(QueryError, match="pass --allow-service") as refused:
        check_query(text)
    assert message in str(refused.value)
    check_query(text, allow_service=True)


@pytest.mark.parametrize(
    "text",
    [
        f"SELECT * FROM <{ROOT_GRAPH}relations> WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM kgr:graph\\/relations FROM NAMED kgr:graph\\/entities WHERE { ?s ?p ?o }",
        "BASE <https://w3id.org/kg-md/id/> SELECT * FROM <graph/ontology> WHERE { ?s ?p ?o }",
        f"PREFIX g: <{ROOT_GRAPH}> SELECT * FROM g:relations WHERE {{ ?s ?p ?o }}",
    ],
)
def test_the_stores_own_graphs_are_allowed_in_from(text):
    assert check_query(text) == "SELECT"


@pytest.mark.parametrize(
    "text, message",
    [
        ("LOAD <{ep}data.ttl>", "LOAD reads data from other servers (at line 2, column 1)"),
        ("load<{ep}data.ttl>", "LOAD reads data from other servers"),
        ("LOAD SILENT <{ep}data.ttl> INTO GRAPH ex:x", "LOAD reads data"),
        ("LOADSILENT<{ep}data.ttl>", "`LOADSILENT` at line 2, column 1 reads as LOAD"),
        ("LOAD:x", "`LOAD:x` at line 2, column 1 reads as LOAD"),
        ("CLEAR SILENT GRAPH ex:g ; LOAD <{ep}data.ttl>", "LOAD reads data"),
        ("INSERT { ?s ?p ?o } WHERE { SERVICE <{ep}> { ?s ?p ?o } }", "SERVICE (federated) queries reach other servers"),
    ],
)
def test_load_and_service_in_an_update_are_refused_and_would_call_out(endpoint, text, message):
    text = (PROLOGUE + text).replace("{ep}", _url(endpoint))
    with pytest.raises(QueryError, match="pass --allow-service") as refused:
        check_update(text)
    assert message in str(refused.value)
    assert _engine_calls_out(endpoint, text, update=True)
    check_update(text, allow_service=True)


@pytest.mark.parametrize(
    "text, message",
    [
        (f"WITH <{ELSEWHERE}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}", f"WITH <{ELSEWHERE}> (at line 1, column 1)"),
        (f"DELETE {{ ?s ?p ?o }} USING <{ELSEWHERE}> WHERE {{ ?s ?p ?o }}", f"USING <{ELSEWHERE}>"),
        (f"DELETE {{ ?s ?p ?o }} USING NAMED <{ELSEWHERE}> WHERE {{ ?s ?p ?o }}", f"USING NAMED <{ELSEWHERE}>"),
    ],
)
def test_update_datasets_of_other_places_are_refused(text, message):
    with pytest.raises(QueryError, match="names a graph outside this store") as refused:
        check_update(text)
    assert message in str(refused.value)


@pytest.mark.parametrize(
    "text",
    [
        'INSERT DATA { GRAPH kgr:graph\\/notes { kgr:a rdfs:comment "LOAD <http://x/> ; SERVICE" } }',
        "WITH kgr:graph\\/notes DELETE { ?s ?p ?o } USING kgr:graph\\/notes WHERE { ?s ?p ?o }",
        "PREFIX ex: <http://example.org/> # LOAD <http://x/>\nDELETE WHERE { ?s ex:load ?o }",
    ],
)
def test_ordinary_updates_are_allowed(text):
    check_update(text)


@pytest.mark.parametrize(
    "text, form",
    [
        ("SELECT * WHERE { ?s ?p 'INSERT DATA' }", "SELECT"),
        ("# INSERT DATA { }\nASK { }", "ASK"),
        ("PREFIX ex: <http://x/SELECT> # SELECT\nINSERT DATA { ex:a ex:b 'SELECT' }", "UPDATE"),
        ("BASE <http://x/> PREFIX a: <b> CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("describe <http://x/>", "DESCRIBE"),
        ("INSERTDATA{ <http://a/> <http://b/> 1 }", "UPDATE"),  # Oxigraph runs it: no word boundaries
        ("   # only a comment", None),
    ],
)
def test_the_form_is_read_from_tokens(text, form):
    assert query_form(text) == form


def test_query_and_update_send_each_other_to_the_right_command():
    with pytest.raises(QueryError, match="this is a SPARQL update; `kg query` only reads: run it with `kg update`"):
        check_query("# SELECT * WHERE { }\nINSERT DATA { <http://a/> <http://b/> 1 }")
    with pytest.raises(QueryError, match="this is a SPARQL query; `kg update` only changes the store: run it with `kg query`"):
        check_update("PREFIX ex: <http://x/INSERT> SELECT * WHERE { }")
    with pytest.raises(QueryError, match="the query is empty"):
        check_query("  # nothing but a comment\n")


def test_tokens_follow_the_grammar_not_the_text():
    text = "SELECT ?x WHERE { ?x <http://x/it's#a> 'a # b', \"\"\"c\n\"d\"\"\"@en ; ex:p\\,q _:b.1 } # c"
    assert [t.text for t in tokenize(text)] == [
        "SELECT", "?x", "WHERE", "{", "?x", "<http://x/it's#a>", "'a # b'", ",", '"""c\n"d"""', "@en", ";",
        "ex:p\\,q", "_:b.1", "}",
    ]
    assert [t.kind for t in tokenize("FILTER(?a<?b && 1 <= 2)")] == [
        "word", "open", "var", "punct", "var", "punct", "number", "punct", "number", "close",
    ]


def test_an_unclosed_string_is_a_syntax_error_with_its_place():
    with pytest.raises(QueryError, match="SPARQL syntax error at line 2, column 9: a string is not closed"):
        check_query("SELECT * {\n  ?s ?p 'no end\n}")


# ---------------------------------------------------------------------- nesting and length
def _nested(shape: str, depth: int) -> str:
    return {
        "braces": "SELECT * WHERE " + "{" * depth + "}" * depth,
        "parentheses": "SELECT * WHERE { FILTER(" + "(" * depth + "1" + ")" * depth + ") }",
        "sub-selects": "SELECT * WHERE " + "{ SELECT * WHERE " * depth + "{ }" + " }" * depth,
        "blank-nodes": "SELECT * WHERE { ?s ?p " + "[ ?p " * depth + "1" + " ]" * depth + " }",
        # `<` after an operand is less-than: what looks like an IRI nests as code
        "less-than-iri": "ASK { FILTER(1<" + "(" * depth + "1" + ")" * depth + ">2) }",
        "update-braces": "DELETE WHERE " + "{" * depth + "}" * depth,
        "update-parentheses": "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(" + "(" * depth + "1" + ")" * depth + ") }",
        "update-sub-selects": "INSERT { ?s ?p ?o } WHERE " + "{ SELECT * WHERE " * depth + "{ ?s ?p ?o }" + " }" * depth,
    }[shape]


@pytest.mark.parametrize("shape", ["braces", "parentheses", "sub-selects", "blank-nodes", "less-than-iri"])
def test_nesting_up_to_the_limit_runs_and_one_more_is_refused(shape):
    check_query(_nested(shape, MAX_NESTING - 2))  # the query's own { } adds levels
    with pytest.raises(QueryError, match=f"brackets nest more than {MAX_NESTING} deep at line 1, column \\d+; "
                                         "kg stops there because deeper nesting crashes the SPARQL engine"):
        check_query(_nested(shape, MAX_NESTING + 1))


def test_a_long_chain_is_refused_but_long_data_blocks_are_not():
    with pytest.raises(QueryError, match=f"more than {MAX_TOKENS} tokens outside VALUES and DATA blocks"):
        check_query("SELECT * WHERE { {} " + " MINUS {}" * 3000 + " }")
    with pytest.raises(QueryError, match="put long lists in a VALUES block"):
        check_query("SELECT * WHERE { BIND(1" + " + 1" * 7000 + " AS ?x) }")
    check_query("SELECT * WHERE { VALUES (?a ?b) {" + " (1 2)" * 5000 + " } }")
    check_update("INSERT DATA {" + "".join(f" <http://a/{i}> <http://a/p> {i} ." for i in range(5000)) + " }")


def _kg(*args: str, input: str | None = None) -> subprocess.CompletedProcess:
    """kg in a process of its own: a crash shows as a signal, not as a dead test run."""
    return subprocess.run([sys.executable, "-m", "kg", *args], input=input, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    "command, shape, depth",
    [
        ("query", "braces", 3000),
        ("query", "parentheses", 5000),
        ("query", "sub-selects", 3000),
        ("query", "less-than-iri", 8000),
        ("update", "update-braces", 3000),
        ("update", "update-parentheses", 5000),
        ("update", "update-sub-selects", 3000),
    ],
)
def test_deep_nesting_is_one_line_and_exit_1_not_a_segfault(request, command, shape, depth):
    store = request.getfixturevalue("store_copy" if command == "update" else "example_store")
    done = _kg(command, "-", "--store", str(store), input=_nested(shape, depth))
    assert done.returncode == 1, f"exit {done.returncode}: {done.stderr[-300:]}"
    assert done.stderr.startswith(f"kg: error: brackets nest more than {MAX_NESTING} deep at line 1, column ")
    assert "flatten nested { } groups and sub-selects" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and done.stdout == ""


def test_a_long_minus_chain_is_one_line_and_exit_1_not_a_segfault(example_store):
    done = _kg("query", "-", "--store", str(example_store), input="SELECT * WHERE { {} " + " MINUS {}" * 5000 + " }")
    assert done.returncode == 1, f"exit {done.returncode}: {done.stderr[-300:]}"
    assert done.stderr.startswith(f"kg: error: the text holds more than {MAX_TOKENS} tokens")
    assert len(done.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------------- the command line
@pytest.mark.parametrize(
    "args, message",
    [
        (["query", 'SELECT * WHERE { # """\nSERVICE <http://127.0.0.1:9/> { ?s ?p ?o } # """\n}'],
         "kg: error: SERVICE (federated) queries reach other servers (at line 2, column 1); pass --allow-service"),
        (["query", "SELECT * FROM <http://elsewhere/> WHERE { ?s ?p ?o }"],
         "kg: error: FROM <http://elsewhere/> (at line 1, column 10) names a graph outside this store"),
        (["update", "LOAD <http://127.0.0.1:9/data.ttl>"],
         "kg: error: LOAD reads data from other servers (at line 1, column 1); pass --allow-service to allow it"),
        (["update", "SELECT * WHERE { ?s ?p ?o }"],
         "kg: error: this is a SPARQL query; `kg update` only changes the store: run it with `kg query`"),
    ],
)
def test_refusals_are_one_line_and_exit_1(store_copy, args, message):
    result = CliRunner().invoke(main, [*args, "--store", str(store_copy)])
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_from_the_stores_own_graph_runs(example_store):
    result = CliRunner().invoke(main, [
        "query", "SELECT (COUNT(*) AS ?n) FROM kgr:graph\\/relations WHERE { ?s a kg:Relation }",
        "--store", str(example_store), "--format", "csv",
    ])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "n" and int(result.stdout.splitlines()[1]) > 0


@pytest.mark.parametrize("value", ["inf", "1e400", "1e12"])
def test_an_infinite_or_huge_timeout_is_no_limit(example_store, value):
    result = CliRunner().invoke(main, ["query", "ASK { ?s ?p ?o }", "--store", str(example_store),
                                       "--format", "table", "--timeout", value])
    assert result.exit_code == 0, result.output
    assert result.stdout == "true\n"


@pytest.mark.parametrize("value", ["nan", "-1", "0", "-inf"])
def test_a_timeout_that_is_no_time_is_a_usage_error(example_store, value):
    result = CliRunner().invoke(main, ["query", "ASK { }", "--store", str(example_store), "--timeout", value])
    assert result.exit_code == 2
    assert (f"Error: Invalid value for '--timeout': {value} is not a time limit: give a positive number of "
            "seconds, or inf for no limit") in result.stderr
    assert "Traceback" not in result.output


def test_time_limit_in_the_library():
    assert time_limit(None) is None and time_limit(float("inf")) is None and time_limit(0.5) == 0.5
    with pytest.raises(QueryError, match="nan is not a time limit"):
        time_limit(float("nan"))


# ---------------------------------------------------------------------- properties
SPARQL_BITS = st.sampled_from([
    "SELECT", "*", "WHERE", "{", "}", "(", ")", "[", "]", "<<", ">>", "<<(", ")>>", "<", ">", "<=", "?s", "$o",
    "ex:", "ex:a.b", ":x", "SERVICE", "service", "LOAD", "FROM", "NAMED", "USING", "WITH", "GRAPH", "<http://x/>",
    "<http://x/it's>", "'", '"', "'''", '"""', "#", "\n", " ", "\\", "\\u0053", "\\u0022", "@en", "^^", "1", ".5",
    "1e9", "true", "_:b", ".", ";", ",", "&&", "||", "!", "a", "VALUES", "DATA", "INSERT", "PREFIX", "BASE", "FILTER",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(SPARQL_BITS, max_size=80).map("".join)))
def test_any_text_gives_a_decision_or_a_query_error_never_a_crash(text):
    for check in (check_query, check_update):
        for allow in (False, True):
            try:
                check(text, allow_service=allow)
            except QueryError as e:
                assert str(e) and "\n" not in str(e)


@settings(max_examples=300, deadline=None)
@given(st.builds(
    lambda openers, rest: openers + rest,  # a run of openers first, so that the limit is crossed often
    st.integers(0, 2 * MAX_NESTING).flatmap(lambda n: st.lists(st.sampled_from("{(["), min_size=n, max_size=n)),
    st.lists(st.sampled_from(["{", "(", "[", "}", ")", "]", " ", "?s ", "1", "."]), max_size=200),
))
@example(["{"] * MAX_NESTING + ["("] + [")", "}"] * MAX_NESTING)
def test_the_depth_limit_counts_what_the_engine_nests(bits):
    deepest, closers = 0, []
    for bit in bits:  # the nesting as a stack of brackets: a closer closes its innermost opener
        if bit in "{([":
            closers.append({"{": "}", "(": ")", "[": "]"}[bit])
            deepest = max(deepest, len(closers))
        elif bit in "})]" and bit in closers:
            while closers.pop() != bit:
                pass
    try:
        tokenize("".join(bits))
        assert deepest <= MAX_NESTING
    except QueryError as e:
        assert deepest > MAX_NESTING and "brackets nest more than" in str(e)


# Generated texts: SERVICE written some way, next to what might hide it, among more bits
# that might. {ep} is the loopback endpoint; bits are joined as they are, so that glued
# forms come up, and what touches the SERVICE is drawn on its own, to come up often.
SERVICES = st.sampled_from([
    "SERVICE <{ep}> { ?s ?p ?o }", "service<{ep}>{}", "SERVICE SILENT <{ep}> {}", "SERVICESILENT<{ep}>{}",
    "SERVICE:x{}", "SERVICEex:x{}", "SERVICE ?ep {}", "\\u0053ERVICE <{ep}> {}",
])
LEFT = st.sampled_from([
    "", " ", "\n", ".", "?s ?p ?o ", "?s ?p true", "?s ?p true.", "?s ?p 1", "?s ?p 1.", "?s ?p ex:a.b.",
    "?s ?p ex:a.", "FILTER(1<'x>')", "FILTER(?s<?o)", "?s ?p <http://x/it's> . ", "# '\n", '# """\n', "'", '"""',
])
RIGHT = st.sampled_from(["", " ", ".", "# '\n", '# """\n', "#'\n", "'", '"""', " }"])
HIDING = st.sampled_from([
    "?s ?p ?o", "?s ?p true", "?s ?p 1", "?s ?p ex:a.b", "?s ?p <http://x/it's>", "?s ?p 'SERVICE <{ep}> {}'",
    '?s ?p """#"""', "BIND(<{ep}> AS ?ep)", "FILTER(1<'x>')", "FILTER(1 < 2)", "FILTER(?s<?o)", "{", "}",
    "OPTIONAL {", "FILTER EXISTS {", "# '\n", '# """\n', "#", "\n", " ", "", ".", ";", "'", '"', "\'\'\'", '"""',
    "?service", "ex:SERVICE", "<{ep}SERVICE>", "true", "<", ">",
])
SERVICE_TEXTS = st.builds(
    lambda before, left, service, right, after: "".join(before) + left + service + right + "".join(after),
    st.lists(HIDING, max_size=4), LEFT, SERVICES, RIGHT, st.lists(HIDING, max_size=4),
)


def _service_text(ep: str, body: str) -> str:
    return (PROLOGUE + "SELECT * WHERE { " + body + "\n}").replace("{ep}", ep)


@settings(max_examples=600, deadline=None)
@given(SERVICE_TEXTS)
@example("FILTER(1<'x>')service<{ep}>{}# '\n")  # less-than, not an IRI
@example("?s ?p ex:a.b.SERVICE <{ep}> { ?s ?p ?o }")  # one run of dots in a local name
@example("?s ?p true.SERVICE <{ep}> { ?s ?p ?o }")  # a keyword after true and a dot
@example("?s ?p true.SERVICE:x{}")  # the same, where the text reads as one prefixed name
@example("?s ?p trueSERVICESILENT<{ep}>{}")  # keywords glued to keywords
@example('# """\nSERVICE <{ep}> { ?s ?p ?o } # """')  # the comment pair of the issue
def test_whatever_the_guard_allows_never_reaches_another_server(endpoint, body):
    text = _service_text(_url(endpoint), body)
    try:
        check_query(text)
    except QueryError:
        return
    assert not _engine_calls_out(endpoint, text), f"allowed, yet Oxigraph called out: {text!r}"


LOADS = st.sampled_from(["LOAD <{ep}d.ttl>", "load<{ep}d.ttl>", "LOADSILENT<{ep}d.ttl>", "LOAD:d", "LOAD SILENT ex:d"])
UPDATE_HIDING = st.sampled_from([
    ";", " ; ", "\n", " ", "", "# LOAD <{ep}d.ttl>\n", "INSERT DATA { ex:a ex:b 'LOAD <{ep}d.ttl>' }",
    "CLEAR SILENT GRAPH ex:g", "INSERT { ?s ?p ?o } WHERE { SERVICE <{ep}> { ?s ?p ?o } }", "'", '"""', "#",
    "{", "}", "PREFIX load: <{ep}> ", "BASE <{ep}> ",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(UPDATE_HIDING, max_size=5), LOADS, st.lists(UPDATE_HIDING, max_size=5))
def test_whatever_the_update_guard_allows_never_reaches_another_server(endpoint, before, load, after):
    text = (PROLOGUE + "".join(before) + load + "".join(after)).replace("{ep}", _url(endpoint))
    try:
        check_update(text)
    except QueryError:
        return
    assert not _engine_calls_out(endpoint, text, update=True), f"allowed, yet Oxigraph called out: {text!r}"


def _has_service(node) -> bool:
    """A ServiceGraphPattern anywhere in rdflib's parse tree."""
    if getattr(node, "name", None) == "ServiceGraphPattern":
        return True
    children = node.values() if isinstance(node, dict) else node if isinstance(node, (list, tuple)) else ()
    return any(_has_service(child) for child in children)


@settings(max_examples=200, deadline=None)
@given(SERVICE_TEXTS)
def test_rdflib_as_a_second_opinion_never_sees_a_service_the_guard_lets_through(endpoint, body):
    from rdflib.plugins.sparql.parser import parseQuery

    text = _service_text(_url(endpoint), body)
    try:
        tree = parseQuery(text)
    except Exception:  # rdflib reads less than Oxigraph does: then it has no opinion
        return
    if _has_service(tree):
        with pytest.raises(QueryError):
            check_query(text)


UPDATE_TEXTS = st.sampled_from([
    "INSERT DATA { GRAPH kgr:graph\\/x { kgr:a kgr:b kgr:c } }", "INSERTDATA{ kgr:a kgr:b kgr:c }",
    "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }", "DELETEWHERE{ ?s ?p ?o }", "CLEAR ALL", "DROP ALL", "DROPALL",
    "WITH kgr:graph\\/relations DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "LOAD <http://127.0.0.1:9/x>",
    "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "ASK { ?s ?p ?o }", "CONSTRUCT WHERE { ?s kg:actor ?o } LIMIT 2",
])
NOISE = st.sampled_from(["", " ", "\n", "# SELECT\n", '# """\n', "'", '"""', ";", " ; ", "PREFIX ex: <http://x/> ",
                         "BASE <http://x/> ", "{", "}", "SELECT * WHERE { } ", "\\u0049"])


@pytest.fixture(scope="module")
def writable_store(tmp_path_factory, example_store):
    """The example store copied and opened for writing, so that a query that could write would."""
    import shutil

    from kg.store import KnowledgeStore

    path = tmp_path_factory.mktemp("guarded") / "store"
    shutil.copytree(example_store, path, ignore=shutil.ignore_patterns("writer.lock"))
    with KnowledgeStore.open(path, write=True, command="test_query_guard") as ks:
        yield ks


def _fingerprint(ks) -> str:
    """A hash of every quad: the named graphs' and the default graph's."""
    import pyoxigraph

    results = ks.query("SELECT ?g ?s ?p ?o WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } }", union=False)
    lines = sorted(results.serialize(format=pyoxigraph.QueryResultsFormat.TSV).splitlines())
    return hashlib.sha256(b"\n".join(lines)).hexdigest()


@pytest.fixture(scope="module")
def fingerprint_before(writable_store):
    return _fingerprint(writable_store)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(UPDATE_TEXTS, NOISE), min_size=1, max_size=6).map("".join))
def test_a_query_never_changes_the_store(writable_store, fingerprint_before, text):
    try:
        run(writable_store, text, "csv", timeout=10)
    except QueryError as e:
        assert "\n" not in str(e)
    assert _fingerprint(writable_store) == fingerprint_before, f"{text!r} changed the store"
