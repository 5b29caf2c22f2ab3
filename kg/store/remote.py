"""A store behind a SPARQL 1.1 endpoint: Oxigraph server, Virtuoso, Apache Jena Fuseki, GraphDB.

`--store` is the endpoint's URL; the query, update and graph store URLs follow
the servers' conventions:

    http://host:7878                   Oxigraph server  → /query, /update, /store
    http://host:7878/query             Oxigraph server  → /query, /update, /store
    http://host:8890/sparql            Virtuoso         → /sparql for both, /sparql-graph-crud
    http://host:8890/sparql-auth       Virtuoso, with a password → /sparql-auth, /sparql-graph-crud-auth
    http://host:3030/ds                Fuseki dataset   → /ds/query, /ds/update, /ds/data
    http://host:3030/ds/query          Fuseki dataset   → /ds/query, /ds/update, /ds/data
    http://host:7200/repositories/r    GraphDB          → same URL, /statements, /rdf-graphs/service

KG_QUERY_URL, KG_UPDATE_URL and KG_GRAPH_STORE_URL (or the constructor's
query_url, update_url, graph_store_url) name them outright; KG_GRAPH_STORE_URL=none
loads through SPARQL Update only.

Credentials come from the URL (`http://user:password@host/…`), the constructor,
or KG_STORE_USER and KG_STORE_PASSWORD. They answer the server's challenge,
Digest or Basic, and go to no other server (a redirect elsewhere loses them).
Every URL kg shows is redacted: no user name, no password.

Writing. An update is one request, which servers apply as one transaction,
unless it holds more data triples than the server takes in one request
(Virtuoso refuses about 1,500: it compiles updates into SQL of at most 10,000
lines). Then it goes as several requests in order, each at most 1,000 triples,
halved again on a refusal, the article's content hash last (kg.store.updates):
an interruption leaves an article without it, which the next build takes as not
stored and writes again, whole; meanwhile readers may see a part of it.
`kg import` posts batches of 50,000 triples through the SPARQL 1.1 Graph Store
Protocol where the server has it (N-Quads to Oxigraph's /store, N-Triples graph
by graph elsewhere; the first POST checked by asking for one of its triples),
else as INSERT DATA of 1,000 triples; it is no transaction.

Reading. Exports and validation read kg's own graphs only (kgr:graph/…), not
the server's system graphs. Virtuoso cuts results at ResultSetMaxRows (10,000
rows): kg pages such SELECTs (LIMIT and OFFSET over a sorted subquery: Virtuoso
sorts no more rows than that for a LIMIT of its own) and exports graph by graph,
checking each graph's size. It cannot page CONSTRUCT queries, which Virtuoso cuts silently.

Failures. Connection errors, closed connections, truncated answers and HTTP
502/503/504 are tried again after 0.5, 1 and 2 s (reads and kg's updates are
idempotent: an article's update drops its graph first), then end in one
RemoteStoreError line naming the endpoint and what to do.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import urllib.parse
from functools import partial

from kg.errors import QueryError, RemoteStoreError
from kg.store.http import HttpClient, Response, Truncated, origin, redact
from kg.store.updates import batches, data_operation, split_prologue, split_update, weight
from kg.vocab import ID

KG_GRAPHS = ID + "graph/"
"""Every graph kg writes has an IRI under this one: reads and exports keep to them."""

UPDATE_BATCH = 1000
"""Data triples in one update request; Virtuoso takes 1,000 and refuses 1,500."""

MIN_BATCH = 50
LOAD_BATCH = 50_000
"""Triples in one Graph Store Protocol request."""

VIRTUOSO_MAX_ROWS = 10_000
"""Virtuoso's ResultSetMaxRows as Debian ships it; kg learns the real one from X-SPARQL-MaxRows."""

