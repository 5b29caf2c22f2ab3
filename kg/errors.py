"""Every error `kg` raises on purpose, in one tree.

    KgError                      base class; the CLI turns it into one line on stderr and exit 1
    ├── InputError               an article source cannot be read (file, line, reason)
    ├── ModelError               no spaCy pipeline could be loaded
    ├── StoreError               the knowledge store cannot be opened or written
    │   ├── StoreNotFound        no store at the given path
    │   ├── StoreLocked          another process is writing the store
    │   └── RemoteStoreError     a SPARQL endpoint failed (network, HTTP status, authentication)
    ├── QueryError               a SPARQL query is malformed, refused or too slow
    ├── EntityNotFound           an entity name matches nothing (carries suggestions)
    └── ExportError              an export format or filter is unusable

Messages name the offending file, line or value and say how to fix the problem,
because they are shown to the user as they are.
"""

from __future__ import annotations


class KgError(Exception):
    """Base class of every error raised deliberately by kg."""


class InputError(KgError):
    """An article source cannot be read.

    `path` and `line` locate the problem (line is 1-based, None for whole-file
    problems); `reason` says what is wrong and how to fix it.
    """

    def __init__(self, path: str, reason: str, line: int | None = None):
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class ModelError(KgError):
    """No spaCy pipeline could be loaded."""


class StoreError(KgError):
    """The knowledge store cannot be opened, read or written."""


class StoreNotFound(StoreError):
    """There is no store at the given location."""


class StoreLocked(StoreError):
    """Another process holds the store's writer lock."""

    def __init__(self, path: str, pid: int | None, command: str | None):
        self.path = path
        self.pid = pid
        self.command = command
        who = f"PID {pid}" if pid else "another process"
        what = f" ({command})" if command else ""
        super().__init__(
            f"store {path} is in use by {who}{what}; wait for it to finish, "
            f"or stop it if it is stale"
        )


class RemoteStoreError(StoreError):
    """A remote SPARQL endpoint failed: network, HTTP status or authentication."""


class QueryError(KgError):
    """A SPARQL query is malformed, refused, or exceeded its time limit."""


class EntityNotFound(KgError):
    """An entity name resolves to nothing in the store.

    `suggestions` holds the closest labels, for a "did you mean" hint.
    """

    def __init__(self, name: str, suggestions: list[str] | None = None):
        self.name = name
        self.suggestions = suggestions or []
        hint = ""
        if self.suggestions:
            hint = "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(f"no entity matches {name!r}{hint}")


class ExportError(KgError):
    """An export cannot be produced with the given format or filters."""
