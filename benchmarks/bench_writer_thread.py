"""Would a writer thread hide the store's cost behind the parse, on one job?

`kg build` on one job parses, reads and writes in turn. If pyoxigraph released Python's
GIL while it applies a SPARQL update, a writer thread could store one batch while the
main thread parses the next, and the build would cost max(parse, store) instead of their
sum. This times, in one process, an update of N triples alone, a pure-Python loop alone
(standing in for the parse and reading), and both at once in two threads.

    python benchmarks/bench_writer_thread.py [--triples 60000]

A ratio "both / sum" near 1 (or above) means the update holds the GIL: no overlap.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=60_000)
    args = parser.parse_args()

    import pyoxigraph

    store = pyoxigraph.Store(tempfile.mkdtemp(prefix="kg-bench-writer-"))
    triples = " ".join(f'<http://example.org/s{i}> <http://example.org/p> "{i}" .' for i in range(args.triples))
    update = f"INSERT DATA {{ GRAPH <http://example.org/g> {{ {triples} }} }}"

    def python_work() -> None:
        total = 0
        for i in range(6_000_000):
            total += i

    def timed(action) -> float:
        store.update("CLEAR ALL")
        started = time.perf_counter()
        action()
        return time.perf_counter() - started

    alone = timed(lambda: store.update(update))
    work = timed(python_work)

    def both() -> None:
        writer = threading.Thread(target=store.update, args=(update,))
        writer.start()
        python_work()
        writer.join()

    together = timed(both)
    print(f"pyoxigraph {pyoxigraph.__version__}: update of {args.triples:,} triples {alone:.2f} s; "
          f"Python loop {work:.2f} s; both in two threads {together:.2f} s "
          f"(both / sum {together / (alone + work):.2f}; both / longer {together / max(alone, work):.2f})")


if __name__ == "__main__":
    main()