_JSON = "application/sparql-results+json"
_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (the first keyword after prologue and comments)."""
    text = re.sub(r"#[^\n]*", "", sparql)
    text = re.sub(r"(?is)(PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)", "", text)
    match = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", text, re.IGNORECASE)
    return match.group(1).upper() if match else "SELECT"


def endpoints(url: str) -> tuple[str, str]:
    """(query URL, update URL) for a store URL: the servers' conventions, then KG_QUERY_URL/KG_UPDATE_URL."""
    query, update, _stores = _conventions(url)
    return os.environ.get("KG_QUERY_URL") or query, os.environ.get("KG_UPDATE_URL") or update


def graph_store_candidates(url: str) -> list[str]:
    """Where the server's Graph Store Protocol may be, in the order kg tries them."""
    override = os.environ.get("KG_GRAPH_STORE_URL")
    if override:
        return [] if override.strip().lower() == "none" else [override]
    return _conventions(url)[2]


def _conventions(url: str) -> tuple[str, str, list[str]]:
    base = url.rstrip("/")
    path = urllib.parse.urlsplit(base).path
    parent = base.rsplit("/", 1)[0]
    if path.endswith(("/query", "/update")):
        return parent + "/query", parent + "/update", [parent + "/store", parent + "/data"]
    if path.endswith("/sparql-auth"):
        return base, base, [parent + "/sparql-graph-crud-auth"]
    if path.endswith("/sparql"):
        return base, base, [parent + "/sparql-graph-crud"]
    if "/repositories/" in path:
        return base, base + "/statements", [base + "/rdf-graphs/service"]
    return base + "/query", base + "/update", [base + "/store", base + "/data"]


