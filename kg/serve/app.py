"""The web application: routes, templates, limits and safety, put together.

`create_app(location, ...)` builds a Starlette application on a kg store; `kg serve`
runs it with uvicorn. Pages are rendered on the server from Jinja2 templates
(autoescaped: an article's `<script>` is shown as text); the few scripts and the
stylesheet are files under kg/serve/static, with no build step and nothing
fetched from outside.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from kg.serve import endpoint, pages, review, urls
from kg.serve.execute import Executor
from kg.serve.security import Guard, SecurityHeaders, allowed_hosts
from kg.serve.stores import Memo, Snapshots

HERE = Path(__file__).resolve().parent


@dataclass
class ServerState:
    snapshots: Snapshots
    guard: Guard
    executor: Executor
    templates: Jinja2Templates
    memo: Memo


def create_app(location: str, *, token: str | None, host: str = "127.0.0.1", timeout: float = 30.0,
               max_rows: int = 10_000, warm: bool = False) -> Starlette:
    """The application on the store at `location`; `token=None` makes it read-only; `warm`
    draws the default network in the background at once."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    environment.globals.update(
        entity_url=urls.entity_url, relation_url=urls.relation_url, article_url=urls.article_url,
        timeline_url=urls.timeline_url, query_url=urls.query_url, span=pages.span, short=pages.short,
    )
    templates = Jinja2Templates(env=environment)
    guard = Guard(token)
    snapshots = Snapshots(location)
    state = ServerState(snapshots, guard, Executor(timeout, max_rows), templates, Memo(snapshots))
    environment.globals.update(read_only=guard.read_only, form_value=guard.form_value)
    routes = [
        Route("/", pages.home),
        Route("/search", pages.search),
        Route("/entity", pages.entity),
        Route("/entity/{path:path}", pages.entity),
        Route("/relation/{key}", pages.relation),
        Route("/article/{article_id:path}", pages.article),
        Route("/timeline", pages.timeline),
        Route("/network", pages.network),
        Route("/query", pages.query),
        Route("/sparql", endpoint.sparql, methods=["GET", "POST"]),
        Route("/unlock", review.unlock, methods=["GET", "POST"]),
        Route("/review/statement", review.statement, methods=["POST"]),
        Route("/review/entity", review.entity, methods=["POST"]),
        Route("/static/viz/{name}", pages.viz_file),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    middleware = [Middleware(SecurityHeaders), Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(host))]
    app = Starlette(routes=routes, middleware=middleware, exception_handlers=pages.EXCEPTION_HANDLERS)
    app.state.kg = state
    if warm:
        pages.warm(state.memo)
    return app
