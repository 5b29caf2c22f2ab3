"""The pages: search, an actor and its relations, a relation's evidence, an article,
a timeline, the network, and the SPARQL editor.

Each handler reads the current snapshot (kg.serve.stores), calls kg's query
functions (kg.query.lookup, timeline, kg.viz) or this package's readers, and
renders one template. Handlers are plain functions: Starlette runs them in its
thread pool, so a slow page never holds up the others.
"""

from __future__ import annotations

import json
import types
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse

from kg.errors import EntityNotFound, ExportError, KgError, QueryError, StoreError, StoreLocked
from kg.query.export import Filters
from kg.query.lookup import labels_of
from kg.query.lookup import relations as find_relations
from kg.query.lookup import resolve
from kg.serve import evidence as readers
from kg.serve import urls
from kg.serve.entities import describe
from kg.serve.entities import search as find_entities
from kg.serve.execute import Busy
from kg.serve.results import formats_for
from kg.serve.security import CSP, Refused
from kg.vocab import ID, PLOVER_TYPES, PREFIXES

PAGE_SIZE = 200  # relations on an actor's page, entries on a timeline's (each with its evidence sentence)
EVIDENCE_SHOWN = 100  # statements on a relation's page, unless all are asked for
NETWORK_NODES = 150
TABLE_ROWS = 1000  # rows the editor shows; downloads get up to the server's row cap
VIZ = Path(__file__).resolve().parent.parent / "viz"
EXAMPLE_QUERY = """# What did each actor refuse, and whom? (kg's prefixes are declared for you)
SELECT ?actor ?actorLabel ?target ?targetLabel WHERE {
  ?actor plover:reject ?target .
  ?actor rdfs:label ?actorLabel . ?target rdfs:label ?targetLabel .
}
ORDER BY ?actorLabel
LIMIT 100"""


# ---------------------------------------------------------------------- helpers
def state(request):
    return request.app.state.kg


def render(request, name: str, status: int = 200, headers: dict | None = None, **context) -> HTMLResponse:
    guard = state(request).guard
    context.setdefault("q", request.query_params.get("q", ""))
    return state(request).templates.TemplateResponse(
        request, name, {"unlocked": guard.unlocked(request), **context}, status_code=status, headers=headers,
    )


def span(first: str | None, last: str | None) -> str:
    if not first:
        return "undated"
    return first if not last or last == first else f"{first} – {last}"


def short(iri: str | None) -> str:
    if not iri:
        return ""
    for name, uri in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if iri.startswith(uri):
            return f"{name}:{iri[len(uri):]}"
    return iri


def _types(request) -> tuple[str, ...]:
    wanted = tuple(t.upper() for t in request.query_params.getlist("type") if t)
    unknown = [t for t in wanted if t not in PLOVER_TYPES]
    if unknown:
        raise QueryError(f"unknown event type {unknown[0]!r}; use one of {', '.join(PLOVER_TYPES)}")
    return wanted


def _date(request, name: str) -> str | None:
    value = request.query_params.get(name, "").strip()
    if value and not all(part.isdigit() for part in value.split("-")):
        raise QueryError(f"{name}={value!r} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD")
    return value or None


def _int(request, name: str, default: int, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(request.query_params.get(name, default))))
    except ValueError:
        return default


def cached(request, key: tuple, compute, keep: bool = False):
    """A value computed once per published snapshot (kg.serve.stores.Memo); `keep`: on disk too."""
    return state(request).memo.get(key, compute, keep)


def warm(memo) -> None:
    """What the first visitor would otherwise wait for (the default network takes seconds at
    100k statements): computed in the background when the server starts."""
    import threading

    def work() -> None:
        from kg.viz import layout

        try:
            memo.get(("counts",), lambda store: store.counts())
            memo.get(("busiest",), _busiest)
            memo.get(("network", Filters(), NETWORK_NODES), lambda store: layout(store, Filters(), NETWORK_NODES), keep=True)
        except KgError:
            pass  # an empty store draws nothing: the page says so when asked

    threading.Thread(target=work, daemon=True, name="kg-serve-warm").start()


# ---------------------------------------------------------------------- pages
def home(request):
    counts = cached(request, ("counts",), lambda store: store.counts())
    busiest = cached(request, ("busiest",), _busiest)
    return render(request, "home.html", counts=counts, busiest=busiest)


