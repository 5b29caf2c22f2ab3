"""Plain-text and Markdown articles.

A first line that looks like a headline is the title. Markdown keeps its
character offsets: markup is blanked out with spaces, not removed, so that a
statement's offsets still point at the right characters of the file.
A leading `---` front-matter block may give `title`, `date`, `url`, `source`
and `id`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from kg.errors import InputError
from kg.model import Article, short_hash
from kg.read.decode import normalize_date
from kg.textshape import looks_like_headline

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_FIELD = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*?)\s*$")


def read_text(
    text: str, origin: str, article_id: str, on_problem: Callable[[InputError], None]
) -> Iterator[Article]:
    meta, body = _front_matter(text, origin)
    yield _article(text, body, meta, origin, article_id)


def read_markdown(
    text: str, origin: str, article_id: str, on_problem: Callable[[InputError], None]
) -> Iterator[Article]:
    meta, body = _front_matter(text, origin)
    title = meta.get("title")
    if title is None:
        first = _first_line(body)
        if first.lstrip().startswith("#"):
            meta["title"] = first.strip().lstrip("#").strip()
    yield _article(text, _blank_markdown(body), meta, origin, article_id)


def _article(raw: str, body: str, meta: dict[str, str], origin: str, article_id: str) -> Article:
    if not body.strip():
        raise InputError(origin, "article has no text after its front matter")
    title = meta.get("title")
    if title is None:
        first = _first_line(body)
        if looks_like_headline(first):
            title = first.strip()
    # The whole file (front matter blanked) is the text, so offsets are file offsets.
    text = " " * (len(raw) - len(body)) + body if len(raw) != len(body) else body
    return Article(
        id=meta.get("id") or article_id or short_hash(text),
        text=text,
        title=title,
        date=normalize_date(meta.get("date"), origin),
        url=meta.get("url"),
        source=meta.get("source"),
        origin=origin,
    )


def _front_matter(text: str, origin: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for number, line in enumerate(match.group(1).splitlines(), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        field = _FIELD.match(line)
        if not field:
            raise InputError(origin, f"front matter line is not `key: value`: {line.strip()!r}", line=number)
        meta[field.group(1).lower()] = field.group(2).strip("\"'")
    return meta, text[match.end():]


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line
    return ""


_MD_HEADING = re.compile(r"^(#{1,6})[ \t]", re.MULTILINE)
_MD_QUOTE = re.compile(r"^(>+)[ \t]?", re.MULTILINE)
_MD_LIST = re.compile(r"^([ \t]*)([-*+]|\d+\.)[ \t]", re.MULTILINE)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)]*)\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def _blank_markdown(body: str) -> str:
    """Replace Markdown markup by spaces of the same length (offsets stay true)."""

    body = _MD_HEADING.sub(lambda m: " " * len(m.group(0)), body)
    body = _MD_QUOTE.sub(lambda m: " " * len(m.group(0)), body)
    body = _MD_LIST.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), body)
    body = _MD_LINK.sub(
        lambda m: " " * (2 if m.group(0).startswith("!") else 1)
        + m.group(1)
        + " " * (len(m.group(0)) - len(m.group(1)) - (2 if m.group(0).startswith("!") else 1)),
        body,
    )
    body = _MD_EMPHASIS.sub(
        lambda m: " " * len(m.group(1)) + m.group(2) + " " * len(m.group(1)), body
    )
    return body
