"""The server's view of the store: a read-only snapshot, renewed when the store changes.

Pages read from a snapshot (`KnowledgeStore.open(path)`), which never blocks a
writer: a `kg build` can run while the server answers. When a writer publishes a
new snapshot (a build, or a review action of this server), the next request opens
it; requests still running on the old one finish on it, since nothing closes it
under them (the old snapshot goes away with its last reference). A change opens
the store for writing only for the time of that change, so the server never holds
the writer lock that `kg build` needs.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from contextlib import contextmanager
from pathlib import Path

from kg.store import KnowledgeStore, is_remote


class Snapshots:
    """Hands out the newest read-only view of the store at `location`."""

    def __init__(self, location: str):
        self.location = location
        self._lock = threading.Lock()
        self._writer = threading.Lock()  # this server's own changes, one at a time (not a 409 to itself)
        self._store: KnowledgeStore | None = None
        self._version: str | None = None

    def current(self) -> KnowledgeStore:
        """The store as of its last published snapshot (a remote store: the endpoint itself)."""
        version = self._published()
        with self._lock:
            if self._store is None or version != self._version:
                # the previous one is dropped, not closed: a request may still be reading it
                self._store = KnowledgeStore.open(self.location)
                self._version = version
            return self._store

    @property
    def version(self) -> str:
        """Names the snapshot in use: a cache key that changes when the data does."""
        self.current()
        return self._version or ""

    @contextmanager
    def writing(self, command: str = "kg serve"):
        """The store opened for writing for one change; readers see it on their next request."""
        with self._writer, KnowledgeStore.open(self.location, write=True, command=command) as store:
            yield store
        with self._lock:
            self._version = None  # remote stores have no snapshot name: reopen anyway

    def _published(self) -> str | None:
        if is_remote(self.location):
            return self._version or "remote"
        try:
            return (Path(self.location) / "snapshots" / "CURRENT").read_text(encoding="utf-8").strip()
        except OSError:
            return None


class Memo:
    """Values computed once per snapshot (the store cannot change under them): the network's
    layout, a timeline, the counts on the home page.

    A request that asks for a value being computed waits for it instead of computing it
    again, so the drawing started in the background at start-up serves the first visitor.
    Values asked with `keep=True` (the network drawings, seconds of work at 100k statements)
    are also kept on disk beside an embedded store, in `drawings/`, named by their snapshot:
    the next server started on the same snapshot draws at once. Only JSON values are kept.
    """

    def __init__(self, snapshots: Snapshots, size: int = 64):
        self.snapshots = snapshots
        self.size = size
        self._values: dict = {}
        self._pending: dict = {}
        self._lock = threading.Lock()
        self.kept = None if is_remote(snapshots.location) else Path(snapshots.location) / "drawings"

    def get(self, key: tuple, compute, keep: bool = False):
        full = (self.snapshots.version, *key)
        with self._lock:
            if full in self._values:
                return self._values[full]
            pending = self._pending.setdefault(full, threading.Lock())
        with pending:
            with self._lock:
                if full in self._values:
                    return self._values[full]
            try:
                value = self._read(full) if keep else None
                if value is None:
                    value = compute(self.snapshots.current())
                    if keep:
                        self._write(full, value)
            finally:
                with self._lock:
                    self._pending.pop(full, None)
            with self._lock:
                if len(self._values) >= self.size:
                    self._values.clear()  # crude, and enough: a new snapshot makes them all stale anyway
                self._values[full] = value
            return value

    def _path(self, full: tuple) -> Path | None:
        if self.kept is None or not full[0]:
            return None
        digest = hashlib.sha256(repr(full[1:]).encode("utf-8")).hexdigest()[:20]
        return self.kept / f"{full[0]}-{digest}.json"

    def _read(self, full: tuple):
        path = self._path(full)
        if path is None:
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # not drawn yet, or a file cut short: draw it again

    def _write(self, full: tuple, value) -> None:
        """Keep a drawing of the current snapshot (written whole, then renamed), and drop those of
        older snapshots. A store the server may not write to keeps nothing: it draws each start."""
        path = self._path(full)
        if path is None:
            return
        try:
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            path.parent.mkdir(exist_ok=True)
            partial = path.with_name(path.name + ".tmp")
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, path)
            for old in path.parent.glob("*.json"):
                if not old.name.startswith(f"{full[0]}-"):
                    old.unlink(missing_ok=True)
        except (OSError, TypeError, ValueError):
            pass
