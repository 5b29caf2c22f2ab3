"""Reading articles in parallel: worker processes or a Dask cluster parse and read, the caller writes.

`kg build --jobs N` and `kg build --cluster ...` send batches of articles to workers
that each load the spaCy pipeline once and return the statements; results come back
in article order, so the one writer (kg.build) stores exactly what a one-job build
stores, in the same order, with the same crash safety and incremental skipping.

Why the workers do not write: the embedded store has one writer by design (RocksDB
takes a lock), and a remote store applies one article's replacement as one update
whose relation part depends on what is already stored; writes in article order from
one place keep both right. Reading is where the time goes (about nine tenths of a
build), so it is what is spread out.

At most `2 × workers` batches are in flight, so memory stays bounded on any input size.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from kg.errors import InputError, KgError
from kg.model import Article, Statement

#: Articles per task: enough to keep spaCy's batching efficient and the per-task
#: overhead (pickling, scheduling) small, few enough to spread a small input evenly.
BATCH_ARTICLES = 8


@dataclass(frozen=True)
class Reading:
    """What a worker returns for one article: its statements, or the problem that stopped it."""

    article: Article
    statements: list[Statement] | None
    problem: InputError | None = None


# ---------------------------------------------------------------------- the work itself
_EXTRACTORS: dict[tuple, object] = {}  # one per worker process, per (model, threshold)


def read_batch(articles: list[Article], model: str | None, min_confidence: float | None) -> list[Reading]:
    """Parse and read a batch in this process (a pool worker or a Dask worker)."""
    from kg.extract import Extractor

    key = (model, min_confidence)
    extractor = _EXTRACTORS.get(key)
    if extractor is None:
        extractor = _EXTRACTORS[key] = Extractor(model, min_confidence=min_confidence)
    problems: dict[str, InputError] = {}
    readings = {
        parsed.article.id: read_parsed(extractor, parsed)
        for parsed in extractor.parse(articles, on_problem=lambda p: problems.setdefault(p.path, p))
    }
    return [
        readings.get(a.id) or Reading(a, None, problems.get(a.origin or a.id) or InputError(
            a.origin or a.id, "could not be parsed"))
        for a in articles
    ]


def read_parsed(extractor, parsed) -> Reading:
    """One parsed article's statements, or the problem that stopped its reading."""
    article = parsed.article
    try:
        return Reading(article, extractor.read(parsed).statements)
    except InputError as error:
        return Reading(article, None, error)
    except Exception as error:  # one article's failure must not lose the others
        return Reading(article, None, InputError(
            article.origin or article.id, f"could not be extracted: {type(error).__name__}: {error}"))


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _in_order(submit: Callable[[list[Article]], object], result: Callable[[object], list[Reading]],
              articles: Iterable[Article], window: int, batch_size: int) -> Iterator[Reading]:
    """Submit batches, at most `window` ahead of the one being yielded, and yield in order."""
    pending: deque = deque()
    for batch in _batches(articles, batch_size):
        pending.append(submit(batch))
        if len(pending) >= window:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


# ---------------------------------------------------------------------- worker processes
def jobs_for(value: int) -> int:
    """`--jobs 0` means one per core."""
    if value < 0:
        raise KgError(f"--jobs {value}: give a number of processes, or 0 for one per core")
    return value or os.cpu_count() or 1


def read_in_processes(articles: Iterable[Article], jobs: int, model: str | None,
                      min_confidence: float | None, batch_size: int = BATCH_ARTICLES) -> Iterator[Reading]:
    """Readings of `articles`, in order, from `jobs` worker processes."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # "spawn", not "fork": the parent holds the store open (RocksDB's threads), which a fork copies
    # in an undefined state; spawned workers start clean and load the pipeline once each.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        def result(future) -> list[Reading]:
            try:
                return future.result()
            except BrokenProcessPool:
                raise KgError(
                    "a worker process died (out of memory?); what was stored is kept: run the build again, "
                    "with fewer --jobs"
                ) from None

        yield from _in_order(lambda batch: pool.submit(read_batch, batch, model, min_confidence), result,
                             articles, 2 * jobs, batch_size)


# ---------------------------------------------------------------------- a Dask cluster
def connect(address: str):
    """A dask.distributed Client for `tcp://HOST:PORT` or `local:N` (a LocalCluster of N workers)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise KgError(
            "--cluster needs Dask's distributed scheduler: pip install 'kg[dask]' (or 'dask[distributed]')"
        ) from None
    if address.startswith("local:"):
        count = address.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise KgError(f"--cluster {address}: write local:N with N workers, e.g. local:2")
        # one thread a worker: spaCy's parse holds the GIL, so threads would not add speed
        cluster = LocalCluster(n_workers=int(count), threads_per_worker=1, processes=True,
                               dashboard_address=None, host="127.0.0.1")
        return Client(cluster)
    if not address.startswith(("tcp://", "tls://")):
        raise KgError(f"--cluster {address!r}: give a scheduler address tcp://HOST:PORT, or local:N")
    try:
        return Client(address, timeout=10)
    except (OSError, TimeoutError) as e:
        raise KgError(f"cannot reach the Dask scheduler at {address}: {e}; is `dask scheduler` running?") from None


def read_on_cluster(articles: Iterable[Article], client, model: str | None, min_confidence: float | None,
                    batch_size: int = BATCH_ARTICLES) -> Iterator[Reading]:
    """Readings of `articles`, in order, from the workers of a Dask cluster."""
    workers = max(1, len(client.scheduler_info().get("workers", {})))

    def submit(batch):
        # pure=False: two batches with equal content are still two tasks
        return client.submit(read_batch, batch, model, min_confidence, pure=False)

    def result(future) -> list[Reading]:
        try:
            return future.result()
        except KgError:
            raise
        except Exception as e:  # a worker lost, the scheduler gone: one line, what was stored is kept
            raise KgError(f"the Dask cluster failed ({type(e).__name__}: {e}); what was stored is kept: "
                          "run the build again") from None

    yield from _in_order(submit, result, articles, 2 * workers, batch_size)


__all__ = ["Reading", "connect", "jobs_for", "read_batch", "read_in_processes", "read_on_cluster", "read_parsed"]
