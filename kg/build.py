"""Building a store: read → extract → store, incrementally, a batch of articles per transaction.

Articles whose text (and title and date) did not change since the last build
are skipped without loading spaCy. With `rebuild`, articles extracted by
another extractor version are extracted again. Each batch of articles is
committed whole, so an interrupted build loses at most the batch in flight
and the next run carries on; a problem with one article is reported and the
others go on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from kg.errors import InputError, RemoteStoreError, StoreError
from kg.model import Article

# A batch of articles is one write: the relations its statements touch are recomputed once
# for the batch rather than once per article (docs/benchmarks.md has the figures). A batch
# is written when it holds BATCH_ARTICLES, or when an article is read BATCH_SECONDS or more
# after the batch's first, so that a build's store grows every few seconds. (A source that
# pauses between articles holds the batch until the next one comes or the source ends.)
BATCH_ARTICLES = 32
BATCH_SECONDS = 2.0


@dataclass
class BuildReport:
    read: int = 0
    extracted: int = 0
    unchanged: int = 0
    outdated: int = 0  # unchanged text, but extracted by another extractor version (kept without --rebuild)
    statements: int = 0
    problems: list[InputError] = field(default_factory=list)
    seconds: float = 0.0
    location: str | None = None  # the store, as it may be shown (no password)

    @property
    def rate(self) -> float:
        return self.extracted / self.seconds if self.seconds else 0.0

    def summary(self, location: str) -> str:
        parts = [
            f"{self.extracted} article{'s' if self.extracted != 1 else ''} extracted",
            f"{self.statements} statements",
        ]
        if self.unchanged:
            parts.append(f"{self.unchanged} unchanged")
        if self.problems:
            parts.append(f"{len(self.problems)} skipped")
        line = ", ".join(parts) + f" in {self.seconds:.1f} s ({self.rate:.1f} articles/s) → {location}"
        if self.outdated:
            line += f"; {self.outdated} were extracted by another kg version (use --rebuild to redo them)"
        return line


Progress = Callable[[BuildReport], None]


def build(
    sources: Iterable[str],
    store_location: str,
    *,
    model: str | None = None,
    rebuild: bool = False,
    min_confidence: float | None = None,
    progress: Progress | None = None,
    on_problem: Callable[[InputError], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
    command: str = "kg build",
    extractor=None,
    max_article_chars: int | None = None,
    jobs: int = 1,
    cluster: str | None = None,
    batch_articles: int = BATCH_ARTICLES,
) -> BuildReport:
    """Build or update the store at `store_location` from article sources.

    A failure to read, parse or extract one article is reported and the build goes on;
    a failure of the store itself (a remote server gone) ends it, saying how many
    articles were stored, because every later article would fail the same way.

    `jobs` > 1 reads in that many worker processes, `cluster` (tcp://HOST:PORT or local:N)
    on a Dask cluster (kg.parallel); either way this process writes, in article order.

    Articles are written in batches of up to `batch_articles` (or what BATCH_SECONDS of
    reading gives), each batch one transaction: an interrupted build loses at most the
    batch in flight, and the next run reads it again.
    """
    from kg.extract import Extractor
    from kg.read import DEFAULT_MAX_ARTICLE_CHARS, read_articles
    from kg.store import KnowledgeStore

    report = BuildReport()
    started = time.monotonic()

    def problem(error: InputError) -> None:
        report.problems.append(error)
        if on_problem is not None:
            on_problem(error)

    extractor = extractor or Extractor(model, min_confidence=min_confidence)
    with KnowledgeStore.open(store_location, write=True, create=True, command=command) as store:
        report.location = store.location
        states = store.article_states()
        version: list[str] = []  # the extractor's version, computed once and only when needed

        def current_version() -> str:
            if not version:
                version.append(extractor.version)
            return version[0]

        def pending() -> Iterator[Article]:
            limit = DEFAULT_MAX_ARTICLE_CHARS if max_article_chars is None else max_article_chars
            for article in read_articles(sources, on_problem=problem, on_notice=on_notice, max_chars=limit):
                report.read += 1
                state = states.get(article.id)
                if state is not None and state.content_hash == article.content_hash:
                    if state.extractor_version == current_version() or not rebuild:
                        if state.extractor_version != current_version():
                            report.outdated += 1
                        report.unchanged += 1
                        continue
                yield article

        batch: list = []  # readings read but not yet written
        batch_started = 0.0

        def write(items: list) -> None:
            """Store `items` in one transaction; if one article's content is refused, each on its own."""
            try:
                store.replace_articles([(r.article, r.statements, r.article.id not in states) for r in items],
                                       current_version())
            except InputError as error:
                if len(items) == 1:
                    problem(error)
                    return
                for reading in items:
                    write([reading])
                return
            except StoreError as error:
                kind = RemoteStoreError if isinstance(error, RemoteStoreError) else StoreError
                raise kind(
                    f"{error}; {report.extracted} article{'s' if report.extracted != 1 else ''} of this run "
                    f"were stored before it (each is complete); run the same command again to go on from there"
                ) from None
            report.extracted += len(items)
            report.statements += sum(len(r.statements) for r in items)

        def flush() -> None:
            if batch:
                write(batch)
                batch.clear()
                report.seconds = time.monotonic() - started
                if progress is not None:
                    progress(report)
                store.publish(every_seconds=10.0)

        for reading in _readings(pending(), extractor, problem, jobs, cluster, model, min_confidence):
            if reading.problem is not None:
                problem(reading.problem)
                continue
            if not batch:
                batch_started = time.monotonic()
            batch.append(reading)
            if len(batch) >= batch_articles or time.monotonic() - batch_started >= BATCH_SECONDS:
                flush()
        flush()
    report.seconds = time.monotonic() - started
    return report


def _readings(articles: Iterator[Article], extractor, problem, jobs: int, cluster: str | None,
              model: str | None, min_confidence: float | None):
    """Each article's statements (or its problem), in order: here, in worker processes, or on Dask."""
    from kg import parallel

    if cluster:
        client = parallel.connect(cluster)
        try:
            yield from parallel.read_on_cluster(articles, client, model, min_confidence)
        finally:
            cluster_object = getattr(client, "cluster", None)
            client.close()
            if cluster_object is not None and cluster.startswith("local:"):
                cluster_object.close()
        return
    if jobs > 1:
        yield from parallel.read_in_processes(articles, jobs, model, min_confidence)
        return
    for parsed in extractor.parse(articles, on_problem=problem):
        yield parallel.read_parsed(extractor, parsed)
