"""The benchmarks' reading corpus: the example articles repeated under new ids, and as JSONL.

Repeating the bundled examples keeps the benchmarks reproducible from a clone (no other
text is committed) while giving spaCy enough to read for stable timings.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def repeated_examples(copies: int) -> list:
    """examples/articles read as kg reads them, `copies` times, ids suffixed -0, -1, ..."""
    from kg.read import read_articles

    base = list(read_articles([ROOT / "examples" / "articles"]))
    return [replace(a, id=f"{a.id}-{n}") for n in range(copies) for a in base]


def write_jsonl(articles, path: Path) -> Path:
    """The articles as one JSON Lines file that `kg build` reads back to the same articles."""
    with path.open("w", encoding="utf-8") as handle:
        for a in articles:
            handle.write(json.dumps({"id": a.id, "title": a.title, "text": a.text, "date": a.date}) + "\n")
    return path
