"""A store behind any SPARQL 1.1 endpoint: Oxigraph server, Apache Jena Fuseki, GraphDB, Virtuoso.

`--store` is the endpoint's URL. Query and update URLs follow the servers'
conventions:

    http://host:7878            Oxigraph server      → /query, /update
    http://host:3030/ds         Fuseki dataset       → /ds/query, /ds/update
    http://host:7200/repositories/r   GraphDB        → same URL, /statements
    http://host:8890/sparql     Virtuoso             → same URL for both
    http://host/…/query         any server           → …/query, …/update

`KG_UPDATE_URL` overrides the update URL. Credentials come from the URL
(`http://user:password@host/…`) or from KG_STORE_USER and KG_STORE_PASSWORD,
go out as HTTP basic authentication, and are never printed: every message
shows the URL without them.

Everything kg writes goes through SPARQL 1.1 Update, one request per article,
which servers apply as one transaction.
"""

from __future__ import annotations

import base64
import os
import re
import urllib.error
import urllib.parse
import urllib.request

from kg.errors import QueryError, RemoteStoreError

_FORM = re.compile(r"^\s*(?:(?:PREFIX|BASE)\s+[^\n]*\n\s*)*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (the first keyword after prologue and comments)."""
    text = re.sub(r"#[^\n]*", "", sparql)
    text = re.sub(r"(?is)(PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)", "", text)
    match = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", text, re.IGNORECASE)
    return match.group(1).upper() if match else "SELECT"


def endpoints(url: str) -> tuple[str, str]:
    """(query URL, update URL) for a store URL, following the servers' conventions."""
    override = os.environ.get("KG_UPDATE_URL")
    base = url.rstrip("/")
    path = urllib.parse.urlsplit(base).path
    if path.endswith("/query"):
        query, update = base, base[: -len("/query")] + "/update"
    elif path.endswith("/sparql"):
        query = update = base
    elif "/repositories/" in path:
        query, update = base, base + "/statements"
    else:
        query, update = base + "/query", base + "/update"
    return query, override or update


def redact(url: str) -> str:
    """The URL without user name and password."""
    parts = urllib.parse.urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


class RemoteBackend:
    kind = "remote"

    def __init__(self, url: str, timeout: float = 120.0):
        parts = urllib.parse.urlsplit(url)
        user = urllib.parse.unquote(parts.username) if parts.username else os.environ.get("KG_STORE_USER")
        password = urllib.parse.unquote(parts.password) if parts.password else os.environ.get("KG_STORE_PASSWORD")
        self.url = redact(url)
        self.query_url, self.update_url = endpoints(self.url)
        self.timeout = timeout
        self._auth = None
        if user is not None:
            token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
            self._auth = f"Basic {token}"

    # ------------------------------------------------------------------ protocol
    def query(self, sparql: str, union: bool = True):
        import pyoxigraph

        form = query_form(sparql)
        if form in ("SELECT", "ASK"):
            accept = "application/sparql-results+json"
        else:
            accept = "application/n-triples"
        body = self._post(self.query_url, urllib.parse.urlencode({"query": sparql}).encode(),
                          "application/x-www-form-urlencoded", accept, is_query=True)
        if form in ("SELECT", "ASK"):
            return pyoxigraph.parse_query_results(body, format=pyoxigraph.QueryResultsFormat.JSON)
        return pyoxigraph.parse(body, format=pyoxigraph.RdfFormat.N_TRIPLES)

    def update(self, sparql: str) -> None:
        self._post(self.update_url, sparql.encode("utf-8"), "application/sparql-update", "*/*", is_query=False)

    def load(self, source, fmt, graph: str | None = None) -> None:
        """Send a file's quads as SPARQL INSERT DATA requests of bounded size."""
        import pyoxigraph

        if isinstance(source, (str, os.PathLike)):
            quads = pyoxigraph.parse(path=str(source), format=fmt)
        else:
            quads = pyoxigraph.parse(source, format=fmt)
        batch: dict[str, list[str]] = {}
        size = 0
        for quad in quads:
            name = graph or (quad.graph_name.value if isinstance(quad.graph_name, pyoxigraph.NamedNode) else "")
            batch.setdefault(name, []).append(f"{quad.subject} {quad.predicate} {quad.object} .")
            size += 1
            if size >= 20000:
                self._insert(batch)
                batch, size = {}, 0
        if batch:
            self._insert(batch)

    bulk_load = load

    def _insert(self, batch: dict[str, list[str]]) -> None:
        parts = []
        for name, lines in batch.items():
            body = "\n".join(lines)
            parts.append(f"GRAPH <{name}> {{ {body} }}" if name else body)
        self.update("INSERT DATA { " + "\n".join(parts) + " }")

    def quads(self):
        import pyoxigraph

        results = self.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
        for row in results:
            yield pyoxigraph.Quad(row["s"], row["p"], row["o"], row["g"])

    def dump(self, output, fmt) -> None:
        import pyoxigraph

        pyoxigraph.serialize(self.quads(), output, format=fmt)

    def settings(self) -> dict:
        return {}

    def save_settings(self, **changes) -> None:
        pass

    def maybe_publish(self, every_seconds: float) -> None:
        pass

    def publish(self) -> None:
        pass

    def close(self) -> None:
        pass

    # ------------------------------------------------------------------ HTTP
    def _post(self, url: str, data: bytes, content_type: str, accept: str, is_query: bool) -> bytes:
        request = urllib.request.Request(url, data=data, method="POST")
        request.add_header("Content-Type", content_type)
        request.add_header("Accept", accept)
        request.add_header("User-Agent", "kg (migration-diplomacy knowledge graph)")
        if self._auth:
            request.add_header("Authorization", self._auth)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as e:
            detail = _first_line(e.read())
            if e.code in (401, 403):
                raise RemoteStoreError(
                    f"authentication failed for {url} (HTTP {e.code}); check the credentials in the URL "
                    "or in KG_STORE_USER/KG_STORE_PASSWORD"
                ) from None
            if e.code == 404:
                raise RemoteStoreError(
                    f"no SPARQL endpoint at {url} (HTTP 404); point --store at the server's query endpoint"
                ) from None
            if e.code == 400 and is_query:
                raise QueryError(f"the endpoint rejected the query: {detail}") from None
            raise RemoteStoreError(f"{url} answered HTTP {e.code}: {detail}") from None
        except urllib.error.URLError as e:
            raise RemoteStoreError(
                f"cannot reach SPARQL endpoint {url}: {getattr(e, 'reason', e)}; is the server running?"
            ) from None
        except TimeoutError:
            raise RemoteStoreError(f"{url} did not answer within {self.timeout:.0f} s") from None


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    return (text.splitlines() or ["(no details)"])[0][:300]
