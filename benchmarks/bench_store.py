"""kg's store (Oxigraph on disk) against rdflib's in-memory store, side by side in one run.

For synthetic stores of 10k, 100k and 1M statements in kg's own layout
(benchmarks/synthetic.py), each engine runs in a child process of its own, so
that peak memory is its alone, and reports: load time, peak memory (max RSS),
disk size, and the median latency of four typical queries:

  relations  one actor's relations with the counterpart's label: the busiest actor's, and
             those of an actor from the top tenth by popularity
  counts     statements per event type (an aggregate over everything)
  between    the relations between two actors in a date range
  two-hop    an actor's two-hop neighbourhood over the plain triples

rdflib runs under a memory cap (--rdflib-cap-gb, default 18 GB of this
machine's 24): when it cannot load a dataset within it, the table says so
with what it had loaded and how long it took. A query run over 600 s, or a load
over an hour, is stopped and reported as such.

    python benchmarks/bench_store.py --sizes 10000 100000 1000000
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

PREFIXES = """PREFIX kg: <https://w3id.org/kg-md/ontology#>
PREFIX plover: <https://w3id.org/kg-md/plover#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
RELATIONS = "https://w3id.org/kg-md/id/graph/relations"
ENTITIES = "https://w3id.org/kg-md/id/graph/entities"
QUERY_BUDGET_MS = 30_000
QUERY_STOP_S = 600  # one query run longer than this is stopped and reported as "> 600 s"
LOAD_BUDGET_S = 3600  # a load longer than this is stopped and reported with what it had loaded


def queries(busiest: str, second: str, typical: str) -> dict[str, str]:
    def relations(actor: str) -> str:
        return PREFIXES + f"""SELECT ?type ?label ?sources ?first WHERE {{
            GRAPH <{RELATIONS}> {{ ?r kg:actor <{actor}> ; kg:eventType ?type ; kg:target ?other ; kg:sourceCount ?sources .
                                  OPTIONAL {{ ?r kg:firstDate ?first }} }}
            GRAPH <{ENTITIES}> {{ ?other rdfs:label ?label }} }}"""

    return {
        "relations": relations(busiest),
        "relations, top tenth": relations(typical),
        "counts": PREFIXES + "SELECT ?type (COUNT(?s) AS ?n) WHERE { GRAPH ?g { ?s kg:eventType ?type } } GROUP BY ?type",
        "between": PREFIXES + f"""SELECT ?r ?type ?first WHERE {{ GRAPH <{RELATIONS}> {{
            ?r kg:actor <{busiest}> ; kg:target <{second}> ; kg:eventType ?type ; kg:firstDate ?first .
            FILTER(?first >= "2023-01-01"^^xsd:date && ?first < "2024-01-01"^^xsd:date) }} }}""",
        "two-hop": PREFIXES + f"""SELECT (COUNT(DISTINCT ?n2) AS ?n) WHERE {{ GRAPH <{RELATIONS}> {{
            <{busiest}> ?p ?n1 . ?n1 ?q ?n2 .
            FILTER(STRSTARTS(STR(?p), STR(plover:)) && STRSTARTS(STR(?q), STR(plover:))) }} }}""",
    }


# ---------------------------------------------------------------------- children
def child(engine: str, data: Path, figures: dict, runs: int, workdir: Path) -> dict:
    started = time.perf_counter()
    result: dict = {"engine": engine}
    if engine == "oxigraph":
        import pyoxigraph

        path = workdir / "oxigraph"
        shutil.rmtree(path, ignore_errors=True)
        store = pyoxigraph.Store(str(path))
        store.bulk_load(path=str(data), format=pyoxigraph.RdfFormat.N_QUADS)  # what `kg import` does
        store.flush()
        result["load_s"] = time.perf_counter() - started
        result["disk_mb"] = sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20

        def run(text: str) -> int:
            return len(list(store.query(text)))
    else:
        import rdflib

        dataset = rdflib.Dataset(default_union=True)
        try:
            with _deadline(LOAD_BUDGET_S):
                dataset.parse(str(data), format="nquads")
        except (MemoryError, TimeoutError) as stopped:
            reason = "out of memory" if isinstance(stopped, MemoryError) else f"not loaded in {LOAD_BUDGET_S} s"
            result.update(load_s=time.perf_counter() - started, failed=reason,
                          loaded_quads=len(dataset), peak_mb=_peak_mb())
            return result
        result["load_s"] = time.perf_counter() - started
        result["disk_mb"] = data.stat().st_size / 2**20  # an in-memory store lives in its source file

        def run(text: str) -> int:
            return len(list(dataset.query(text)))

    result["latency_ms"] = {}
    for name, text in queries(figures["busiest"], figures["second"], figures["typical"]).items():
        times, rows = [], 0
        while len(times) < runs and sum(times) < QUERY_BUDGET_MS:  # a 40-second query is measured once
            t = time.perf_counter()
            try:
                with _deadline(QUERY_STOP_S):
                    rows = run(text)
            except TimeoutError:
                times = None  # stopped: the report says "> QUERY_STOP_S"
                break
            times.append((time.perf_counter() - t) * 1000)
        result["latency_ms"][name] = statistics.median(times) if times else f"> {QUERY_STOP_S} s"
        result.setdefault("rows", {})[name] = rows
    result["peak_mb"] = _peak_mb()
    return result