class RemoteBackend:
    """kg's backend interface (see kg.store.embedded) over SPARQL 1.1 Protocol, Update and Graph Store.

    >>> backend = RemoteBackend("http://kg:secret@127.0.0.1:8890/sparql-auth")
    >>> backend.url
    'http://127.0.0.1:8890/sparql-auth'
    """

    kind = "remote"

    def __init__(
        self,
        url: str,
        *,
        query_url: str | None = None,
        update_url: str | None = None,
        graph_store_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
        timeout: float = 120.0,
        retry_delays: tuple[float, ...] | None = None,
        batch: int = UPDATE_BATCH,
    ):
        query_url = query_url or os.environ.get("KG_QUERY_URL")
        update_url = update_url or os.environ.get("KG_UPDATE_URL")
        given = [u for u in (url, query_url, update_url, graph_store_url) if u]
        for candidate in given:
            parts = urllib.parse.urlsplit(candidate)
            if user is None and parts.username:
                user = urllib.parse.unquote(parts.username)
            if password is None and parts.password:
                password = urllib.parse.unquote(parts.password)
        if user is None:
            user = os.environ.get("KG_STORE_USER")
        if password is None:
            password = os.environ.get("KG_STORE_PASSWORD")
        self.url = redact(url)
        query, update, _stores = _conventions(self.url)
        self.query_url = redact(query_url or query)
        self.update_url = redact(update_url or update)
        stores = [graph_store_url] if graph_store_url else graph_store_candidates(self.url)
        self._graph_stores = [redact(u) for u in stores]
        self.load_mode: tuple[str, str | None] | None = None  # ("dataset"|"graph"|"update", URL), found on loading
        self.batch = batch
        self._cap: int | None = None  # the most rows the server answers, once it shows it cuts answers
        trusted = {origin(u) for u in [self.url, self.query_url, self.update_url, *self._graph_stores]}
        self._http = HttpClient(user, password, trusted, timeout=timeout, delays=retry_delays)

    @property
    def timeout(self) -> float:
        return self._http.timeout

    # ------------------------------------------------------------------ reading
    def query(self, sparql: str, union: bool = True):
        """SELECT and ASK as pyoxigraph results, CONSTRUCT and DESCRIBE as an iterator of triples."""
        import pyoxigraph

        form = query_form(sparql)
        if form in ("SELECT", "ASK"):
            body = self._select(sparql)
            return pyoxigraph.parse_query_results(body, format=pyoxigraph.QueryResultsFormat.JSON)
        response = self._ask(sparql, "application/n-triples", _read_triples)
        return iter(response.value)

    def quads(self):
        """Every quad of kg's own graphs (the server's other graphs left out)."""
        import pyoxigraph

        own = f'FILTER(STRSTARTS(STR(?g), "{KG_GRAPHS}"))'
        sizes = [(row["g"], int(row["n"].value)) for row in self.query(
            f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {own} }} GROUP BY ?g")]
        if self._cap is None:
            response = self._ask(f"SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {own} }}", _JSON, _read_results)
            if self._cap is None:
                for row in pyoxigraph.parse_query_results(_as_bytes(response.value), format=pyoxigraph.QueryResultsFormat.JSON):
                    yield pyoxigraph.Quad(row["s"], row["p"], row["o"], row["g"])
                return
        # A server that cuts answers (Virtuoso's ResultSetMaxRows): graph by graph, in pages.
        for graph, size in sizes:
            for triple in self._graph_triples(graph, size, self._cap):
                yield pyoxigraph.Quad(triple.subject, triple.predicate, triple.object, graph)

    def _graph_triples(self, graph, size: int, cap: int) -> list:
        """A graph's triples in CONSTRUCT pages of `cap` (fast on Virtuoso), checked against its size."""
        where = f"GRAPH {graph} {{ ?s ?p ?o }}"
        if size <= cap:
            pages = [f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}"]
        else:
            pages = [f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {{ SELECT ?s ?p ?o WHERE {{ {where} }} ORDER BY ?s ?p ?o }} }} "
                     f"LIMIT {cap} OFFSET {offset}" for offset in range(0, size, cap)]
        triples = [t for page in pages for t in self._ask(page, "application/n-triples", _read_triples).value]
        if len(set(triples)) == size:
            return triples
        # Cut at fewer rows than its header said, or changed meanwhile: SELECT pages, which say when they are cut.
        import pyoxigraph

        return [pyoxigraph.Triple(r["s"], r["p"], r["o"]) for r in self.query(f"SELECT ?s ?p ?o WHERE {{ {where} }}")]

    def dump(self, output, fmt) -> None:
        import pyoxigraph

        pyoxigraph.serialize(self.quads(), output, format=fmt)

    # ------------------------------------------------------------------ writing
    def update(self, sparql: str) -> None:
        """Send an update: one request, or several in order when it is larger than the server takes."""
        for request in split_update(sparql, self.batch):
            self._update(request, self.batch)

    def load(self, source, fmt, graph: str | None = None) -> None:
        """Add a file's quads: Graph Store Protocol POSTs where the server has it, else INSERT DATA."""
        import pyoxigraph

        if isinstance(source, (str, os.PathLike)):
            quads = pyoxigraph.parse(path=str(source), format=fmt)
        else:
            quads = pyoxigraph.parse(source, format=fmt)
        target = pyoxigraph.NamedNode(graph) if graph else None
        buffer, linked = [], []
        for quad in quads:
            if target is not None:
                quad = pyoxigraph.Quad(quad.subject, quad.predicate, quad.object, target)
            if any(isinstance(t, pyoxigraph.BlankNode) for t in (quad.subject, quad.object, quad.graph_name)):
                linked.append(quad)  # kept together through INSERT DATA, whatever their graph
                continue
            buffer.append(quad)
            if len(buffer) >= LOAD_BATCH:
                self._post(buffer)
                buffer = []
        self._post(buffer)
        for batch in batches(linked, self.batch):
            self._update(data_operation("INSERT", batch), self.batch)

    bulk_load = load

    def settings(self) -> dict:
        return {}

    def save_settings(self, **changes) -> None:
        pass

    def maybe_publish(self, every_seconds: float) -> None:
        pass

    def publish(self) -> None:
        pass

    def close(self) -> None:
        self._http.close()

    # ------------------------------------------------------------------ queries
    def _ask(self, sparql: str, accept: str, read) -> Response:
        response = self._http.request(
            "POST", self.query_url, urllib.parse.urlencode({"query": sparql}).encode("utf-8"),
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}, read=read,
        )
        if not 200 <= response.status < 300:
            raise self._failure(response, "query")
        cap = _cap(response)
        if cap is not None or "virtuoso" in (response.headers.get("Server") or "").lower():
            self._cap = cap or self._cap or VIRTUOSO_MAX_ROWS
        return response

    def _select(self, sparql: str) -> bytes:
        """SELECT/ASK results as JSON bytes pyoxigraph reads, paged when the server cuts them."""
        response = self._ask(sparql, _JSON, _read_results)
        cap = _cap(response)
        if cap is None:
            return _as_bytes(response.value)
        data = response.value if isinstance(response.value, dict) else json.loads(response.value)
        if len(data.get("results", {}).get("bindings", [])) < cap:
            return _as_bytes(data)
        prologue, body = split_prologue(sparql)
        order = " ".join(f"?{name}" for name in data["head"]["vars"])
        rows: list = []
        while True:
            # Virtuoso refuses to sort more than ResultSetMaxRows rows for a LIMIT; it slices a sorted subquery.
            paged = (f"{prologue}SELECT * WHERE {{ {{ SELECT * WHERE {{ {{\n{body}\n}} }} ORDER BY {order} }} }} "
                     f"LIMIT {cap} OFFSET {len(rows)}")
            try:
                page = self._ask(paged, _JSON, partial(_read_results, as_json=True)).value
            except QueryError as e:
                raise RemoteStoreError(
                    f"{self.query_url} returns at most {cap} rows a query (Virtuoso's ResultSetMaxRows) and this "
                    f"query cannot be paged ({e}); add LIMIT and OFFSET, or raise ResultSetMaxRows in virtuoso.ini"
                ) from None
            found = page["results"]["bindings"]
            rows.extend(found)
            if len(found) < cap:
                break
        data["results"]["bindings"] = rows
        return _as_bytes(data)

    # ------------------------------------------------------------------ updates
    def _update(self, text: str, limit: int) -> None:
        response = self._http.request(
            "POST", self.update_url, text.encode("utf-8"),
            {"Content-Type": "application/sparql-update", "Accept": "*/*"},
        )
        if 200 <= response.status < 300:
            return
        detail = response.detail()
        if not _too_large(response.status, detail):
            raise self._failure(response, "update")
        smaller = limit // 2
        while smaller >= MIN_BATCH and weight(text) <= smaller:
            smaller //= 2
        parts = split_update(text, smaller) if smaller >= MIN_BATCH else [text]
        if len(parts) < 2:
            raise RemoteStoreError(
                f"{self.update_url} refused an update as too large, and kg cannot cut it smaller "
                f"(HTTP {response.status}: {detail}); raise the server's limits"
            )
        self.batch = min(self.batch, smaller)
        for part in parts:
            self._update(part, smaller)

    def _post(self, quads: list) -> None:
        """Send a batch the way this server takes (found on the first batch: see _probe)."""
        if not quads:
            return
        if self.load_mode is None:
            self.load_mode = self._probe(quads)
            return
        kind, url = self.load_mode
        if kind == "dataset":
            self._gsp(url, None, quads)
        elif kind == "graph":
            for graph, group in _by_graph(quads):
                self._gsp(url, graph, group)
        else:
            for batch in batches(quads, self.batch):
                self._update(data_operation("INSERT", batch), self.batch)

    def _probe(self, quads: list) -> tuple[str, str | None]:
        """Post the first batch: N-Quads to Oxigraph's /store, else one graph's N-Triples to each
        candidate graph store, else INSERT DATA; a POST counts when a quad of it is then found
        (Virtuoso answers a POST it ignores, of N-Quads, with 200 and an HTML form)."""
        groups = _by_graph(quads)
        for url in self._graph_stores:
            if url.endswith("/store") and self._tried(url, None, quads):
                return "dataset", url
            graph, first = groups[0]
            if self._tried(url, graph, first):
                for graph, group in groups[1:]:
                    self._gsp(url, graph, group)
                return "graph", url
        for batch in batches(quads, self.batch):
            self._update(data_operation("INSERT", batch), self.batch)
        return "update", None

    def _tried(self, url: str, graph, quads: list) -> bool:
        response = self._gsp_request(url, graph, quads)
        if response.status == 401:
            raise self._failure(response, "load")
        if not 200 <= response.status < 300:
            return False
        import pyoxigraph

        quad = next((q for q in quads if isinstance(q.object, pyoxigraph.NamedNode)), quads[0])  # no literal typing doubts
        where = f"{quad.subject} {quad.predicate} {quad.object}"
        if isinstance(quad.graph_name, pyoxigraph.NamedNode):
            where = f"GRAPH {quad.graph_name} {{ {where} }}"
        return bool(self.query(f"ASK {{ {where} }}"))

    def _gsp(self, url: str, graph, quads: list) -> None:
        response = self._gsp_request(url, graph, quads)
        if 200 <= response.status < 300:
            return
        if response.status == 413 and len(quads) > UPDATE_BATCH:  # a proxy's body limit: halves
            half = len(quads) // 2
            self._gsp(url, graph, quads[:half])
            self._gsp(url, graph, quads[half:])
            return
        raise self._failure(response, "load")

    def _gsp_request(self, url: str, graph, quads: list) -> Response:
        """POST quads: as N-Quads to the dataset (graph None), or one graph's N-Triples (?graph=, ?default)."""
        import pyoxigraph

        if graph is None:
            body, kind, target = "".join(f"{q} .\n" for q in quads), "application/n-quads", url
        else:
            body = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)
            where = "default" if isinstance(graph, pyoxigraph.DefaultGraph) else urllib.parse.urlencode({"graph": graph.value})
            kind, target = "application/n-triples", f"{url}?{where}"
        return self._http.request("POST", target, body.encode("utf-8"), {"Content-Type": kind, "Accept": "*/*"})

    # ------------------------------------------------------------------ errors
    def _failure(self, response: Response, what: str) -> Exception:
        """The one-line error for an HTTP answer that is no success."""
        url, code, detail = redact(response.url), response.status, response.detail()
        if code == 401:
            if self._http.user is None:
                scheme = (response.headers.get("WWW-Authenticate") or "").split(" ", 1)[0] or "HTTP"
                return RemoteStoreError(
                    f"{url} asks for a user name and password ({scheme} authentication); give them in the URL "
                    "(http://user:password@host/…) or in KG_STORE_USER and KG_STORE_PASSWORD"
                )
            return RemoteStoreError(
                f"authentication failed for {url} (HTTP 401); check the credentials in the URL "
                "or in KG_STORE_USER/KG_STORE_PASSWORD"
            )
        if code == 403:
            return RemoteStoreError(f"{url} refused the {what} (HTTP 403: {detail}); this user may not do that: "
                                    "ask the server's administrator for the permission")
        if code == 404:
            return RemoteStoreError(f"no SPARQL endpoint at {url} (HTTP 404); point --store at the server's query "
                                    "endpoint (…/sparql, …/query, …/ds), or give --query-url and --update-url")
        if code == 405:
            return RemoteStoreError(f"{url} does not take SPARQL {what}s (HTTP 405); give --query-url or "
                                    "--update-url (KG_QUERY_URL, KG_UPDATE_URL) for the server's endpoints")
        if what == "update" and re.search(r"SR186|No permission", detail):
            return RemoteStoreError(
                f"{url} does not let this user write (HTTP {code}: {detail}); on Virtuoso grant the user SPARQL_UPDATE "
                "(isql: GRANT SPARQL_UPDATE TO \"SPARQL\";) or use /sparql-auth with a user that has it"
            )
        if code == 400 and what == "query":
            return QueryError(f"the endpoint rejected the query: {detail}")
        return RemoteStoreError(f"{url} answered HTTP {code} to a SPARQL {what}: {detail}")


