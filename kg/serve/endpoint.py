"""`/sparql`: the SPARQL 1.1 Protocol, read-only, so that SPARQL clients can query the store.

Queries come as GET ?query=, as a POST form field `query`, or as a POST body of
type application/sparql-query. Updates (a form field `update`, a body of type
application/sparql-update, or update text given as a query) are refused with 400,
as is SERVICE; the server's timeout and row cap apply (kg.serve.execute). The
result format follows the Accept header (JSON, XML, CSV, TSV for SELECT and ASK;
Turtle, N-Triples, RDF/XML, JSON-LD for CONSTRUCT and DESCRIBE), or `format=`
for a download link. A cut result says so in the header X-KG-Truncated.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from kg.errors import EntityNotFound, KgError, QueryError, RemoteStoreError
from kg.serve.execute import Busy
from kg.serve.results import ALIASES, EXTENSIONS, formats_for, serialize

MAX_BODY = 1_000_000  # bytes of query text a request may send


class ProtocolError(KgError):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


async def sparql(request) -> Response:
    try:
        text = await _query_text(request)
    except ProtocolError as e:
        return PlainTextResponse(str(e) + "\n", status_code=e.status)
    if text is None:
        if "text/html" in request.headers.get("accept", ""):
            return RedirectResponse("/query", status_code=303)  # a person opened the endpoint: the editor
        return PlainTextResponse("give a SPARQL query: GET /sparql?query=..., or POST it (form field `query`, "
                                 "or a body of type application/sparql-query)\n", status_code=400)
    state = request.app.state.kg
    try:
        result = await run_in_threadpool(state.executor.run, state.snapshots.current(), text)
    except (QueryError, EntityNotFound) as e:
        return PlainTextResponse(f"{e}\n", status_code=400)
    except Busy as e:
        return PlainTextResponse(f"{e}\n", status_code=503, headers={"retry-after": "5"})
    except RemoteStoreError as e:
        return PlainTextResponse(f"{e}\n", status_code=502)
    name = request.query_params.get("format") or negotiate(request.headers.get("accept", ""), result.kind)
    choices = formats_for(result.kind)
    if name not in choices:
        offered = ", ".join(media for media, _ in choices.values())
        return PlainTextResponse(f"cannot answer this query in the format asked for; offered: {offered}\n",
                                 status_code=406)
    body, media_type = serialize(result, name)
    headers = {"vary": "accept"}
    if result.truncated:
        headers["x-kg-truncated"] = f"cut at {state.executor.max_rows} rows (kg serve --max-rows)"
    if request.query_params.get("download"):
        headers["content-disposition"] = f'attachment; filename="results.{EXTENSIONS[name]}"'
    return Response(body, media_type=media_type, headers=headers)


async def _query_text(request) -> str | None:
    """The query of a protocol request; None when there is none; ProtocolError when it is not a query."""
    if request.method == "GET":
        params = request.query_params
        if "update" in params:
            raise ProtocolError("this endpoint is read-only: it runs no SPARQL update")
        _refuse_dataset(params.getlist("default-graph-uri") + params.getlist("named-graph-uri"))
        return params.get("query") or None
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await _body(request)
    if kind == "application/sparql-update":
        raise ProtocolError("this endpoint is read-only: it runs no SPARQL update")
    if kind == "application/sparql-query":
        _refuse_dataset(request.query_params.getlist("default-graph-uri") + request.query_params.getlist("named-graph-uri"))
        return body.decode("utf-8", errors="replace") or None
    if kind == "application/x-www-form-urlencoded":
        form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
        if "update" in form:
            raise ProtocolError("this endpoint is read-only: it runs no SPARQL update")
        _refuse_dataset(form.get("default-graph-uri", []) + form.get("named-graph-uri", []))
        return (form.get("query") or [""])[0] or None
    raise ProtocolError("POST a query as application/sparql-query or as a form (application/x-www-form-urlencoded)",
                        status=415)


async def _body(request) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise ProtocolError(f"the request is larger than {MAX_BODY:,} bytes", status=413)
        chunks.append(chunk)
    return b"".join(chunks)


def _refuse_dataset(graphs: list[str]) -> None:
    # the default graph here is the union of every graph; a protocol-level dataset is not supported
    if any(g.strip() for g in graphs):
        raise ProtocolError("default-graph-uri and named-graph-uri are not supported: the default graph is the union "
                            "of all graphs; name graphs in the query with GRAPH or FROM")


def negotiate(accept: str, kind: str) -> str | None:
    """The format name the Accept header prefers for this kind of result (the first offered for */*)."""
    choices = formats_for(kind)
    by_media = {media: name for name, (media, _) in choices.items()}
    by_media.update({media: name for media, name in ALIASES.items() if name in choices})
    default = next(iter(choices))
    if not accept.strip():
        return default
    ranked = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, position, media))
    for _, _, media in sorted(ranked):
        if media in by_media:
            return by_media[media]
        if media == "*/*":
            return default
        if media.endswith("/*"):
            major = media[:-1]
            for candidate, name in by_media.items():
                if candidate.startswith(major):
                    return name
    return None
