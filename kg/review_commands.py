"""The review commands: analysts confirm, reject and correct statements and merge, split,
rename and alias entities (kg.corrections), from the command line.

Registered on kg's `main` group when kg.cli imports this module; each command is a thin layer
over one kg.corrections function, as in kg.cli.
"""

from __future__ import annotations

import json

import click

from kg.cli import _TYPES, KgGroup, _emit, _notice, _quiet_option, _store_option, main

def _by_option(function):
    return click.option(
        "--by", "by", envvar="KG_ANALYST", metavar="NAME",
        help="Who makes the correction (default: $KG_ANALYST, else your login name).",
    )(function)


def _note_option(function):
    return click.option("--note", help="Why: kept with the correction (and in its exported line).")(function)


def _corrected(correction, quiet: bool, what: str) -> None:
    """The correction's id on stdout (for scripts), what it did on stderr."""
    click.echo(correction.id)
    _notice(f"{what} (correction {correction.id} by {correction.by})", quiet)


def _named(correction, iri: str | None) -> str:
    """An entity of a correction by its label (from the correction's snapshot), else its IRI."""
    return ((correction.context.get("entities") or {}).get(iri) or {}).get("label") or iri or "-"


def _statement_words(statement: dict | None) -> str:
    if not statement:
        return ""
    actor = (statement.get("actor") or {}).get("label") or "?"
    target = (statement.get("target") or {}).get("label") or "-"
    negated = "not " if statement.get("negated") else ""
    return f"{actor} {negated}{statement.get('type') or '?'} {target}: “{statement.get('sentence') or ''}”"


@main.command()
@click.argument("entity")
@_store_option
@click.option("--type", "types", multiple=True, type=_TYPES, help="Only statements of these types.")
@click.option("--with", "counterpart", metavar="NAME", help="Only statements between ENTITY and this one.")
@click.option("--rejected", is_flag=True, help="Also the statements analysts rejected (as the extractor read them).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--limit", "-n", default=0, help="Show at most this many (0: all).")
def statements(entity, store, types, counterpart, rejected, fmt, limit):
    """ENTITY's statements with their ids, to confirm, reject or correct them."""
    from kg.query.lookup import resolve
    from kg.query.lookup import statements as find_statements
    from kg.store import KnowledgeStore

    with KnowledgeStore.open(store) as ks:
        ref = resolve(ks, entity)
        other = resolve(ks, counterpart) if counterpart else None
        rows = find_statements(ks, ref, counterpart=other, types=tuple(t.upper() for t in types), rejected=rejected,
                               limit=limit or None)
    _notice(f"{ref.label} ({ref.type}{', ' + ref.country if ref.country else ''}): {len(rows)} statements")
    records = [
        {"id": r.id, "review": r.review or "-", "actor": r.actor_label or r.actor,
         "action": f"{'not ' if r.negated else ''}{r.event_type} {r.verb}" + (f" ({r.modality})" if r.modality != "asserted" else ""),
         "target": r.target_label or "-", "article": r.article, "sentence": r.sentence}
        for r in rows
    ]
    _emit(records, fmt, ["id", "review", "actor", "action", "target", "article", "sentence"])


def _verdict_command(name: str, verb: str, doc: str):
    """`kg confirm` and `kg reject`: the same verdict on each statement given."""

    @main.command(name, help=doc)
    @click.argument("statement_ids", metavar="STATEMENT...", nargs=-1, required=True)
    @_store_option
    @_by_option
    @_note_option
    @_quiet_option
    def command(statement_ids, store, by, note, quiet):
        from kg import corrections
        from kg.store import KnowledgeStore

        record = getattr(corrections, name)
        with KnowledgeStore.open(store, write=True, command=f"kg {name}") as ks:
            for statement in statement_ids:
                done = record(ks, statement, by=by, note=note)
                _corrected(done, quiet, f"{verb} {done.statement}: {_statement_words(done.context.get('statement'))}")

    return command


confirm = _verdict_command(
    "confirm", "confirmed", "Say statements are right as read (ids from `kg statements`); they count as gold.")
reject = _verdict_command(
    "reject", "rejected", "Strike wrong statements: they leave relations and exports, and stay out after rebuilds.")


