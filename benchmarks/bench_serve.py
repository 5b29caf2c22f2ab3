"""kg serve: how fast it starts and how fast its pages answer, on the example store and at 100k statements.

The big store is the example store many times over: each copy of each article is
a new article (its id, its statements' ids and its sentences suffixed, its dates
moved on by 11 days a copy, so that copies are distinct events rather than one
relation with hundreds of sources; undated statements, as in a build, all merge),
written as N-Quads with the relations merged and the network summary made by kg's own
code (kg.store.relations, kg.store.summary), and loaded with `kg import`.
So the pages meet real sentences, the real actors (Mexico, the United States, with
their relations multiplied) and the real shape of the graph.

For each store, this starts `kg serve --read-only` as a user does (a fresh
process; the time until its first answer is the start time), then asks each page
over HTTP: the first answer (cold: caches empty) and the median of the next five.

    python benchmarks/bench_serve.py                 # example store and ~100k statements
    python benchmarks/bench_serve.py --statements 0  # the example store only

With --workdir, the stores are kept there and used again by the next run.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.model import short_hash  # noqa: E402
from kg.vocab import ID, KG  # noqa: E402

KG_COMMAND = [sys.executable, "-m", "kg"]
ARTICLE_GRAPHS = f"<{ID}graph/article/"
RELATIONS = f"<{ID}graph/relations>"
NETWORK = f"<{ID}graph/network>"

PAGES = [
    ("home", "/"),
    ("search “Mexican government”", "/search?q=Mexican+government"),
    ("actor: Mexico", "/entity/country/MEX"),
    ("actor: United States (busiest)", "/entity/country/USA"),
    ("evidence: Mexico REJECT United States", "{relation}"),
    ("article", "/article/002_7b4837244018cd6d"),
    ("timeline: Colombia and United States", "/timeline?a=Colombia&b=United+States"),
    ("network (150 nodes), drawn", "/network"),
    ("network, only REJECT", "/network?type=REJECT"),
    ("SPARQL page: REJECT relations", "/query?query=" + urllib.parse.quote(
        "SELECT ?a ?t WHERE { ?a plover:reject ?t } LIMIT 100")),
    ("/sparql JSON: count per type", "/sparql?query=" + urllib.parse.quote(
        "SELECT ?type (COUNT(?r) AS ?n) WHERE { GRAPH kgr:graph\\/relations { ?r kg:eventType ?type } } GROUP BY ?type")),
]


# ---------------------------------------------------------------------- the big store
def multiply(example: Path, copies: int, work: Path) -> Path:
    """A store holding `copies` copies of every article of `example` (see the module docstring)."""
    import pyoxigraph

    from kg.store import KnowledgeStore

    dump = work / "examples.nq"
    with KnowledgeStore.open(example) as store:
        store.export(str(dump), pyoxigraph.RdfFormat.N_QUADS)
        supports = _supports(store)
    lines = dump.read_text(encoding="utf-8").splitlines()
    articles = [l for l in lines if ARTICLE_GRAPHS in l.rsplit(" ", 2)[-2]]
    shared = [l for l in lines if ARTICLE_GRAPHS not in l.rsplit(" ", 2)[-2]
              and not l.endswith((f"{RELATIONS} .", f"{NETWORK} ."))]
    data = work / f"examples-x{copies}.nq"
    with data.open("w", encoding="utf-8") as out:
        out.write("\n".join(shared) + "\n")
        for copy in range(copies):
            out.write("\n".join(_copy(line, copy) for line in articles) + "\n")
        # the relations and the network summary, by kg's own code (kg.store.relations, kg.store.summary)
        # as a build makes them: this takes seconds where KnowledgeStore.rebuild_relations, one update
        # over the store, takes minutes
        out.write("\n".join(_relations_and_summary(supports, copies)) + "\n")
    store = work / f"store-x{copies}"
    shutil.rmtree(store, ignore_errors=True)
    subprocess.run(KG_COMMAND + ["import", str(data), "--store", str(store), "--quiet"], check=True)
    data.unlink()
    dump.unlink()
    return store


def _supports(store) -> list:
    from kg.store import ARTICLE_GRAPH_PREFIX
    from kg.store.relations import Support

    rows = store.select(
        """SELECT ?s ?g ?a ?t ?target ?negated ?modality ?date ?destination WHERE { GRAPH ?g {
             ?s kg:actor ?a ; kg:eventType ?t ; kg:negated ?negated ; kg:modality ?modality .
             OPTIONAL { ?s kg:target ?target } OPTIONAL { ?s kg:date ?date } OPTIONAL { ?s kg:destination ?destination } }
           FILTER(STRSTARTS(STR(?g), STR(kgr:graph\\/article\\/))) }"""
    )
    return [Support(r["s"], ID + "article/" + r["g"][len(ARTICLE_GRAPH_PREFIX):], r["a"], r["t"], r["target"],
                    bool(r["negated"]), r["modality"], r["date"], r["destination"]) for r in rows]


def _relations_and_summary(supports: list, copies: int) -> list[str]:
    from dataclasses import replace

    from kg.store.relations import DEFAULT_WINDOW_DAYS, clusters, relation_triples
    from kg.store.summary import edge_triples, marker_triple, network_edges

    by_key: dict[tuple, list] = {}
    for copy in range(copies):
        for support in supports:
            moved = support if copy == 0 else replace(
                support, statement=_copy(f"<{support.statement}>", copy)[1:-1],
                article=_copy(f"<{support.article}>", copy)[1:-1], date=_shift(support.date, copy))
            by_key.setdefault(moved.key, []).append(moved)
    lines, groups = [], []
    for key in sorted(by_key):
        for group in clusters(by_key[key], DEFAULT_WINDOW_DAYS):
            groups.append(group)
            lines.extend(line[:-1] + f"{RELATIONS} ." for line in dict.fromkeys(relation_triples(group)))
    supports = [support for members in by_key.values() for support in members]
    for _, edge in sorted(network_edges(groups, supports).items()):
        lines.extend(f"<{s}> <{p}> {o} {NETWORK} ." for s, p, o in edge_triples(edge))
    lines.append(marker_triple()[:-1] + f"{NETWORK} .")
    return lines


def _shift(value: str | None, copy: int) -> str | None:
    if not value or len(value) != 10:
        return value  # a month or a year stays: copies of it merge, as reports of one month do
    return (date.fromisoformat(value) + timedelta(days=11 * copy)).isoformat()


_ARTICLE = re.compile(rf"<({re.escape(ID)}(?:graph/)?article/)([^>]+)>")
_SENTENCE = re.compile(rf"<({re.escape(ID)}sentence/)(.+)/(\d+)>")
_STATEMENT = re.compile(rf"<({re.escape(ID)}statement/)([0-9a-f]{{16}})>")
_ARTICLE_ID = re.compile(rf'(<{re.escape(KG)}articleId> )"([^"]*)"')
_DATE = re.compile(r'"(\d{4}-\d{2}-\d{2})"\^\^<http://www\.w3\.org/2001/XMLSchema#date>')


def _copy(line: str, copy: int) -> str:
    if copy == 0:
        return line  # the first copy is the example store itself: its links stay valid
    line = _ARTICLE.sub(lambda m: f"<{m.group(1)}{m.group(2)}-c{copy}>", line)
    line = _SENTENCE.sub(lambda m: f"<{m.group(1)}{m.group(2)}-c{copy}/{m.group(3)}>", line)
    line = _STATEMENT.sub(lambda m: f"<{m.group(1)}{short_hash(m.group(2), str(copy))}>", line)
    line = _ARTICLE_ID.sub(lambda m: f'{m.group(1)}"{m.group(2)}-c{copy}"', line)
    return _DATE.sub(lambda m: f'"{_shift(m.group(1), copy)}"^^<http://www.w3.org/2001/XMLSchema#date>', line)


# ---------------------------------------------------------------------- timing
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[float, int]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=300) as response:
        response.read()
        status = response.status
    return time.perf_counter() - started, status


@contextmanager
def _serving(store: Path):
    """`kg serve --read-only` on `store` in a fresh process: (its URL, seconds until it answered)."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    process = subprocess.Popen(KG_COMMAND + ["serve", "--store", str(store), "--port", str(port), "--read-only"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        while True:
            try:
                _get(url + "/static/kg.css")
                break
            except OSError:
                if process.poll() is not None:
                    raise SystemExit("kg serve exited before answering")
                time.sleep(0.02)
        yield url, time.perf_counter() - started
    finally:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def measure(store: Path, runs: int) -> tuple[float, list[tuple[str, float, float]]]:
    shutil.rmtree(store / "drawings", ignore_errors=True)  # a first start: no drawing kept yet
    with _serving(store) as (url, start):
        # the server draws the default network in the background as it starts; the first visitor
        # to the network page waits for what is left of it. The pages below are timed after it.
        waited, _ = _get(url + "/network")
        relation = _mexico_refusal(url)
        figures = [("network, asked at once after start", waited, None)]
        for name, path in PAGES:
            target = url + path.format(relation=relation)
            cold, status = _get(target)
            assert status == 200, (name, status)
            warm = statistics.median(_get(target)[0] for _ in range(runs))
            figures.append((name, cold, warm))
    with _serving(store) as (url, _):
        # a server started again on the same snapshot finds the drawings the first one kept
        figures.append(("network, asked at once after a restart", _get(url + "/network")[0], None))
        figures.append(("network, only REJECT, after a restart", _get(url + "/network?type=REJECT")[0], None))
    return start, figures


