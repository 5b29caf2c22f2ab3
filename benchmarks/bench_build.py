"""How close `kg build` comes to the floor set by spaCy's own parse.

Runs, in one process on the same texts (the example articles, repeated
--copies times under new ids):

  1. spaCy nlp.pipe over the paragraphs kg parses (the floor: kg cannot be faster);
  2. kg's extraction (parse + reading clauses, no store);
  3. kg build (parse + reading + writing each article to a new store);
  4. kg build again on the same folder (nothing changed: no spaCy at all);
  5. the store stage alone: the same statements written one article a transaction, and in
     kg build's batches (the batches' baseline, without the parse's noise).

    python benchmarks/bench_build.py --copies 5
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=5, help="how many times the examples are repeated")
    args = parser.parse_args()

    from kg.build import build
    from kg.extract import Extractor
    from examples_corpus import repeated_examples, write_jsonl
    from kg.textshape import is_noise_line

    articles = repeated_examples(args.copies)
    paragraphs = [line for a in articles for line in a.text.split("\n") if line.strip() and not is_noise_line(line)]
    words = sum(len(p.split()) for p in paragraphs)
    extractor = Extractor()
    nlp = extractor.nlp
    for _ in nlp.pipe(paragraphs[:50]):  # warm up
        pass

    started = time.perf_counter()
    for _ in nlp.pipe(paragraphs, batch_size=64):
        pass
    floor = time.perf_counter() - started

    started = time.perf_counter()
    results = list(extractor.extract(articles))
    extraction = time.perf_counter() - started
    statements = sum(len(r.statements) for r in results)

    with tempfile.TemporaryDirectory() as folder:
        source = write_jsonl(articles, Path(folder) / "in.jsonl")
        store = Path(folder) / "store"
        started = time.perf_counter()
        report = build([str(source)], str(store), extractor=extractor)
        full = time.perf_counter() - started
        started = time.perf_counter()
        again = build([str(source)], str(store), extractor=extractor)
        unchanged = time.perf_counter() - started
        stores = store_only(results, Path(folder))

    n = len(articles)
    print(f"{n} articles, {len(paragraphs)} paragraphs, {words} words; {statements} statements; "
          f"pipeline {extractor.version}")
    print(f"{'stage':<34}{'seconds':>9}{'articles/s':>12}{'words/s':>10}{'× floor':>9}")
    for name, seconds in (
        ("spaCy nlp.pipe (floor)", floor),
        ("kg extraction (parse + read)", extraction),
        ("kg build (parse + read + store)", full),
        (f"kg build, nothing changed ({again.unchanged})", unchanged),
    ):
        print(f"{name:<34}{seconds:>9.2f}{n / seconds:>12.1f}{words / seconds:>10.0f}{seconds / floor:>9.2f}")
    print()
    print("writing the same statements, nothing else (the store stage alone)")
    one = stores[1]
    for size, seconds in stores.items():
        label = "an article a transaction" if size == 1 else f"batches of {size}"
        print(f"{label:<34}{seconds:>9.2f}{n / seconds:>12.1f}{'':>10}{one / seconds:>8.2f}× faster than one a transaction"
              if size != 1 else f"{label:<34}{seconds:>9.2f}{n / seconds:>12.1f}")
    assert report.extracted == n and again.unchanged == n


def store_only(readings, folder: Path) -> dict[int, float]:
    """Seconds to write the readings' statements into a new store, by articles per transaction."""
    from kg.build import BATCH_ARTICLES
    from kg.store import KnowledgeStore

    pairs = [(r.article, r.statements) for r in readings]
    times = {}
    for size in (1, BATCH_ARTICLES):
        with KnowledgeStore.open(folder / f"store-{size}", write=True, create=True) as store:
            started = time.perf_counter()
            for start in range(0, len(pairs), size):
                store.replace_articles([(a, s, True) for a, s in pairs[start:start + size]], "bench")
            times[size] = time.perf_counter() - started
    return times


if __name__ == "__main__":
    main()