def _busiest(store, limit: int = 15) -> list[dict]:
    """The actors in most relations (as actor or target): where an analyst usually starts."""
    from kg.vocab import RELATIONS_GRAPH

    rows = store.select(
        f"""SELECT ?e (COUNT(?r) AS ?n) WHERE {{ GRAPH <{RELATIONS_GRAPH}> {{ {{ ?r kg:actor ?e }} UNION {{ ?r kg:target ?e }} }} }}
            GROUP BY ?e ORDER BY DESC(?n) LIMIT {limit * 2}"""
    )
    labels = labels_of(store, {r["e"] for r in rows})
    return [{"iri": r["e"], "label": labels[r["e"]], "relations": r["n"]} for r in rows if r["e"] in labels][:limit]


def search(request):
    text = request.query_params.get("q", "").strip()
    found = find_entities(state(request).snapshots.current(), text) if text else None
    return render(request, "search.html", found=found)


def entity(request):
    path = request.path_params.get("path")
    iri = urls.entity_iri(path) if path else request.query_params.get("iri", "")
    if not iri:
        return RedirectResponse("/search", status_code=303)
    store = state(request).snapshots.current()
    from kg.serve.review import merged_into

    kept = merged_into(store, iri)
    if kept is not None:  # merged away: its relations, names and aliases are the kept entity's now
        return RedirectResponse(urls.entity_url(kept), status_code=302)
    described = describe(store, iri)
    types, since, until = _types(request), _date(request, "since"), _date(request, "until")
    direction = request.query_params.get("direction", "both")
    if direction not in ("both", "out", "in"):
        direction = "both"
    page = _int(request, "page", 0, 0, 10_000)
    rows = find_relations(store, described.ref, types=types, since=since, until=until, direction=direction,
                          limit=(page + 1) * PAGE_SIZE)
    filters = {"type": list(types), "since": since, "until": until, "direction": direction if direction != "both" else None}
    return render(request, "entity.html", entity=described, rows=rows[page * PAGE_SIZE:], total=rows.total, page=page,
                  page_size=PAGE_SIZE, filters=filters, types=PLOVER_TYPES, here=urls.entity_url(described.ref.iri))


def relation(request):
    iri = urls.relation_iri(request.path_params["key"])
    store = state(request).snapshots.current()
    found = readers.relation(store, iri)
    if found is None:
        raise HTTPException(404, f"no relation {short(iri)} in this store (it may have changed since the link was made)")
    everything = request.query_params.get("all") == "1"
    items, total = readers.relation_evidence(store, iri, limit=None if everything else EVIDENCE_SHOWN)
    from kg.serve.review import statuses

    return render(request, "relation.html", relation=found, evidence=items, total=total, statuses=statuses(store, items),
                  labels={**found.labels, **readers.participant_labels(store, items)})


def article(request):
    article_id = request.path_params["article_id"]
    store = state(request).snapshots.current()
    described, items = readers.article(store, article_id)
    if described is None:
        raise HTTPException(404, f"no article {article_id!r} in this store")
    from kg.serve.review import statuses

    rejected = readers.rejected_in_article(store, article_id)
    marks = statuses(store, items) | statuses(store, [types.SimpleNamespace(statement=s) for s, _ in rejected])
    return render(request, "article.html", article_id=article_id, article=described, evidence=items,
                  rejected=rejected, statuses=marks, labels=readers.participant_labels(store, items))


