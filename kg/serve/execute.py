"""Running an analyst's SPARQL on the server: read-only, bounded in time, rows and load.

The guard is kg's own (`kg.query.sparql.prepare`): updates and SERVICE are refused
before anything runs. A query then runs in a worker thread (Oxigraph releases the
GIL while it evaluates) and the request gives up after `timeout` seconds. A query
cannot be stopped once it runs, so a slot is held until it really ends: with every
slot taken by runaway queries, new ones are turned away (`Busy`) instead of piling
up. Results are cut at `max_rows` rows (or triples), and `truncated` says so.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from itertools import islice

from kg.errors import KgError, QueryError


class Busy(KgError):
    """Every query slot is held by a query still running."""


@dataclass
class Result:
    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)  # pyoxigraph terms (None when unbound)
    boolean: bool | None = None
    triples: list = field(default_factory=list)
    truncated: bool = False

    @property
    def size(self) -> int:
        return len(self.triples) if self.kind == "graph" else len(self.rows)


class Executor:
    """Runs queries on a store with the server's limits."""

    def __init__(self, timeout: float = 30.0, max_rows: int = 10_000, slots: int = 2):
        self.timeout = timeout
        self.max_rows = max_rows
        self._slots = threading.BoundedSemaphore(slots)

    def run(self, store, text: str) -> Result:
        guard(text)
        if not self._slots.acquire(timeout=min(5.0, self.timeout)):
            raise Busy("every query slot is taken by a query still running; try again in a moment")
        box: dict = {}

        def work() -> None:
            try:
                box["result"] = _collect(store.query(text), self.max_rows)
            except BaseException as e:  # handed to the request's thread below
                box["error"] = e
            finally:
                self._slots.release()

        worker = threading.Thread(target=work, daemon=True, name="kg-serve-query")
        worker.start()
        worker.join(self.timeout)
        if worker.is_alive():
            raise QueryError(f"the query was stopped after {self.timeout:g} s (the server's --timeout); "
                             "narrow it with filters or LIMIT")
        error = box.get("error")
        if isinstance(error, SyntaxError):
            raise QueryError(_syntax_message(error, text)) from None
        if error is not None:
            raise error
        return box["result"]


def guard(text: str) -> None:
    """kg's query guard (kg.query.sparql.prepare), its refusals worded for a server: its users
    have no --allow-service to pass, the endpoint reads its own store only."""
    from kg.query.sparql import prepare

    try:
        prepare(text, allow_service=False)
    except QueryError as e:
        message = str(e)
        if message.startswith("SPARQL syntax error"):
            raise
        if "--allow-service" in message:
            message = re.sub(r"[;,]?\s*(or )?pass --allow-service( to allow (them|it))?", "", message)
            message += "; this endpoint answers from its own store only"
        raise QueryError(f"refused: {message}") from None


def _collect(results, max_rows: int) -> Result:
    import pyoxigraph

    if isinstance(results, pyoxigraph.QueryBoolean):
        return Result("ask", boolean=bool(results))
    if isinstance(results, pyoxigraph.QuerySolutions):
        variables = [v.value for v in results.variables]
        rows = [[solution[name] for name in variables] for solution in islice(results, max_rows + 1)]
        return Result("select", variables=variables, rows=rows[:max_rows], truncated=len(rows) > max_rows)
    triples = list(islice(results, max_rows + 1))
    return Result("graph", triples=triples[:max_rows], truncated=len(triples) > max_rows)


def _syntax_message(error: SyntaxError, text: str) -> str:
    """Oxigraph counts lines from kg's predeclared prefixes; count them in the user's text."""
    from kg.store import with_prefixes

    added = with_prefixes(text).count("\n") - text.count("\n")
    message = str(error).split("\n")[0]
    match = re.match(r"error at (\d+):(\d+): (.*)", message)
    if not match:
        return f"SPARQL syntax error: {message}"
    return f"SPARQL syntax error at line {max(1, int(match.group(1)) - added)}, column {match.group(2)}: {match.group(3)[:160]}"
