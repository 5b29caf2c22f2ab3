#!/usr/bin/env python3
"""Score statements read by any version of kg (or another coder) against gold files.

    kg extract --format jsonl --min-confidence 0 articles.jsonl > statements.jsonl
    python tools/score_jsonl.py statements.jsonl GOLD... [--min-confidence P]

The statements are `kg extract --format jsonl` records (README.md); an older kg's records
do too. The gold articles are read from the gold files (docs/annotation.md); write them as
a JSON Lines article file for the extractor with --articles first:

    python tools/score_jsonl.py --articles GOLD... > articles.jsonl

Statements are assigned to the gold sentence their sentence starts in, and scored by
kg.evaluate's matching, so the figures are comparable with `kg evaluate`'s (which assigns
by the predicate's position: the two differ only where kg's sentences and the coder's do).
Prints the triple-level precision, recall and F1 and the gold events by cause.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def participant(record: dict | None):
    from kg.model import Entity, Participant

    if not record:
        return None
    entity = Entity(record["id"], record["label"], record["type"], record.get("country"), record.get("sector"))
    return Participant(entity, record.get("text") or "")


def statement(record: dict):
    from kg.model import Action, Statement

    action = record["action"]
    return Statement(
        article=record["article"], sentence=record["sentence"], char_start=record["char_start"],
        char_end=record["char_end"], actor=participant(record["actor"]),
        action=Action(action["text"], action["lemma"], action["type"], action.get("cameo"), action.get("mode")),
        target=participant(record.get("target")), negated=record.get("negated", False),
        modality=record.get("modality", "asserted"), attributed_to=participant(record.get("attributed_to")),
        confidence=record.get("confidence", 1.0), predicate_offset=record["char_start"],
    )


def articles(gold_paths: list[str]) -> None:
    from kg.evaluate import GoldArticle, load_gold

    for item in load_gold(gold_paths):
        article = item.article if isinstance(item, GoldArticle) else item.article()
        print(json.dumps({"id": article.id, "title": article.title, "text": article.text, "date": article.date,
                          "source": article.source}, ensure_ascii=False))


def score(statement_path: str, gold_paths: list[str], threshold: float) -> None:
    from kg.evaluate import Counts, GoldArticle, causes, label, load_gold

    by_article: dict[str, list] = {}
    with open(statement_path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                if record["action"]["type"] and record.get("confidence", 1.0) >= threshold:
                    by_article.setdefault(record["article"], []).append(statement(record))
    pairs = []
    for item in load_gold(gold_paths):
        if isinstance(item, GoldArticle):
            found = by_article.get(item.article.id, [])
            buckets = [[] for _ in item.sentences]
            for s in found:
                buckets[item.sentence_of(s.char_start)].append(s)
            pairs += list(zip(item.sentences, buckets))
        else:
            pairs.append((item, by_article.get(item.id, [])))
    counts = Counts()
    for item, found in pairs:
        counts.predicted += len([s for s in found if item.start is not None or s.char_start >= item.sentence_start])
        counts.gold += len(item.events)
        counts.true_positives += sum(right for _, right in label(item, found))
    print(f"{len(pairs)} sentences, {counts.gold} gold events, {counts.predicted} statements "
          f"(min confidence {threshold:g})")
    print(f"triple P {counts.precision:.3f}  R {counts.recall:.3f}  F1 {counts.f1:.3f}")
    for cause, n in causes(pairs).items():
        print(f"  {cause}: {n}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", help="statements.jsonl then the gold files (with --articles: gold files)")
    parser.add_argument("--articles", action="store_true", help="write the gold files' articles as JSON Lines")
    parser.add_argument("--min-confidence", type=float, default=0.0)
    args = parser.parse_args(argv)
    if args.articles:
        articles(args.files)
    else:
        score(args.files[0], args.files[1:], args.min_confidence)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
