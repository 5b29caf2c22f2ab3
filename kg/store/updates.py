"""SPARQL updates cut into requests a server accepts, and quads cut into bounded batches.

Virtuoso compiles an update into SQL and refuses one that comes out longer than
10,000 lines: about 1,000 data triples. `split_update` turns an update into
requests of at most `limit` data triples each, in the original order:

    DROP SILENT GRAPH <g> ;                      request 1: DROP, INSERT DATA (first 1,000)
    INSERT DATA { GRAPH <g> { 2,400 triples } } ; request 2: INSERT DATA (next 1,000)
    DELETE { … } WHERE { … } ;                   request 3: INSERT DATA (last 400), DELETE, INSERT
    INSERT { … } WHERE { … }                     request 4: the completion markers

Only INSERT DATA and DELETE DATA are cut (their triples are independent, except
those sharing a blank node, which stay together); other operations go whole.
A completion marker (an article's kg:contentHash, the ontology's kg:digest) moves
to the very end, so that an interruption between requests leaves the article
without it: kg then takes the article as not stored and writes it again, whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from kg.vocab import KG

MARKERS = frozenset({KG + "contentHash", KG + "digest"})
OTHER_WEIGHT = 10

_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_PROLOGUE = re.compile(r"\s*(?:(?:#[^\n]*(?:\n|$))|(?:PREFIX\s+[^\s:]*:\s*<[^>]*>)|(?:BASE\s*<[^>]*>))", re.IGNORECASE)
_DATA = re.compile(r"\s*(INSERT|DELETE)\s+DATA\s*\{(.*)\}\s*\Z", re.IGNORECASE | re.DOTALL)


def weight(update: str) -> int:
    """A quick estimate of an update's size in triples: kg writes a triple a line, VALUES rows
    on one line (about 100 characters a row)."""
    return max(update.count("\n") + 1, len(update) // 150)


def split_prologue(text: str) -> tuple[str, str]:
    """(PREFIX/BASE declarations and comments, the rest)."""
    end = 0
    while True:
        match = _PROLOGUE.match(text, end)
        if match is None or match.end() == end:
            return text[:end], text[end:]
        end = match.end()


def operations(update: str) -> list[str] | None:
    """The update's top-level operations (split at `;` outside braces, strings, IRIs, comments).

    None when the text does not scan (an unclosed string or brace): such an update goes as it is.
    """
    found, start, depth, i, n = [], 0, 0, 0, len(update)
    while i < n:
        c = update[i]
        if c == "#":
            end = update.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if c == "<":
            match = _IRI.match(update, i)
            if match:
                i = match.end()
                continue
        elif c in "\"'":
            quote = c * 3 if update.startswith(c * 3, i) else c
            j = i + len(quote)
            while True:
                if j >= n:
                    return None
                if update[j] == "\\":
                    j += 2
                    continue
                if update.startswith(quote, j):
                    break
                if len(quote) == 1 and update[j] == "\n":
                    return None
                j += 1
            i = j + len(quote)
            continue
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth < 0:
                return None
        elif c == ";" and depth == 0:
            found.append(update[start:i])
            start = i + 1
        i += 1
    if depth:
        return None
    found.append(update[start:])
    return [op for op in found if op.strip()]


def split_update(update: str, limit: int) -> list[str]:
    """The update as requests of at most `limit` data triples each; as it is when it holds no more.

    Operations other than INSERT DATA and DELETE DATA count as OTHER_WEIGHT triples: Virtuoso
    compiles VALUES blocks into no SQL text of their own (it took 3,000 rows in one DELETE WHERE).
    """
    if weight(update) <= limit:
        return [update]
    ops = operations(update)
    if ops is None:
        return [update]
    prologue, first = split_prologue(ops[0])
    ops[0] = first
    if any(re.search(r"(?i)\b(PREFIX|BASE)\b", split_prologue(op)[0]) for op in ops[1:]):
        return [update]  # declarations further on govern the operations after them: not moved
    parsed = []
    for op in ops:
        data = _DATA.match(op)
        parsed.append((op, data.group(1).upper() if data else None, _parse_data(prologue, data.group(2)) if data else None))
    if sum(len(quads) if quads is not None else OTHER_WEIGHT for _op, _verb, quads in parsed) <= limit:
        return [update]
    # Markers move to the end, unless a later operation reads or deletes them.
    mentioned = {m for m in MARKERS for op, verb, _q in parsed if verb is None and m.rsplit("#", 1)[1] in op}
    deferred = MARKERS - mentioned
    pieces: list[tuple[str, int]] = []  # (operation text, weight)
    markers: list = []
    for op, verb, quads in parsed:
        if quads is None:
            pieces.append((op.strip(), OTHER_WEIGHT if verb is None else weight(op)))
            continue
        if verb == "INSERT":
            markers += [q for q in quads if q.predicate.value in deferred]
            quads = [q for q in quads if q.predicate.value not in deferred]
        for batch in batches(quads, limit):
            pieces.append((data_operation(verb, batch), len(batch)))
    if markers:
        pieces.append((data_operation("INSERT", markers), len(markers)))
    requests, current, size = [], [], 0
    for text, w in pieces:
        if current and size + w > limit:
            requests.append(current)
            current, size = [], 0
        current.append(text)
        size += w
    if current:
        requests.append(current)
    return [prologue + " ;\n".join(request) for request in requests]


def _parse_data(prologue: str, body: str):
    """The quads of an INSERT/DELETE DATA block (TriG with SPARQL's GRAPH keyword), or None."""
    import pyoxigraph

    for text in (body, body + " ."):
        try:
            return list(pyoxigraph.parse((prologue + "\n" + text).encode("utf-8"), format=pyoxigraph.RdfFormat.TRIG))
        except SyntaxError:
            continue
    return None


def data_operation(verb: str, quads: Iterable) -> str:
    """INSERT DATA or DELETE DATA of quads, one triple a line, grouped by graph."""
    import pyoxigraph

    parts, graph, lines = [], None, []

    def flush():
        if lines:
            body = "\n".join(lines)
            parts.append(body if isinstance(graph, pyoxigraph.DefaultGraph) else f"GRAPH {graph} {{\n{body}\n}}")

    for quad in quads:
        if quad.graph_name != graph:
            flush()
            graph, lines = quad.graph_name, []
        lines.append(f"{quad.subject} {quad.predicate} {quad.object} .")
    flush()
    return f"{verb} DATA {{\n" + "\n".join(parts) + "\n}"


def batches(quads: Iterable, limit: int) -> Iterator[list]:
    """Quads in lists of at most `limit`; quads linked by blank nodes stay in one list (which may exceed it)."""
    import pyoxigraph

    pending: list = []
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    linked: list[tuple[object, str]] = []
    for quad in quads:
        blanks = [t.value for t in (quad.subject, quad.object, quad.graph_name) if isinstance(t, pyoxigraph.BlankNode)]
        if not blanks:
            pending.append(quad)
            if len(pending) >= limit:
                yield pending
                pending = []
            continue
        for blank in blanks:
            parent.setdefault(blank, blank)
        first = root(blanks[0])
        for blank in blanks[1:]:
            parent[root(blank)] = first
        linked.append((quad, blanks[0]))
    groups: dict[str, list] = {}
    for quad, blank in linked:
        groups.setdefault(root(blank), []).append(quad)
    for group in groups.values():
        if pending and len(pending) + len(group) > limit:
            yield pending
            pending = []
        pending.extend(group)
    if pending:
        yield pending
