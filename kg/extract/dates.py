"""When an event happened, from the words around its predicate and the article's date.

"on Friday", "Wednesday", "last week", "in 2023", "January 24", "yesterday"
resolve against the publication date; past-tense events look back from it,
future ones forward. Without a publication date, only absolute dates
("January 24, 2025", "in 2023") resolve; the rest stay as text.

Results are ISO strings at the precision the words give: YYYY, YYYY-MM or
YYYY-MM-DD ("last week" gives the Monday that week began).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")
_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")


def resolve(text: str, published: str | None, future: bool = False) -> str | None:
    """ISO date for a date expression, or None when it cannot be pinned down.

    >>> resolve("on Friday", "2025-01-27")
    '2025-01-24'
    >>> resolve("in 2023", None)
    '2023'
    """
    words = re.sub(r"[^\w\s]", " ", text.lower()).split()
    if not words:
        return None
    base = date.fromisoformat(published) if published else None
    year_match = _YEAR.search(text)
    month = next((_MONTHS[w] for w in words if w in _MONTHS and not (w == "may" and len(words) == 1)), None)

    if month is not None:
        day_match = None
        for match in _DAY.finditer(text):
            if not _YEAR.fullmatch(match.group(1)) and 1 <= int(match.group(1)) <= 31:
                day_match = match
                break
        if year_match:
            year = int(year_match.group(1))
        elif base is not None:
            year = _year_for_month(base, month, future)
        else:
            return None
        if day_match:
            try:
                return date(year, month, int(day_match.group(1))).isoformat()
            except ValueError:
                return f"{year:04d}-{month:02d}"
        return f"{year:04d}-{month:02d}"
    if year_match and not any(w in _WEEKDAYS for w in words):
        return year_match.group(1)
    if base is None:
        return None
    if "today" in words or "tonight" in words or "this morning" in text.lower():
        return base.isoformat()
    if "yesterday" in words:
        return (base - timedelta(days=1)).isoformat()
    if "tomorrow" in words:
        return (base + timedelta(days=1)).isoformat()
    for index, name in enumerate(_WEEKDAYS):
        if name in words:
            return _weekday(base, index, future or "next" in words, "last" in words).isoformat()
    if "week" in words or "weekend" in words:
        monday = base - timedelta(days=base.weekday())
        if "last" in words or "past" in words:
            return (monday - timedelta(days=7)).isoformat()
        if "next" in words:
            return (monday + timedelta(days=7)).isoformat()
        if "this" in words:
            return monday.isoformat()
    if "month" in words:
        if "last" in words or "past" in words:
            first = base.replace(day=1) - timedelta(days=1)
            return f"{first.year:04d}-{first.month:02d}"
        if "next" in words:
            nxt = (base.replace(day=28) + timedelta(days=4)).replace(day=1)
            return f"{nxt.year:04d}-{nxt.month:02d}"
        if "this" in words:
            return f"{base.year:04d}-{base.month:02d}"
    if "year" in words:
        if "last" in words:
            return str(base.year - 1)
        if "next" in words:
            return str(base.year + 1)
        if "this" in words or "earlier" in words:
            return str(base.year)
    return None


def _weekday(base: date, weekday: int, forward: bool, strictly_past: bool) -> date:
    if forward:
        return base + timedelta(days=(weekday - base.weekday()) % 7)
    back = (base.weekday() - weekday) % 7
    if strictly_past and back == 0:
        back = 7
    return base - timedelta(days=back)


def _year_for_month(base: date, month: int, future: bool) -> int:
    if future:
        return base.year if month >= base.month else base.year + 1
    return base.year if month <= base.month else base.year - 1
