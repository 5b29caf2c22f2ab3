#!/usr/bin/env python3
"""Rebuild full article gold records from a redacted file and the pages found again.

    python tools/restore_gold.py tests/gold/news/dev-europe.redacted.jsonl PAGES_DIR .local-news/dev-europe.jsonl

PAGES_DIR holds one UTF-8 file per article, named `<id>.txt`: the article page as the
project's search tool returns it (its excerpt, pasted as it comes, site noise and all). For
each article the tool keeps the lines that begin one of the record's sentences (a paragraph
begins with a sentence, so a line that begins none is a heading, a caption or site noise;
the first sentence may follow a prefix such as the page's date on its line), cuts the last
kept line after its last sentence, and accepts the text only when its SHA-256 is the one the
coder's text had. Each sentence's `text` then runs from its snippet to the next sentence's.
Standalone like tools/check_gold.py: no kg import.

Prints one line per article to stderr (restored, or why not); writes the restored
records; exit status 1 when any article could not be restored. Articles that could not
be restored are left out of the output, so the file can be measured on at once and
completed later.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import unicodedata
from pathlib import Path

# Sentence-final punctuation, possibly followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*")


def _snippet_pattern(snippet: str) -> re.Pattern:
    return re.compile(r"\s+".join(re.escape(word) for word in snippet.split()))


def _variants(raw: str):
    """The page's text in the spellings a coder may have kept it in."""
    yield raw
    yield unicodedata.normalize("NFC", raw)
    yield raw.replace("\u00a0", " ")


def _candidates(raw: str, snippets: list[str]):
    lines = [" ".join(line.split()) for line in raw.splitlines()]
    lines = [line for line in lines if line]
    patterns = [_snippet_pattern(snippet) for snippet in snippets]
    kept, start = [], 0
    for line in lines:
        # A kept line begins the next sentence not yet placed.
        for index in range(start, len(patterns)):
            found = patterns[index].search(line)
            # a line begins a sentence; the story's first one may follow the page's prefix
            # on the same line (" date 2025-10-21 Austria has ...")
            if found and (found.start() == 0 or not kept):
                line = line[found.start():]
                kept.append(line)
                start = index + 1
                while start < len(patterns) and patterns[start].search(line):
                    start += 1
                break
    if not kept or start < len(patterns):
        return
    for separator in ("\n", "\n\n"):  # some coders kept a blank line between paragraphs
        body = separator.join(kept)
        last_start = body.rfind(kept[-1])
        yield body
        for match in _SENTENCE_END.finditer(body, last_start):
            yield body[: match.end()]


def restore(record: dict, raw: str) -> dict | None:
    snippets = [sentence["snippet"] for sentence in record["sentences"]]
    for variant in _variants(raw):
        for text in _candidates(variant, snippets):
            if hashlib.sha256(text.encode("utf-8")).hexdigest() == record["text_sha256"]:
                return _with_sentences(record, text, snippets)
    return None


def _with_sentences(record: dict, text: str, snippets: list[str]) -> dict:
    starts, position = [], 0
    for snippet in snippets:
        match = _snippet_pattern(snippet).search(text, position)
        starts.append(match.start())
        position = match.end()
    ends = starts[1:] + [len(text)]
    full = {key: value for key, value in record.items() if key not in ("text_sha256", "sentences")}
    full["text"] = text
    full["sentences"] = [
        {"text": text[start:end].strip(), "events": sentence["events"]}
        for start, end, sentence in zip(starts, ends, record["sentences"])
    ]
    return full


def main(redacted: str, pages: str, out: str) -> int:
    failed = 0
    restored = []
    for line in Path(redacted).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        page = Path(pages) / f"{record['id']}.txt"
        if not page.exists():
            print(f"{record['id']}: no page {page}; find it with its query {record.get('query')!r}", file=sys.stderr)
            failed += 1
            continue
        full = restore(record, page.read_text(encoding="utf-8"))
        if full is None:
            print(f"{record['id']}: {page} does not give the coder's text (SHA-256 differs, or a sentence's "
                  f"first words are missing); compare it with the snippets", file=sys.stderr)
            failed += 1
            continue
        print(f"{record['id']}: restored", file=sys.stderr)
        restored.append(full)
    with open(out, "w", encoding="utf-8") as handle:
        for full in restored:
            handle.write(json.dumps(full, ensure_ascii=False) + "\n")
    print(f"{len(restored)} restored, {failed} not: {out}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
