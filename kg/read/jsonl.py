"""JSON Lines articles: one object a line with `id`, `title`, `text`, `date`, `url`, `source`.

Only `text` is required. A malformed line is reported with its line number
and skipped; the other lines are read. Lines end at "\n" only, as JSON Lines
defines them (a trailing "\r" is dropped): U+2028 or U+0085 inside a JSON string
is part of the string, not a line end as `str.splitlines` would have it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from kg.errors import InputError
from kg.model import Article, short_hash
from kg.read.decode import normalize_date

FIELDS = ("id", "title", "text", "date", "url", "source")


def read_jsonl(
    text: str, origin: str, article_id: str, on_problem: Callable[[InputError], None]
) -> Iterator[Article]:
    found_any = False
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        try:
            yield _article(line, origin, number)
            found_any = True
        except InputError as problem:
            on_problem(problem)
    if not found_any and not text.strip():
        raise InputError(origin, "no JSON lines in input")


def _article(line: str, origin: str, number: int) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(
            origin, f"malformed JSON at column {e.colno}: {e.msg}; each line must be one JSON object", line=number
        ) from e
    if not isinstance(record, dict):
        raise InputError(origin, f"expected a JSON object, got {type(record).__name__}", line=number)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(origin, "record has no `text` (a non-empty string is required)", line=number)
    for key in ("id", "title", "url", "source", "date"):
        value = record.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (str, int))):
            # bool is an int in Python; `"title": true` is a mistake, not the title "True"
            raise InputError(origin, f"`{key}` must be a string, got {type(value).__name__}", line=number)
    raw_id = record.get("id")
    return Article(
        id=str(raw_id) if raw_id not in (None, "") else short_hash(text),
        text=text,
        title=_text(record.get("title")),
        date=normalize_date(record.get("date"), origin, number),
        url=_text(record.get("url")),
        source=_text(record.get("source")),
        origin=f"{origin}:{number}",
    )


def _text(value: str | int | None) -> str | None:
    """A metadata field as text (`"source": 1` is the outlet "1"), or None when empty."""
    return str(value) if value not in (None, "") else None