@contextlib.contextmanager
def _deadline(seconds: int):
    """Raise TimeoutError in this (pure-Python) work after `seconds`: rdflib's parser and SPARQL
    engine run in Python, so an alarm stops them where a subprocess timeout would lose the figures."""
    def stop(signum, frame):
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def spawn(engine: str, data: Path, figures: dict, runs: int, workdir: Path, cap_gb: float | None) -> dict:
    def limit() -> None:
        if cap_gb:
            cap = int(cap_gb * 2**30)
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    command = [sys.executable, __file__, "--child", engine, str(data), json.dumps(figures), str(runs), str(workdir)]
    done = subprocess.run(command, capture_output=True, text=True, preexec_fn=limit if engine == "rdflib" else None)
    if done.returncode != 0:
        return {"engine": engine, "failed": f"exit {done.returncode}: {(done.stderr.strip().splitlines() or ['?'])[-1][:120]}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------- report
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=5, help="query repetitions (the median is reported)")
    parser.add_argument("--rdflib-cap-gb", type=float, default=18.0)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        engine, data, figures, runs, workdir = args.child
        print(json.dumps(child(engine, Path(data), json.loads(figures), int(runs), Path(workdir))))
        return

    from synthetic import generate

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; rdflib capped at {args.rdflib_cap_gb:g} GB; medians of {args.runs} runs, or fewer when a query takes over 30 s")
    rows = []
    for size in args.sizes:
        data = workdir / f"synthetic-{size}.nq"
        started = time.perf_counter()
        figures = generate(size, data)
        print(f"\n{size:,} statements: {figures['quads']:,} quads, {figures['relations']:,} relations, "
              f"{figures['articles']:,} articles (generated in {time.perf_counter() - started:.0f} s)", flush=True)
        results = {engine: spawn(engine, data, figures, args.runs, workdir, args.rdflib_cap_gb) for engine in ("oxigraph", "rdflib")}
        rows.append((size, figures, results))
        report(size, results)
        data.unlink(missing_ok=True)
        shutil.rmtree(workdir / "oxigraph", ignore_errors=True)


def report(size: int, results: dict) -> None:
    ox, rd = results["oxigraph"], results["rdflib"]
    names = ("relations", "relations, top tenth", "counts", "between", "two-hop")
    print(f"{'':<26}{'oxigraph (kg)':>16}{'rdflib memory':>16}{'rdflib / kg':>14}")

    def line(label: str, a, b, unit: str = "", fmt: str = "{:.1f}") -> None:
        left = fmt.format(a) + unit if isinstance(a, (int, float)) else str(a)
        right = fmt.format(b) + unit if isinstance(b, (int, float)) else str(b)
        ratio = f"{b / a:.1f}×" if isinstance(a, (int, float)) and isinstance(b, (int, float)) and a else ""
        print(f"{label:<26}{left:>16}{right:>16}{ratio:>14}")

    if "failed" in rd:
        detail = rd["failed"]
        if "loaded_quads" in rd:
            detail += f" after {rd['load_s']:.0f} s ({rd['loaded_quads']:,} quads, {rd['peak_mb'] / 1024:.1f} GB)"
        print(f"  rdflib: {detail}")
        rd = {}
    line("load (s)", ox.get("load_s", ox.get("failed")), rd.get("load_s", "-"))
    line("peak memory (MB)", ox.get("peak_mb", "-"), rd.get("peak_mb", "-"), fmt="{:.0f}")
    line("disk (MB)", ox.get("disk_mb", "-"), rd.get("disk_mb", "-"), fmt="{:.0f}")
    for name in names:
        a = ox.get("latency_ms", {}).get(name, "-")
        b = rd.get("latency_ms", {}).get(name, "-")
        line(f"{name} (ms)", a, b, fmt="{:.1f}")


if __name__ == "__main__":
    main()