def timeline(request):
    from kg.query.timeline import attach_evidence, timeline as run_timeline

    a_name, b_name = request.query_params.get("a", "").strip(), request.query_params.get("b", "").strip()
    types, since, until = _types(request), _date(request, "since"), _date(request, "until")
    exact = request.query_params.get("exact") == "1"
    page = _int(request, "page", 0, 0, 100_000)
    entries, a, b = [], None, None
    if a_name:
        store = state(request).snapshots.current()
        a = resolve(store, a_name)
        b = resolve(store, b_name) if b_name else None
        # the whole timeline without its sentences (a busy pair has thousands), then the
        # sentences of the page shown, kept on the cached entries
        entries = cached(request, ("timeline", a, b, types, since, until, exact),
                         lambda store: run_timeline(store, a, b, types=types, since=since, until=until, exact=exact,
                                                    evidence=False))
    shown = entries[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
    if shown:
        attach_evidence(store, shown)
    filters = {"type": list(types), "since": since, "until": until, "exact": "1" if exact else None}
    return render(request, "timeline.html", a=a, b=b, a_name=a_name, b_name=b_name, total=len(entries),
                  entries=shown, page=page, page_size=PAGE_SIZE, filters=filters,
                  here=urls.query_url("/timeline", a=a_name, b=b_name), types=PLOVER_TYPES)


def network(request):
    from kg.viz import layout

    types, since, until = _types(request), _date(request, "since"), _date(request, "until")
    countries = tuple(c.strip().upper() for c in request.query_params.get("country", "").split(",") if c.strip())
    max_nodes = _int(request, "max", NETWORK_NODES, 2, 1000)
    filters = Filters(types, since, until, countries)
    try:
        data = cached(request, ("network", filters, max_nodes), lambda store: layout(store, filters, max_nodes), keep=True)
    except ExportError as e:
        data, problem = None, str(e)
    else:
        problem = None
    payload = links = ""
    if data is not None:
        payload = _script_json(data)
        links = _script_json({n["id"]: urls.entity_url(n["id"]) for n in data["nodes"]})
    # kg/viz's script colours its legend with style attributes: this page alone allows those
    headers = {"content-security-policy": CSP.replace("style-src 'self'", "style-src 'self'; style-src-attr 'unsafe-inline'")}
    return render(request, "network.html", headers=headers, data=data, payload=payload, links=links, problem=problem,
                  viz_body=_viz_body(), types=PLOVER_TYPES,
                  filters={"type": list(types), "since": since, "until": until, "country": ",".join(countries),
                           "max": max_nodes})


def _script_json(value) -> str:
    """JSON to place inside a <script type="application/json"> element: no "<", ">" or "&" left to end it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _viz_body() -> str:
    """The markup kg/viz's script draws into (its page's body before the data), so the two never drift apart."""
    import html

    template = (VIZ / "template.html").read_text(encoding="utf-8")
    start, end = template.find("<body>"), template.find('<script id="kg-data"')
    if start < 0 or end < 0:
        raise KgError("kg/viz/template.html has changed shape: the network page cannot find where its data goes")
    return template[start + len("<body>"):end].replace("{{title}}", html.escape("kg network"))


def viz_file(request):
    # only the two files the network page needs, not the rest of kg/viz
    name = request.path_params["name"]
    if name not in ("network.js", "network.css"):
        raise HTTPException(404, "no such file")
    return FileResponse(VIZ / name)


def query(request):
    text = request.query_params.get("query")
    result = error = None
    if text:
        try:
            result = state(request).executor.run(state(request).snapshots.current(), text)
        except (QueryError, Busy) as e:
            error = str(e)
    rows = [[_cell(term) for term in row] for row in result.rows[:TABLE_ROWS]] if result and result.kind == "select" else []
    triples = [[_cell(t.subject), _cell(t.predicate), _cell(t.object)] for t in result.triples[:TABLE_ROWS]] \
        if result and result.kind == "graph" else []
    downloads = []
    if result is not None:
        downloads = [(name, media, urls.query_url("/sparql", query=text, format=name, download="1"))
                     for name, (media, _) in formats_for(result.kind).items()]
    return render(request, "query.html", text=text or EXAMPLE_QUERY, result=result, error=error, rows=rows,
                  triples=triples, downloads=downloads, prefixes=PREFIXES, shown=TABLE_ROWS,
                  max_rows=state(request).executor.max_rows, status=400 if error else 200)


def _cell(term) -> tuple[str, str | None]:
    """(text, link) for a result cell: kg's own IRIs link to their page."""
    if term is None:
        return "", None
    from kg.query.sparql import short as short_term

    text = short_term(term)
    if type(term).__name__ != "NamedNode" or not term.value.startswith(ID):
        return text, None
    rest = term.value[len(ID):]
    kind = rest.split("/", 1)[0]
    if kind == "relation":
        return text, urls.relation_url(term.value)
    if kind == "article":
        from urllib.parse import unquote

        return text, urls.article_url(unquote(rest.split("/", 1)[1]))
    if kind in ("statement", "sentence", "graph", "extractor", "correction", "analyst"):
        return text, None
    return text, urls.entity_url(term.value)


# ---------------------------------------------------------------------- errors
def _error(request, status: int, message: str, suggestions=()):
    return render(request, "error.html", status=status, message=message, suggestions=list(suggestions), code=status)


EXCEPTION_HANDLERS = {
    EntityNotFound: lambda request, e: _error(request, 404, str(e), e.suggestions),
    QueryError: lambda request, e: _error(request, 400, str(e)),
    Refused: lambda request, e: _error(request, e.status, str(e)),
    StoreLocked: lambda request, e: _error(request, 409, str(e)),
    StoreError: lambda request, e: _error(request, 503, str(e)),
    KgError: lambda request, e: _error(request, 500, str(e)),
    HTTPException: lambda request, e: _error(request, e.status_code, e.detail),
}
