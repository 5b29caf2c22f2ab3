"""The command line, end to end: `kg relations`, `kg path` and `kg --help` on big stores.

For synthetic stores of 10k, 100k and 1M statements (benchmarks/synthetic.py,
kg's own RDF layout), this imports the data with `kg import`, then times whole
processes, as a user at a terminal meets them (process start, imports, store
opening, query, printing):

  kg --help
  kg relations "<busiest actor>"          one actor's relations, with evidence
  kg relations "<an actor of the top tenth>"  the same for a commonly seen, not dominant, actor
  kg path "<busiest actor>" "<a rare one>"  shortest path with each hop's evidence

and asks the same two questions through plain rdflib on a Turtle file of the
same triples, in a fresh process each (what a script without kg must do: parse
the file, then query): load time, answer time and the total. rdflib runs
under a memory cap (--rdflib-cap-gb); when it cannot load a file within it,
the table says so.

    python benchmarks/bench_query.py --sizes 10000 100000 1000000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

KG = [sys.executable, "-m", "kg"]

# The rdflib side: one process parses the Turtle file, then answers both questions the way a
# script without kg would, with rdflib's triple-pattern API (its SPARQL engine took over ten
# minutes on the relations query at 10k statements: it joins in the order written) and
# networkx over the relation triples for the path. It prints one JSON line of timings.
RDFLIB_SCRIPT = r'''
import json, sys, time
started = time.perf_counter()
import networkx as nx
import rdflib
from rdflib import RDF, RDFS, Namespace
KG = Namespace("https://w3id.org/kg-md/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
path, actor, other = sys.argv[1:4]
graph = rdflib.Graph()
try:
    graph.parse(path, format="turtle")
except MemoryError:
    print(json.dumps({"failed": "out of memory", "load_s": time.perf_counter() - started, "triples": len(graph)}))
    sys.exit(0)
loaded = time.perf_counter()
def entity(label):
    return next(s for s, o in graph.subject_objects(RDFS.label) if str(o) == label)
def evidence(relation):
    statement = next(graph.objects(relation, KG.supportedBy))
    return graph.value(graph.value(statement, PROV.wasDerivedFrom), KG.text)
me = entity(actor)
rows = []
for mine, theirs in ((KG.actor, KG.target), (KG.target, KG.actor)):
    for r in graph.subjects(mine, me):
        if (r, RDF.type, KG.Relation) in graph:
            counterpart = graph.value(r, theirs)
            rows.append((graph.value(r, KG.eventType), graph.value(counterpart, RDFS.label),
                         graph.value(r, KG.sourceCount), graph.value(r, KG.firstDate), evidence(r)))
answered_relations = time.perf_counter()
network = nx.Graph()
for r in graph.subjects(RDF.type, KG.Relation):
    network.add_edge(graph.value(r, KG.actor), graph.value(r, KG.target), relation=r)
hops = nx.shortest_path(network, me, entity(other))
texts = [evidence(network[a][b]["relation"]) for a, b in zip(hops, hops[1:])]
answered_path = time.perf_counter()
print(json.dumps({"load_s": loaded - started, "relations_s": answered_relations - loaded, "relation_rows": len(rows),
                  "path_s": answered_path - answered_relations, "hops": len(hops) - 1,
                  "peak_mb": __import__("resource").getrusage(__import__("resource").RUSAGE_SELF).ru_maxrss / 1024}))
'''


def timed(command: list[str], runs: int) -> tuple[float, str, str]:
    """Median wall time of a whole process (seconds), and its stdout and stderr."""
    times, output, notices = [], "", ""
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()[-300:]}")
        output, notices = done.stdout, done.stderr
    return statistics.median(times), output, notices


def rdflib_run(turtle: Path, actor: str, other: str, cap_gb: float) -> dict:
    def limit() -> None:
        cap = int(cap_gb * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", RDFLIB_SCRIPT, str(turtle), actor, other],
                          capture_output=True, text=True, preexec_fn=limit)
    total = time.perf_counter() - started
    if done.returncode != 0:
        return {"failed": f"exit {done.returncode}: {(done.stderr.strip().splitlines() or ['?'])[-1][:100]}", "total_s": total}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["total_s"] = total
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=5, help="runs of each kg command (the median is reported)")
    parser.add_argument("--rdflib-cap-gb", type=float, default=18.0)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()

    import pyoxigraph

    from synthetic import generate

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-query-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; whole processes, medians of {args.runs} runs; "
          f"rdflib capped at {args.rdflib_cap_gb:g} GB, one run")
    help_s, _, _ = timed(KG + ["--help"], args.runs)
    print(f"kg --help: {help_s * 1000:.0f} ms")
    for size in args.sizes:
        data = workdir / f"synthetic-{size}.nq"
        figures = generate(size, data)
        store = workdir / f"store-{size}"
        shutil.rmtree(store, ignore_errors=True)
        started = time.perf_counter()
        subprocess.run(KG + ["import", str(data), "--store", str(store), "--quiet"], check=True)
        imported = time.perf_counter() - started
        turtle = workdir / f"synthetic-{size}.ttl"
        with turtle.open("wb") as handle:  # the same triples, graphs merged: what a Turtle dump holds
            triples = (pyoxigraph.Triple(q.subject, q.predicate, q.object)
                       for q in pyoxigraph.parse(path=str(data), format=pyoxigraph.RdfFormat.N_QUADS))
            pyoxigraph.serialize(triples, handle, format=pyoxigraph.RdfFormat.TURTLE)
        data.unlink()
        actor, other = figures["busiest_label"], figures["quietest_label"]
        relations_s, relations_out, relations_notice = timed(KG + ["relations", actor, "--store", str(store), "--format", "json"], args.runs)
        typical = figures["typical_label"]
        typical_s, _, typical_notice = timed(KG + ["relations", typical, "--store", str(store), "--format", "json"], args.runs)
        path_s, path_out, _ = timed(KG + ["path", actor, other, "--store", str(store), "--format", "json"], args.runs)
        baseline = rdflib_run(turtle, actor, other, args.rdflib_cap_gb)
        turtle.unlink()
        shutil.rmtree(store, ignore_errors=True)
        hops = len(json.loads(path_out.splitlines()[0])) if path_out.strip() else 0
        print(f"\n{size:,} statements ({figures['quads']:,} quads; kg import {imported:.0f} s); "
              f"'{actor}': {relations_notice.strip().split(': ', 1)[-1]}; path to '{other}': {hops} hops")
        print(f"{'':<30}{'kg (s)':>10}{'rdflib (s)':>14}{'rdflib / kg':>14}")
        if "failed" in baseline:
            detail = baseline["failed"]
            if "triples" in baseline:
                detail += f" after {baseline['load_s']:.0f} s with {baseline['triples']:,} triples loaded"
            print(f"  rdflib: {detail}")
        load = baseline.get("load_s")
        for name, ours, theirs in (("relations, end to end", relations_s, baseline.get("relations_s")),
                                   ("path, end to end", path_s, baseline.get("path_s"))):
            total = (load + theirs) if "failed" not in baseline and theirs is not None else None
            ratio = f"{total / ours:.0f}×" if total else "-"
            print(f"{name:<30}{ours:>10.2f}{(f'{total:.1f}' if total else '-'):>14}{ratio:>14}")
        print(f"{'relations, a top-tenth actor':<30}{typical_s:>10.2f}{'':>14}{'':>14}"
              f"  ('{typical}': {typical_notice.strip().split(': ', 1)[-1]})")
        if "failed" not in baseline:
            print(f"{'  of which rdflib parsing':<30}{'':>10}{load:>14.1f}")
            print(f"{'  rdflib peak memory (MB)':<30}{'':>10}{baseline['peak_mb']:>14.0f}")


if __name__ == "__main__":
    main()
