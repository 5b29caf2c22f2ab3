"""Parallel builds against one job, in the same run: `--jobs N` and a Dask LocalCluster.

Every path builds a new store from the same articles (the examples, repeated --copies
times under new ids) and counts from the start of the build to the last article
stored, pipeline loading included (each worker loads spaCy once), as a user would.

    python benchmarks/bench_parallel.py --copies 6
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
    parser.add_argument("--copies", type=int, default=6, help="how many times the examples are repeated")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask paths")
    args = parser.parse_args()

    from examples_corpus import repeated_examples, write_jsonl
    from kg.build import build

    articles = repeated_examples(args.copies)
    paths = [("jobs 1", {"jobs": 1}), ("jobs 2", {"jobs": 2})]
    if not args.no_dask:
        paths += [("dask local:1", {"cluster": "local:1"}), ("dask local:2", {"cluster": "local:2"})]
    with tempfile.TemporaryDirectory() as folder:
        source = write_jsonl(articles, Path(folder) / "in.jsonl")
        results = {}
        for name, options in paths:
            started = time.perf_counter()
            report = build([str(source)], str(Path(folder) / name.replace(" ", "-").replace(":", "")), **options)
            results[name] = (time.perf_counter() - started, report)
            print(f"  {name}: {report.extracted} articles in {results[name][0]:.1f} s", file=sys.stderr)

    print(f"{len(articles)} articles ({args.copies} copies of the examples), on {_cores()} cores")
    print(f"{'path':<16}{'seconds':>9}{'articles/s':>12}{'statements':>12}{'speed-up':>10}")
    for name, (seconds, report) in results.items():
        baseline = results["dask local:1" if name.startswith("dask") else "jobs 1"][0]
        print(f"{name:<16}{seconds:>9.1f}{report.extracted / seconds:>12.1f}{report.statements:>12}"
              f"{baseline / seconds:>9.2f}×")


def _cores() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    main()