@main.command()
@click.argument("statement")
@_store_option
@click.option("--type", "event_type", type=_TYPES, help="The right PLOVER type.")
@click.option("--actor", metavar="NAME", help="The right actor (any name or alias).")
@click.option("--target", metavar="NAME", help="The right target (any name or alias).")
@click.option("--negated/--asserted", "negated", default=None, help="The sentence says it did not happen / did.")
@_by_option
@_note_option
@_quiet_option
def correct(statement, store, event_type, actor, target, negated, by, note, quiet):
    """Set a statement's type, actor, target or negation (the rest stays as read)."""
    from kg import corrections
    from kg.store import KnowledgeStore

    if event_type is None and actor is None and target is None and negated is None:
        raise click.UsageError("say what to correct: --type, --actor, --target, --negated or --asserted")
    with KnowledgeStore.open(store, write=True, command="kg correct") as ks:
        done = corrections.correct(ks, statement, type=event_type.upper() if event_type else None, actor=actor,
                                   target=target, negated=negated, by=by, note=note)
    now = ", ".join(f"{k} {v}" for k, v in (("type", done.type), ("actor", _named(done, done.actor) if done.actor else None),
                                               ("target", _named(done, done.target) if done.target else None),
                                               ("negated", done.negated)) if v is not None)
    _corrected(done, quiet, f"corrected {done.statement} ({now}); it read: {_statement_words(done.context.get('statement'))}")


@main.command()
@click.argument("entity")
@click.argument("into")
@_store_option
@_by_option
@_note_option
@_quiet_option
def merge(entity, into, store, by, note, quiet):
    """Merge ENTITY into INTO: its statements (also in articles added later) and names go to INTO."""
    from kg import corrections
    from kg.store import KnowledgeStore

    with KnowledgeStore.open(store, write=True, command="kg merge") as ks:
        done = corrections.merge(ks, entity, into, by=by, note=note)
    _corrected(done, quiet, f"merged {_named(done, done.entity)} into {_named(done, done.into)}")


@main.command()
@click.argument("entity")
@click.argument("name")
@_store_option
@click.option("--article", "articles", multiple=True, metavar="ID", help="ENTITY's roles in this article go to NAME (repeatable).")
@click.option("--mention", "mentions", multiple=True, metavar="WORDS",
              help="ENTITY's actor/target mentions worded so go to NAME, in every article (repeatable).")
@click.option("--kind", type=click.Choice(["Country", "GovernmentBody", "Person", "Organization", "PopulationGroup",
                                           "Place", "Policy", "Object"]), help="The new entity's kind (default: ENTITY's).")
@click.option("--country", metavar="ISO3", help="The new entity's country (default: ENTITY's).")
@click.option("--sector", metavar="CODE", help="The new entity's PLOVER sector (default: ENTITY's).")
@_by_option
@_note_option
@_quiet_option
def split(entity, name, store, articles, mentions, kind, country, sector, by, note, quiet):
    """Split a new entity NAME off ENTITY: the roles in --article ids and the --mention words go to it."""
    from kg import corrections
    from kg.store import KnowledgeStore

    if not articles and not mentions:
        raise click.UsageError("say what goes to the new entity: --article ID or --mention WORDS (repeatable)")
    with KnowledgeStore.open(store, write=True, command="kg split") as ks:
        done = corrections.split(ks, entity, name, articles=articles, mentions=mentions, kind=kind, country=country,
                                 sector=sector, by=by, note=note)
    _corrected(done, quiet, f"split {done.name} ({done.into}) off {_named(done, done.entity)}")


def _entity_command(name: str, value: str, doc: str, describe):
    """`kg rename`, `kg alias`, `kg set-country`, `kg set-sector`: ENTITY and one value."""

    @main.command(name, help=doc)
    @click.argument("entity")
    @click.argument(value)
    @_store_option
    @_by_option
    @_note_option
    @_quiet_option
    def command(entity, store, by, note, quiet, **given):
        from kg import corrections
        from kg.store import KnowledgeStore

        record = getattr(corrections, name.replace("-", "_"))
        with KnowledgeStore.open(store, write=True, command=f"kg {name}") as ks:
            done = record(ks, entity, given[value], by=by, note=note)
        _corrected(done, quiet, describe(done))

    return command


rename = _entity_command(
    "rename", "name", "Give ENTITY the label NAME (the old label stays a name of it).",
    lambda done: f"renamed {_named(done, done.entity)} to {done.name}")
alias = _entity_command(
    "alias", "name", "Add NAME as another name of ENTITY (it then resolves in `kg relations`).",
    lambda done: f"{done.name!r} is now a name of {_named(done, done.entity)}")
set_country = _entity_command(
    "set-country", "code", "Set ENTITY's country (ISO 3166 alpha-3, or UNO, EUR, IGO, NGO).",
    lambda done: f"country of {_named(done, done.entity)} is {done.country}")
set_sector = _entity_command(
    "set-sector", "code", "Set ENTITY's PLOVER sector (GOV, MIL, COP, JUD, LEG, REF, ...).",
    lambda done: f"sector of {_named(done, done.entity)} is {done.sector}")


