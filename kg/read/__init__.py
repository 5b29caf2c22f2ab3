"""Read articles from files, directories (recursively) and stdin.

A source that cannot be read is reported through `on_problem` with its file,
line and reason, and skipped; the other articles keep coming. Readers are
looked up by file extension in `READERS`, so a new format is one function and
one line.

>>> from kg.read import read_articles
>>> for article in read_articles(["examples/articles"]):
...     print(article.id, article.title)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.model import Article
from kg.read.decode import decode_bytes
from kg.read.html import read_html
from kg.read.jsonl import read_jsonl
from kg.read.normalize import normalize_article
from kg.read.text import read_markdown, read_text

#: reader(text, origin, article_id, on_problem) -> articles
Reader = Callable[[str, str, str, Callable[[InputError], None]], Iterator[Article]]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".html": read_html,
    ".htm": read_html,
}

STDIN = "-"

#: The longest article kg reads by default: about 150,000 words, a book rather than a news
#: story. spaCy's parser needs roughly 1 GB of working memory per 100,000 characters, so an
#: unbounded input (a 50 MB log pasted as an article) would run for many minutes and gigabytes.
DEFAULT_MAX_ARTICLE_CHARS = 1_000_000


def _raise(problem: InputError) -> None:
    raise problem


def read_articles(
    sources: Iterable[str | os.PathLike],
    on_problem: Callable[[InputError], None] = _raise,
    stdin_format: str | None = None,
    *,
    on_notice: Callable[[str], None] | None = None,
    max_chars: int | None = DEFAULT_MAX_ARTICLE_CHARS,
) -> Iterator[Article]:
    """Yield the articles of every source: a file, a directory, or "-" for stdin.

    Directories are walked recursively in sorted order; files whose extension
    has no reader are ignored there, but named explicitly they are a problem.
    Article ids are the record's own id, else the path relative to the
    directory given (without extension), else a content hash for stdin.
    Two articles with the same id in one run are a problem for the second.
    Every article is normalised (kg.read.normalize) and what changed goes to
    `on_notice`; one longer than `max_chars` characters is a problem, and skipped.
    """
    seen: dict[str, str] = {}
    for source in sources:
        for article in _read_source(str(source), on_problem, stdin_format):
            if max_chars is not None and len(article.text) > max_chars:
                on_problem(
                    InputError(
                        article.origin or article.id,
                        f"article is {len(article.text):,} characters long, over the limit of {max_chars:,} "
                        "(--max-article-chars); split it into articles, or raise the limit",
                    )
                )
                continue
            article, notice = normalize_article(article)
            if notice and on_notice is not None:
                on_notice(f"{article.origin or article.id}: {notice}")
            first = seen.get(article.id)
            if first is not None:
                on_problem(
                    InputError(
                        article.origin or article.id,
                        f"duplicate article id {article.id!r} (first read from {first}); "
                        "give the article an id of its own",
                    )
                )
                continue
            seen[article.id] = article.origin or article.id
            yield article


def _read_source(
    source: str, on_problem: Callable[[InputError], None], stdin_format: str | None
) -> Iterator[Article]:
    if source == STDIN:
        yield from _read_stdin(on_problem, stdin_format)
        return
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READERS)
        if not files:
            on_problem(
                InputError(source, f"no readable articles in directory (looked for {_extensions()})")
            )
        for file in files:
            article_id = file.relative_to(path).with_suffix("").as_posix()
            yield from _read_file(file, article_id, on_problem)
    elif path.is_file():
        yield from _read_file(path, path.stem, on_problem)
    else:
        on_problem(InputError(source, "no such file or directory"))


def _read_file(
    path: Path, article_id: str, on_problem: Callable[[InputError], None]
) -> Iterator[Article]:
    reader = READERS.get(path.suffix.lower())
    origin = str(path)
    if reader is None:
        on_problem(
            InputError(origin, f"unsupported file type {path.suffix or '(none)'}; use {_extensions()}")
        )
        return
    try:
        text = decode_bytes(path.read_bytes(), origin)
        yield from reader(text, origin, article_id, on_problem)
    except InputError as problem:
        on_problem(problem)
    except OSError as e:
        on_problem(InputError(origin, f"cannot read file: {e.strerror or e}"))


def _read_stdin(on_problem: Callable[[InputError], None], fmt: str | None) -> Iterator[Article]:
    origin = "<stdin>"
    try:
        text = decode_bytes(sys.stdin.buffer.read(), origin)
        suffix = f".{fmt}" if fmt else _sniff(text)
        reader = READERS.get(suffix)
        if reader is None:
            raise InputError(origin, f"unknown input format {fmt!r}; use txt, md, jsonl or html")
        yield from reader(text, origin, "", on_problem)
    except InputError as problem:
        on_problem(problem)


def _sniff(text: str) -> str:
    """Guess the format of stdin from its first character."""
    start = text.lstrip()[:1]
    if start == "{":
        return ".jsonl"
    if start == "<":
        return ".html"
    return ".txt"


def _extensions() -> str:
    return ", ".join(sorted(READERS))


__all__ = ["DEFAULT_MAX_ARTICLE_CHARS", "READERS", "read_articles"]
