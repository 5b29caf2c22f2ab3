"""One normalisation of every text kg reads, at the reader, with what it changed.

Article text reaches spaCy, the store (as UTF-8 RDF literals and IRIs) and the
terminal. Characters that any of them cannot take, or that change what a reader
sees, are replaced here once:

- lone UTF-16 surrogates (JSON allows "\\ud800"; UTF-8 cannot encode them) and
  the noncharacters U+FFFE/U+FFFF become U+FFFD, the replacement character;
- NUL and the other C0/C1 control characters (terminal escape sequences among
  them) and the bidirectional controls (U+202A–U+202E, U+2066–U+2069, which
  can make text display in another order than it reads) become a space;
- line separators (U+0085, U+2028, U+2029, a lone CR) become "\\n": they end a
  paragraph as a newline would.

Body text keeps its length, one character for one, so that statements' character
offsets still point into the file as it was read. Ids, titles, URLs and outlet
names lose such characters altogether (they are names, not offsets).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from kg.model import Article

_SURROGATE_OR_NONCHARACTER = "\ud800-\udfff\ufffe\uffff"
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f"
_BIDI = "\u202a-\u202e\u2066-\u2069"
_LINE_SEPARATOR = "\x85\u2028\u2029\r"

_ANY = re.compile(f"[{_SURROGATE_OR_NONCHARACTER}{_CONTROL}{_BIDI}{_LINE_SEPARATOR}]")
_KINDS = (
    (re.compile(f"[{_SURROGATE_OR_NONCHARACTER}]"), "\ufffd", "invalid code point"),
    (re.compile(f"[{_CONTROL}]"), " ", "control character"),
    (re.compile(f"[{_BIDI}]"), " ", "bidirectional control"),
    (re.compile("\r\n"), " \n", None),  # Windows line ends: not worth a notice
    (re.compile(f"[{_LINE_SEPARATOR}]"), "\n", "line separator"),
)
_NAME_FIELDS = ("id", "title", "url", "source")


def normalize_text(text: str) -> tuple[str, Counter]:
    """The text with every unsafe character replaced one for one, and a count of each kind."""
    changed: Counter = Counter()
    if not _ANY.search(text):
        return text, changed
    for pattern, replacement, kind in _KINDS:
        text, count = pattern.subn(replacement, text)
        if count and kind:
            changed[kind] += count
    return text, changed


def normalize_name(value: str) -> tuple[str, Counter]:
    """An id, title, URL or outlet name without unsafe characters, spaces collapsed."""
    text, changed = normalize_text(value)
    if changed:
        text = re.sub(r"\s+", " ", text.replace("\ufffd", "")).strip()
    return text, changed


def normalize_article(article: Article) -> tuple[Article, str | None]:
    """The article made safe to parse, store and show, and a notice saying what changed (None if nothing)."""
    text, changed = normalize_text(article.text)
    changes = {"text": text} if changed else {}
    for name in _NAME_FIELDS:
        value = getattr(article, name)
        if value:
            clean, counts = normalize_name(value)
            if counts:
                changes[name] = clean or None
                changed += counts
    if not changes:
        return article, None
    if not changes.get("id", article.id):
        changes["id"] = article.id.encode("unicode_escape").decode("ascii")
    summary = ", ".join(f"{count} {kind}{'s' if count != 1 else ''}" for kind, count in sorted(changed.items()))
    fields = ", ".join(sorted(changes))
    return replace(article, **changes), f"replaced {summary} in {fields}"


__all__ = ["normalize_article", "normalize_name", "normalize_text"]
