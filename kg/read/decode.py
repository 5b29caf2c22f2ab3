"""Turn raw bytes into text, refusing empty, binary and non-UTF-8 input with a reason."""

from __future__ import annotations

import re
from datetime import date, datetime

from kg.errors import InputError

_BOM = "\ufeff"


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_bytes(data: bytes, origin: str) -> str:
    """Decode UTF-8 (a byte-order mark is allowed), or UTF-16 with its byte-order mark
    (what Windows editors save as "Unicode"); else raise InputError saying why not."""
    if not data.strip():
        raise InputError(origin, "file is empty; remove it or add the article text")
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16").removeprefix(_BOM)
        except UnicodeDecodeError as e:
            raise InputError(
                origin, f"starts like UTF-16 but is not valid UTF-16 (at byte {e.start}); convert it to UTF-8"
            ) from e
    if b"\x00" in data[:8192]:
        raise InputError(origin, "looks like a binary file (it contains NUL bytes); pass text, JSONL or HTML")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(
            origin,
            f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start}); "
            "convert it first, e.g. `iconv -f latin1 -t utf-8`",
            line=line,
        ) from e
    return text.removeprefix(_BOM)


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


def normalize_date(value: object, origin: str, line: int | None = None) -> str | None:
    """Return YYYY-MM-DD for an ISO 8601 date or timestamp; None for a missing one.

    Anything else is a problem for the user to fix, not something to guess.
    """
    if value is None or value == "":
        return None
    if isinstance(value, (date, datetime)):
        return value.strftime("%Y-%m-%d")
    match = _ISO_DATE.match(str(value).strip())
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            pass
    raise InputError(
        origin,
        f"date {value!r} is not an ISO 8601 date; write it as YYYY-MM-DD",
        line=line,
    )
