"""What a line of scraped news looks like: body text, a headline, or a byline.

Readers use it to find an article's title; the extractor uses it to skip
headings, lists of unrelated headlines and bylines, which carry no events.
Kept free of spaCy so that reading never loads a model.
"""

from __future__ import annotations

import re

_TERMINAL = ".!?…:;"
_CLOSERS = "\"'”’»)]* "
_MAX_HEADLINE_WORDS = 30

_BYLINE = re.compile(
    r"""^\s*(?:
        by\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}(?:\s+and\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})?\s*$
      | (?:reporting|writing|additional\ reporting|editing)\s+by\b.*
      | (?:photo|image|video)\s*(?:credit)?\s*:.*
      | (?:copyright|©|\(c\))\s.*
      | (?:read\ more|related|advertisement|subscribe|sign\ up|share\ this)\b.{0,80}$
      | updated?\s*:?\s*\w+\s+\d{1,2},?\s+\d{4}.*
      | published\s*:?.{0,60}$
    )""",
    re.IGNORECASE | re.VERBOSE,
)


def looks_like_headline(line: str) -> bool:
    """A short line that does not end a sentence: a title, section heading or headline list entry.

    Body paragraphs in news always end with sentence punctuation; headlines,
    headings and navigation never do, whatever their capitalisation.
    """
    stripped = line.strip().rstrip(_CLOSERS)
    if not stripped:
        return False
    if stripped[-1] in _TERMINAL:
        return False
    return len(stripped.split()) <= _MAX_HEADLINE_WORDS


def looks_like_byline(line: str) -> bool:
    """Bylines, credits, "Reporting by …; Editing by …", "Read more" and the like."""
    return bool(_BYLINE.match(line.strip()))


def is_noise_line(line: str) -> bool:
    """True for lines that never carry a codable event."""
    return looks_like_headline(line) or looks_like_byline(line)