def _mexico_refusal(url: str) -> str:
    with urllib.request.urlopen(url + "/entity/country/MEX?type=REJECT", timeout=300) as response:
        page = response.read().decode("utf-8")
    return re.search(r'href="(/relation/[0-9a-f]+)"', page).group(1)


def _counts(store: Path) -> dict:
    from kg.store import KnowledgeStore

    with KnowledgeStore.open(store) as opened:
        return opened.counts()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=100_000, help="size of the big store (0: none)")
    parser.add_argument("--runs", type=int, default=5, help="warm requests per page (the median is reported)")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-serve-"))
    work.mkdir(parents=True, exist_ok=True)

    from kg.build import build

    example = work / "store-examples"
    if not (example / "kg-store.json").exists():
        build([str(ROOT / "examples" / "articles")], str(example))
    stores = [("example store", example)]
    if args.statements:
        per_copy = _counts(example)["statements"]
        copies = max(1, round(args.statements / per_copy))
        big = work / f"store-x{copies}"
        if not (big / "kg-store.json").exists():  # kept in --workdir between runs
            started = time.perf_counter()
            big = multiply(example, copies, work)
            made = time.perf_counter() - started
            print(f"made the big store in {made:.0f} s ({copies} copies of {per_copy} statements)", file=sys.stderr)
        stores.append((f"examples ×{copies}", big))
    print(f"machine: {os.cpu_count()} cores; `kg serve --read-only` in a fresh process; "
          f"first answer, then the median of {args.runs}")
    for title, store in stores:
        counts = _counts(store)
        start, figures = measure(store, args.runs)
        print(f"\n{title}: {counts['statements']:,} statements, {counts['relations']:,} relations, "
              f"{counts['articles']:,} articles; kg serve answers {start:.2f} s after it is started\n")
        print("| page | first (ms) | then (ms) |")
        print("|---|---:|---:|")
        for name, cold, warm in figures:
            print(f"| {name} | {cold * 1000:.0f} | {'' if warm is None else f'{warm * 1000:.0f}'} |")


if __name__ == "__main__":
    main()
