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
    """

    def __init__(self, snapshots: Snapshots, size: int = 64):
        self.snapshots = snapshots
        self.size = size
        self._values: dict = {}
        self._pending: dict = {}
        self._lock = threading.Lock()

    def get(self, key: tuple, compute):
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
                value = compute(self.snapshots.current())
            finally:
                with self._lock:
                    self._pending.pop(full, None)
            with self._lock:
                if len(self._values) >= self.size:
                    self._values.clear()  # crude, and enough: a new snapshot makes them all stale anyway
                self._values[full] = value
            return value
