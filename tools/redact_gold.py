#!/usr/bin/env python3
"""Write the committable form of an article gold file whose text is under a publisher's copyright.

    python tools/redact_gold.py .local-news/dev-europe.jsonl tests/gold/news/dev-europe.redacted.jsonl

Each article keeps its id, url, outlet, date, query and licence, a SHA-256 of its text (so a
restored copy can be checked), and its sentences' events; each sentence keeps only its first
eight words as `snippet`. The article text and title stay out of the repository. Restore the
full record by finding the article again (its query and url) and pasting its text: see
tests/gold/news/README.md.
"""

from __future__ import annotations

import hashlib
import json
import sys

KEEP = ("id", "url", "outlet", "date", "date_estimated", "query", "licence")


def redact(record: dict) -> dict:
    out = {key: record[key] for key in KEEP if key in record}
    out["text_sha256"] = hashlib.sha256(record["text"].encode("utf-8")).hexdigest()
    out["sentences"] = [
        {"snippet": " ".join(sentence["text"].split()[:8]), "events": sentence.get("events", [])}
        for sentence in record["sentences"]
    ]
    return out


def main(source: str, target: str) -> int:
    with open(source, encoding="utf-8") as handle, open(target, "w", encoding="utf-8") as out:
        for line in handle:
            if line.strip():
                out.write(json.dumps(redact(json.loads(line)), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
