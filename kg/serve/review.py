"""Review actions from the browser: confirm or reject a statement; merge, alias or
rename an entity. Each is one call to kg.corrections (so it is recorded with who
and when, and every later build applies it), on the store opened for writing for
that call alone.

Every action is a POST form checked by kg.serve.security (token, form value,
same origin) and answered with a redirect back to the page it came from, or, when
that page no longer exists (the relation lost its last statement, the entity was
merged away), to the page that now shows the result.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse

from kg.errors import KgError
from kg.serve import urls
from kg.serve.security import Refused, same_origin
from kg.vocab import RELATIONS_GRAPH

STATEMENT_ACTIONS = ("confirm", "reject")
ENTITY_ACTIONS = ("merge", "alias", "rename")
ANALYST_COOKIE = "kg_serve_analyst"


def _corrections():
    try:
        from kg import corrections
    except ImportError as e:
        raise Refused(f"this kg has no corrections module ({e}); review actions are unavailable", status=501) from e
    return corrections


def statuses(store, evidence) -> dict:
    """Statement id → its latest confirm/reject correction, for the evidence shown."""
    try:
        from kg import corrections
    except ImportError:
        return {}
    shown = {item.statement for item in evidence}
    found = {}
    for made in corrections.list_corrections(store):  # oldest first: the latest one stays
        if made.action in STATEMENT_ACTIONS and made.statement in shown:
            found[made.statement] = made
    return found


def merged_into(store, iri: str) -> str | None:
    """The entity `iri` was merged into (following merges of merges), or None."""
    try:
        from kg import corrections
    except ImportError:
        return None
    into = {c.entity: c.into for c in corrections.list_corrections(store) if c.action == "merge"}
    seen, current = set(), iri
    while current in into and current not in seen:
        seen.add(current)
        current = into[current]
    return None if current == iri else current


def analyst(request) -> str | None:
    return request.cookies.get(ANALYST_COOKIE) or None


async def unlock(request):
    from kg.serve.pages import render

    guard = request.app.state.kg.guard
    if request.method == "GET":
        token = request.query_params.get("token")
        if token is None:
            return render(request, "unlock.html", message=None, analyst=analyst(request) or "")
        form = {"token": token, "by": ""}  # the address kg serve printed: same check as the form
    else:
        same_origin(request)
        form = await request.form()
    if guard.read_only:
        raise Refused("this server is read-only (kg serve --read-only): it makes no changes")
    if not guard.check_token(str(form.get("token", ""))):
        return render(request, "unlock.html", status=403, message="that is not the token kg serve printed",
                      analyst=str(form.get("by", "")))
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(guard.cookie, guard.token, httponly=True, samesite="strict", path="/")
    if str(form.get("by", "")).strip():
        response.set_cookie(ANALYST_COOKIE, str(form["by"]).strip()[:100], httponly=True, samesite="strict", path="/")
    return response


async def statement(request):
    form = await request.form()
    request.app.state.kg.guard.check_change(request, form)
    action = str(form.get("action", ""))
    if action not in STATEMENT_ACTIONS:
        raise Refused(f"unknown review action {action!r}; use one of {', '.join(STATEMENT_ACTIONS)}", status=400)
    corrections = _corrections()
    statement_id, by = str(form.get("statement", "")), analyst(request)
    note = str(form.get("note", "")).strip() or None
    # a relation's IRI names its first statement: rejecting that one gives the relation a new IRI,
    # found again after the change through the statements that still support it
    kept = await run_in_threadpool(_other_supports, request, str(form.get("next", "")), statement_id)
    await _change(request, lambda store: getattr(corrections, action)(store, statement_id, by=by, note=note))
    return await _back(request, form, kept)


async def entity(request):
    form = await request.form()
    request.app.state.kg.guard.check_change(request, form)
    action = str(form.get("action", ""))
    if action not in ENTITY_ACTIONS:
        raise Refused(f"unknown review action {action!r}; use one of {', '.join(ENTITY_ACTIONS)}", status=400)
    corrections = _corrections()
    iri, by = str(form.get("entity", "")), analyst(request)
    if action == "merge":
        into = str(form.get("into", "")).strip()
        if not into:
            raise Refused("merge needs the entity that stays", status=400)
        made = await _change(request, lambda store: corrections.merge(store, iri, into, by=by))
        return RedirectResponse(urls.entity_url(made.into), status_code=303)
    name = str(form.get("name", "")).strip()
    if not name:
        raise Refused(f"{action} needs a name", status=400)
    await _change(request, lambda store: getattr(corrections, action)(store, iri, name, by=by))
    return await _back(request, form)


async def _change(request, work):
    snapshots = request.app.state.kg.snapshots

    def run():
        with snapshots.writing() as store:
            return work(store)

    try:
        return await run_in_threadpool(run)
    except KgError as e:
        if isinstance(e, Refused):
            raise
        raise Refused(str(e), status=409 if type(e).__name__ == "StoreLocked" else 400) from e


def _relation_key(path: str) -> str | None:
    return path[len("/relation/"):].split("?")[0] if path.startswith("/relation/") else None


def _other_supports(request, path: str, statement_id: str) -> list[str]:
    key = _relation_key(path)
    if key is None:
        return []
    store = request.app.state.kg.snapshots.current()
    rows = store.select(f"SELECT ?s WHERE {{ GRAPH <{RELATIONS_GRAPH}> {{ <{urls.relation_iri(key)}> kg:supportedBy ?s }} }}")
    return [row["s"] for row in rows if not row["s"].endswith("/" + statement_id)]


def _relation_of(store, statements: list[str]) -> str | None:
    if not statements:
        return None
    values = " ".join(f"<{s}>" for s in statements[:200])
    rows = store.select(f"SELECT ?r WHERE {{ GRAPH <{RELATIONS_GRAPH}> {{ VALUES ?s {{ {values} }} ?r kg:supportedBy ?s }} }} LIMIT 1")
    return rows[0]["r"] if rows else None


async def _back(request, form, statements: list[str] = ()):
    """To `next` if it still shows something (a relation under its new IRI, if it has one), else to
    `fallback`: both local paths only."""
    from kg.serve import evidence

    def local(path: str) -> str | None:
        return path if path.startswith("/") and not path.startswith("//") and "\\" not in path else None

    target = local(str(form.get("next", ""))) or "/"
    fallback = local(str(form.get("fallback", ""))) or "/"
    key = _relation_key(target)
    if key is not None:
        store = request.app.state.kg.snapshots.current()
        if await run_in_threadpool(evidence.relation, store, urls.relation_iri(key)) is None:
            moved = await run_in_threadpool(_relation_of, store, list(statements))
            target = urls.relation_url(moved) if moved else fallback
    return RedirectResponse(target, status_code=303)