@main.group("corrections", cls=KgGroup)
def corrections_group() -> None:
    """List, export, import, apply and withdraw the analysts' corrections.

    The exported file (JSON Lines, one correction a line) can live in version
    control; importing it into a store built from scratch gives the same result.
    """


@corrections_group.command("list")
@_store_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.option("--unmatched", is_flag=True, help="Only those naming a statement or entity the store lacks.")
def corrections_list(store, fmt, unmatched):
    """Every correction, oldest first: when, who, what, on what."""
    from kg import corrections
    from kg.store import KnowledgeStore

    with KnowledgeStore.open(store) as ks:
        found = corrections.unmatched(ks) if unmatched else corrections.list_corrections(ks)
        missing = {c.id for c in (found if unmatched else corrections.unmatched(ks))}
    _notice(f"{len(found)} corrections" + (f", {len(missing)} naming nothing in this store" if missing and not unmatched else ""))
    if fmt == "jsonl":
        for c in found:
            click.echo(json.dumps(c.to_json(), ensure_ascii=False))
        return
    records = []
    for c in found:
        subject = c.statement or _named(c, c.entity)
        detail = {
            "correct": " ".join(f"{k}={v}" for k, v in (("type", c.type), ("actor", _named(c, c.actor) if c.actor else None),
                                                        ("target", _named(c, c.target) if c.target else None),
                                                        ("negated", c.negated)) if v is not None),
            "merge": f"into {_named(c, c.into)}",
            "split": f"{c.name} <- " + ", ".join([*c.articles, *(repr(m) for m in c.mentions)]),
            "rename": c.name, "alias": c.name, "set-country": c.country, "set-sector": c.sector,
        }.get(c.action) or _statement_words(c.context.get("statement"))
        records.append({"id": c.id, "at": c.at[:19].replace("T", " "), "by": c.by, "action": c.action,
                        "on": subject + (" (not in store)" if c.id in missing else ""),
                        "what": detail + (f"  [{c.note}]" if c.note else "")})
    _emit(records, "table", ["id", "at", "by", "action", "on", "what"])


@corrections_group.command("export")
@click.argument("file", required=False, default="-")
@_store_option
@click.option("--as-gold", "as_gold", is_flag=True,
              help="Write reviewed sentences as gold records for `kg evaluate` instead (docs/annotation.md).")
@_quiet_option
def corrections_export(file, store, as_gold, quiet):
    """Write the corrections to FILE (default: stdout) as JSON Lines, or reviewed sentences as gold."""
    from kg import corrections
    from kg.store import KnowledgeStore

    with KnowledgeStore.open(store) as ks:
        count = corrections.export_gold(ks, file) if as_gold else corrections.export_corrections(ks, file)
    what = "gold sentences" if as_gold else "corrections"
    _notice(f"wrote {count} {what}" + (f" to {file}" if file != "-" else ""), quiet)


@corrections_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@_store_option
@click.option("--replace", is_flag=True, help="Make FILE the store's corrections: those it lacks are withdrawn.")
@_quiet_option
def corrections_import(file, store, replace, quiet):
    """Add the corrections of FILE (from `kg corrections export`) and apply them."""
    from kg import corrections
    from kg.store import KnowledgeStore

    with KnowledgeStore.open(store, write=True, create=True, command="kg corrections import") as ks:
        report = corrections.import_corrections(ks, file, replace=replace)
    _notice(f"imported {file}: {report.added} new of {report.read} corrections"
            + (f", {report.removed} withdrawn" if report.removed else "")
            + f", {report.rewritten} statements rewritten", quiet)


@corrections_group.command("apply")
@_store_option
@_quiet_option
def corrections_apply(store, quiet):
    """Fold every correction into the store again (builds do this as they write)."""
    from kg import corrections
    from kg.store import KnowledgeStore

    with KnowledgeStore.open(store, write=True, command="kg corrections apply") as ks:
        rewritten = corrections.apply(ks)
    _notice(f"{rewritten} statements rewritten", quiet)


@corrections_group.command("withdraw")
@click.argument("correction_ids", metavar="CORRECTION...", nargs=-1, required=True)
@_store_option
@_quiet_option
def corrections_withdraw(correction_ids, store, quiet):
    """Remove corrections (ids from `kg corrections list`) and undo what they did."""
    from kg import corrections
    from kg.store import KnowledgeStore

    with KnowledgeStore.open(store, write=True, command="kg corrections withdraw") as ks:
        for correction_id in correction_ids:
            done = corrections.withdraw(ks, correction_id)
            _notice(f"withdrew {done.id} ({done.action} by {done.by})", quiet)


