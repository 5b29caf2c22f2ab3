"""SPARQL for analysts: prefixes predeclared, read-only by default, bounded in time.

Every text passes kg.query.guard before Oxigraph sees it: the guard reads it as
tokens and refuses updates in `kg query`, queries in `kg update`, SERVICE, LOAD and
graphs of other places (unless allow_service), and nesting deep enough to crash
the engine.

Results come out in the formats other tools read: a table for the terminal;
the W3C SPARQL results formats (JSON, XML, CSV, TSV) for SELECT and ASK; Turtle,
N-Triples or JSON-LD for CONSTRUCT and DESCRIBE. Formats are looked up in one
table each, so adding one is a line.
"""

from __future__ import annotations

import math
import re
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from kg.errors import QueryError
from kg.query import guard
from kg.vocab import PREFIXES

SELECT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld")


@dataclass(frozen=True)
class Output:
    data: bytes
    rows: int | None  # rows for SELECT, None for others


def prepare(text: str, *, allow_service: bool) -> str:
    """Refuse what a read-only query must not do, with a message saying how to do it instead."""
    guard.check_query(text, allow_service=allow_service)
    return text


def time_limit(seconds: float | None) -> float | None:
    """A --timeout as `run` takes it: None (and inf) is no limit; nan, 0 and negatives are refused.

    Limits past what a thread can wait for (threading.TIMEOUT_MAX, some 292 years)
    mean no limit too, rather than an OverflowError from the wait.

    >>> time_limit(float("inf")) is None, time_limit(2.5)
    (True, 2.5)
    """
    if seconds is None or seconds >= threading.TIMEOUT_MAX:
        return None
    if math.isnan(seconds) or seconds <= 0:
        raise QueryError(f"{seconds:g} is not a time limit: give a positive number of seconds, or inf for no limit")
    return seconds


def run(store, text: str, fmt: str | None = None, *, timeout: float | None = None, allow_service: bool = False) -> Output:
    """Execute a query and serialize its result in `fmt` (table, csv, ..., turtle, ...)."""
    from kg.store import with_prefixes

    timeout = time_limit(timeout)
    prepare(text, allow_service=allow_service)
    added = with_prefixes(text).count("\n") - text.count("\n")
    return _bounded(lambda: _execute(store, text, fmt), timeout, added)


def update(store, text: str, *, allow_service: bool = False) -> None:
    """Execute a SPARQL update (with kg's prefixes)."""
    guard.check_update(text, allow_service=allow_service)
    from kg.store import with_prefixes

    added = with_prefixes(text).count("\n") - text.count("\n")
    try:
        store.update(text)
    except SyntaxError as e:
        raise QueryError(_syntax_message(e, added)) from None


def _execute(store, text: str, fmt: str | None) -> Output:
    import pyoxigraph

    results = store.query(text)
    if isinstance(results, pyoxigraph.QuerySolutions):
        fmt = fmt or "table"
        if fmt not in SELECT_FORMATS:
            raise QueryError(f"{fmt!r} is not a format for SELECT results; use one of {', '.join(SELECT_FORMATS)}")
        if fmt == "table":
            return _table(results)
        rows = None
        data = results.serialize(format=_RESULT_FORMATS[fmt]())
        return Output(data, rows)
    if isinstance(results, pyoxigraph.QueryBoolean):
        fmt = fmt or "table"
        if fmt == "table":
            return Output(b"true\n" if bool(results) else b"false\n", None)
        if fmt not in SELECT_FORMATS:
            raise QueryError(f"{fmt!r} is not a format for ASK results; use one of {', '.join(SELECT_FORMATS)}")
        return Output(results.serialize(format=_RESULT_FORMATS[fmt]()), None)
    fmt = fmt or "turtle"
    if fmt not in GRAPH_FORMATS:
        raise QueryError(f"{fmt!r} is not a format for CONSTRUCT/DESCRIBE results; use one of {', '.join(GRAPH_FORMATS)}")
    triples = list(results)
    prefixes = PREFIXES if fmt == "turtle" else None
    data = pyoxigraph.serialize(triples, format=_RDF_FORMATS[fmt](), **({"prefixes": prefixes} if prefixes else {}))
    return Output(data or b"", len(triples))


def _bounded(work: Callable[[], Output], timeout: float | None, added_lines: int) -> Output:
    """Run `work` (Oxigraph releases the GIL while evaluating) and give up after `timeout` seconds."""
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = work()
        except BaseException as e:  # handed to the caller's thread below
            # Oxigraph's results may only be dropped by the thread that made them: free the
            # frames' locals here, or the traceback carries them to the caller's thread.
            traceback.clear_frames(e.__traceback__)
            box["error"] = e

    if timeout is None:
        target()
    else:
        worker = threading.Thread(target=target, daemon=True, name="kg-query")
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            raise QueryError(
                f"the query was stopped after {timeout:g} s (--timeout); narrow it with filters or LIMIT, "
                "or raise the limit"
            )
    error = box.get("error")
    if isinstance(error, SyntaxError):
        raise QueryError(_syntax_message(error, added_lines)) from None
    if isinstance(error, QueryError):
        raise error
    if isinstance(error, OSError) and "lookup" in str(error):
        raise QueryError(f"the query tried to reach a remote service: {error}") from None
    if error is not None:
        raise error  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


def _syntax_message(error: SyntaxError, added_lines: int) -> str:
    """Oxigraph says "error at L:C: …"; give L as a line of the user's own text."""
    message = str(error).split("\n")[0]
    match = re.match(r"error at (\d+):(\d+): (.*)", message)
    if not match:
        return f"SPARQL syntax error: {message}"
    line = max(1, int(match.group(1)) - added_lines)
    detail = match.group(3)
    if len(detail) > 120:
        detail = detail[:117] + "..."
    return f"SPARQL syntax error at line {line}, column {match.group(2)}: {detail}"


def _table(results) -> Output:
    """An aligned plain-text table with prefixed names, for people at a terminal."""
    names = [v.value for v in results.variables]
    rows = [[short(row[name]) for name in names] for row in results]
    widths = [len(n) for n in names]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = min(max(widths[i], len(cell)), 80)
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(_clip(c, w).ljust(w) for c, w in zip(row, widths)).rstrip())
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return Output(("\n".join(lines) + "\n").encode("utf-8"), len(rows))


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def short(term) -> str:
    """A term for people: prefixed IRIs, plain literal values, empty for unbound."""
    if term is None:
        return ""
    value = term.value
    if type(term).__name__ == "NamedNode":
        for name, uri in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
            if value.startswith(uri) and re.fullmatch(r"[\w./%-]*", value[len(uri):]):
                return f"{name}:{value[len(uri):]}"
        return f"<{value}>"
    return value.replace("\n", " ")


def _results_format(name: str):
    import pyoxigraph

    return getattr(pyoxigraph.QueryResultsFormat, name)


def _rdf_format(name: str):
    import pyoxigraph

    return getattr(pyoxigraph.RdfFormat, name)


_RESULT_FORMATS = {
    "json": lambda: _results_format("JSON"),
    "xml": lambda: _results_format("XML"),
    "csv": lambda: _results_format("CSV"),
    "tsv": lambda: _results_format("TSV"),
}
_RDF_FORMATS = {
    "turtle": lambda: _rdf_format("TURTLE"),
    "ntriples": lambda: _rdf_format("N_TRIPLES"),
    "jsonld": lambda: _rdf_format("JSON_LD"),
}
