"""What a line of scraped news looks like: body text, a headline, a byline, or a dateline.

Readers use it to find an article's title; the extractor uses it to skip
headings, lists of unrelated headlines and bylines, which carry no events.
Kept free of spaCy so that reading never loads a model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


# "CARACAS — ", "MEXICO CITY (Reuters) - ", "EL PASO, Texas (KTSM) — ", "WASHINGTON, Jan 24 (Reuters) -",
# "NEW DELHI: ": a place in capitals, an optional region or date after a comma, an optional agency,
# a dash (or the colon some South Asian outlets use); after an agency, copies often drop the
# space ("VIENNA (Reuters) -Austria's government said").
_DATELINE = re.compile(
    r"""^\s*(?P<place>[A-Z][A-Z'’.\-]+(?:\s[A-Z][A-Z'’.\-]+){0,3})
        (?:,\s*(?P<region>[A-Z][\w.]*(?:\s[\w.]+){0,3}?))?
        \s*(?:\((?P<agency>[^()\n]{1,40})\))?
        \s*(?P<dash>—|–|--|-|:)(?(agency)\s*|\s+)(?=\S)""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Dateline:
    """Where a story was filed from: the capitalised place that opens its first paragraph."""

    place: str  # as printed: "MEXICO CITY"
    region: str | None  # "Texas" in "EL PASO, Texas —", or a date ("Jan 24")
    agency: str | None  # "Reuters"
    colon: bool  # "NEW DELHI:" — also how "UPDATE:" begins, so the place must be known to count
    end: int  # where the story's first sentence starts


def find_dateline(line: str) -> Dateline | None:
    """The dateline opening a paragraph, if any. It names no actor: "CARACAS — The interim
    government said ..." is about Venezuela's government, not an act of Caracas."""
    match = _DATELINE.match(line)
    if match is None:
        return None
    place = match.group("place")
    if sum(c.isalpha() for c in place) < 3:
        return None  # "US - Mexico talks", "UN - ": an abbreviation, not a place
    return Dateline(place, match.group("region"), match.group("agency"), match.group("dash") == ":", match.end())


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