# ---------------------------------------------------------------------- reading answers
def _by_graph(quads: list) -> list[tuple[object, list]]:
    groups: dict = {}
    for quad in quads:
        groups.setdefault(quad.graph_name, []).append(quad)
    return list(groups.items())


def _read_results(response: Response, as_json: bool = False):
    """A SELECT/ASK answer: JSON bytes pyoxigraph reads whole (raises Truncated otherwise), or a dict.

    A dict when the answer must be edited: Virtuoso's blank nodes (nodeID://b10000) are no
    valid identifiers, and a cut answer (X-SPARQL-MaxRows) is merged with its next pages.
    """
    import pyoxigraph

    body = response.body
    if as_json or b'"bnode"' in body or _BOOLEAN.encode() in body or _cap(response) is not None:
        try:
            data = json.loads(body)
            bindings = data["results"]["bindings"] if "boolean" not in data else []
            for row in bindings:
                for term in row.values():
                    _fix_term(term)
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise Truncated(f"unreadable JSON results: {_one_line(e)}") from None
        body = data
        if as_json:
            return data
        check = _as_bytes(data)
    else:
        check = body
    try:
        results = pyoxigraph.parse_query_results(check, format=pyoxigraph.QueryResultsFormat.JSON)
        if isinstance(results, pyoxigraph.QuerySolutions):
            for _row in results:
                pass
    except (SyntaxError, ValueError) as e:
        raise Truncated(f"unreadable JSON results: {_one_line(e)}") from None
    return body


def _read_triples(response: Response) -> list:
    import pyoxigraph

    try:
        triples = list(pyoxigraph.parse(response.body, format=pyoxigraph.RdfFormat.N_TRIPLES))
    except (SyntaxError, ValueError) as e:
        raise Truncated(f"unreadable N-Triples: {_one_line(e)}") from None
    if _BOOLEAN.encode() in response.body:
        triples = [pyoxigraph.Triple(t.subject, t.predicate, _canonical(t.object)) for t in triples]
    return triples


def _canonical(term):
    import pyoxigraph

    if isinstance(term, pyoxigraph.Literal) and term.datatype.value == _BOOLEAN and term.value in ("1", "0"):
        return pyoxigraph.Literal("true" if term.value == "1" else "false", datatype=term.datatype)
    return term


_VALID_BLANK = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?\Z")


def _fix_term(term: dict) -> None:
    """Make a result term one pyoxigraph reads and kg compares: Virtuoso writes booleans as 1/0."""
    kind = term.get("type")
    if kind in ("literal", "typed-literal") and term.get("datatype") == _BOOLEAN:
        term["value"] = {"1": "true", "0": "false"}.get(term["value"].strip(), term["value"])
    elif kind == "bnode":
        value = term["value"]
        if not _VALID_BLANK.match(value):
            tail = value[len("nodeID://"):] if value.startswith("nodeID://") else ""
            term["value"] = tail if _VALID_BLANK.match(tail) else "h" + hashlib.sha256(value.encode()).hexdigest()[:24]
    elif term.get("type") == "triple":
        for part in term["value"].values():
            _fix_term(part)


def _cap(response: Response) -> int | None:
    value = response.headers.get("X-SPARQL-MaxRows")
    return int(value) if value and value.strip().isdigit() and int(value) > 0 else None


def _as_bytes(value) -> bytes:
    return value if isinstance(value, bytes) else json.dumps(value).encode("utf-8")


def _too_large(status: int, detail: str) -> bool:
    """The server refused a request for its size (Virtuoso's SP031, a proxy's 413)."""
    return status == 413 or (status in (400, 500) and bool(re.search(r"SP031|too (large|long|big)|exceed", detail, re.I)))


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:200]


__all__ = ["KG_GRAPHS", "RemoteBackend", "endpoints", "graph_store_candidates", "query_form", "redact"]
