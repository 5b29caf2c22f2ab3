"""Analysts' corrections, kept apart from extraction and applied by every build.

A correction is an assertion by a named analyst at a time (PROV-O:
prov:wasAttributedTo, prov:generatedAtTime), stored in the graph
kgr:graph/corrections, which no build, rebuild or article removal touches.
Every write of an article folds the corrections into what it writes, and
each call below folds its correction into the statements already stored,
in the same transaction as the record (kg.corrections.fold says how).

    from kg import corrections
    from kg.store import KnowledgeStore

    with KnowledgeStore.open("kg-store", write=True) as store:
        corrections.reject(store, "60cfebab9bf092d8", by="ana", note="same refusal as the Breitbart report")
        corrections.merge(store, "Adviser of United States", "Liz Sherwood-Randall", by="ana")
        corrections.alias(store, "Liz Sherwood-Randall", "Elizabeth Sherwood-Randall", by="ana")
        corrections.export_corrections(store, "corrections.jsonl")

API (every function takes an open store, writable for the ones that change it;
statements are short ids (16 hex digits, as `kg statements` and `kg extract`
print them) or their IRIs; entities are IRIs or any name or alias, resolved as
`kg relations` resolves them; `by` defaults to $KG_ANALYST, else the login
name; each returns the Correction it recorded):

    confirm(store, statement, by=None, note=None) -> Correction
    reject(store, statement, by=None, note=None) -> Correction
    correct(store, statement, *, type=None, actor=None, target=None, negated=None, by=None, note=None)
    merge(store, entity, into, by=None, note=None)           entity goes, into stays; aliases follow
    split(store, entity, name, *, articles=(), mentions=(), kind=None, country=None, sector=None,
          by=None, note=None)                                 a new entity `name` takes over entity's
                                                              roles in `articles`, and its actor/target
                                                              mentions worded as one of `mentions`
    rename(store, entity, name, by=None, note=None)           the old name stays an alias
    alias(store, entity, name, by=None, note=None)
    set_country(store, entity, code, by=None, note=None)      ISO 3166 alpha-3 (or UNO, EUR, IGO, NGO)
    set_sector(store, entity, code, by=None, note=None)       PLOVER sector (GOV, MIL, COP, ...)
    withdraw(store, correction_id) -> Correction              the record goes; what it did is undone
    list_corrections(store, *, statement=None, entity=None) -> list[Correction]   oldest first
    unmatched(store) -> list[Correction]                      those naming no statement/entity stored
    export_corrections(store, path) -> int                    JSON Lines, one correction a line
    import_corrections(store, path, *, replace=False) -> ImportReport
    apply(store) -> int                                       fold all again (statements rewritten)
    export_gold(store, path) -> int                           reviewed sentences as gold records

Errors are CorrectionError (a KgError) or EntityNotFound, with the offending value.
A Correction's fields: kg.corrections.records.Correction; `to_json()` is its file line.
"""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import dataclass
from pathlib import Path

from kg.corrections.fold import CorrectionSet, literal_value, original_pairs
from kg.corrections.records import (
    ACTIONS,
    STATEMENT_PREFIX,
    Correction,
    CorrectionError,
    delete_operation,
    insert_operation,
    now,
    read_all,
)
from kg.model import ENTITY_TYPES
from kg.store.rdf import ENTITIES_GRAPH
from kg.vocab import ID, KG, PLOVER_TYPES, PREFIXES, slug

__all__ = [
    "ACTIONS", "Correction", "CorrectionError", "ImportReport", "alias", "apply", "confirm", "correct",
    "export_corrections", "export_gold", "import_corrections", "list_corrections", "merge", "reject", "rename",
    "set_country", "set_sector", "split", "unmatched", "withdraw", "default_analyst",
]

_ARTICLE_GRAPHS = ID + "graph/article/"
_ACTOR_TYPES = ("Country", "GovernmentBody", "Person", "Organization", "PopulationGroup")


def default_analyst() -> str:
    """Who corrections are attributed to when `by` is not given: $KG_ANALYST, else the login name."""
    try:
        return os.environ.get("KG_ANALYST") or getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without /etc/passwd entry)
        return "analyst"


# ---------------------------------------------------------------------- statements
def confirm(store, statement: str, by: str | None = None, note: str | None = None) -> Correction:
    """Say the statement is right as it stands (it then counts as gold, see export_gold)."""
    return _on_statement(store, "confirm", statement, by, note)


def reject(store, statement: str, by: str | None = None, note: str | None = None) -> Correction:
    """Say the statement is wrong: it leaves relations, paths, exports and SPARQL, now and after rebuilds."""
    return _on_statement(store, "reject", statement, by, note)


def correct(store, statement: str, *, type: str | None = None, actor: str | None = None,
            target: str | None = None, negated: bool | None = None, by: str | None = None,
            note: str | None = None) -> Correction:
    """Set the statement's PLOVER type, actor, target or negation (the others stay as read)."""
    values: dict = {}
    if type is not None:
        if type.upper() not in PLOVER_TYPES:
            raise CorrectionError(f"unknown event type {type!r}; use one of {', '.join(PLOVER_TYPES)}")
        values["type"] = type.upper()
    entities = []
    if actor is not None:
        ref = _entity(store, actor)
        if ref.type not in _ACTOR_TYPES:
            raise CorrectionError(f"{ref.label} is a {ref.type}, not an actor; an actor is one of {', '.join(_ACTOR_TYPES)}")
        values["actor"] = ref.iri
        entities.append(ref.iri)
    if target is not None:
        ref = _entity(store, target)
        values["target"] = ref.iri
        entities.append(ref.iri)
    if negated is not None:
        values["negated"] = bool(negated)
    if not values:
        raise CorrectionError("nothing to correct: give a type, an actor, a target or the negation")
    return _on_statement(store, "correct", statement, by, note, values, entities)


def _on_statement(store, action: str, statement: str, by, note, values: dict | None = None,
                  entities: list[str] = ()) -> Correction:
    short, iri, graph, pairs = _statement(store, statement)
    context = {"statement": _statement_context(store, graph, pairs)}
    named = {o[1:-1] for p, o in original_pairs(pairs) if p in _ROLE_TERMS} | set(entities)
    context["entities"] = _describe(store, named)
    correction = Correction(action=action, by=by or default_analyst(), at=now(), statement=short, note=note,
                            context=context, **(values or {}))
    correction.check()
    return _record(store, correction, [iri])


# ---------------------------------------------------------------------- entities
def merge(store, entity: str, into: str, by: str | None = None, note: str | None = None) -> Correction:
    """`entity` becomes `into`: its statements, now and in articles added later, name `into`,
    and its name and aliases become aliases of `into`."""
    gone, kept = _entity(store, entity), _entity(store, into)
    if gone.iri == kept.iri:
        raise CorrectionError(f"{entity!r} and {into!r} are one entity already ({kept.label})")
    context = {"entities": _describe(store, {gone.iri, kept.iri})}
    correction = Correction(action="merge", by=by or default_analyst(), at=now(), entity=gone.iri, into=kept.iri,
                            note=note, context=context)
    return _record(store, correction, _referencing(store, gone.iri), entities=[kept.iri])


def split(store, entity: str, name: str, *, articles=(), mentions=(), kind: str | None = None,
          country: str | None = None, sector: str | None = None, by: str | None = None,
          note: str | None = None) -> Correction:
    """A new entity `name` takes over some of `entity`'s roles.

    The rule: every role `entity` plays in one of `articles` (article ids), and every actor or
    target mention of `entity` worded as one of `mentions` (compared without case) in any
    article, also articles added later. The new entity has `entity`'s kind, country and sector
    unless given. Its IRI is minted from its kind and name (an entity with that IRI already
    there takes the roles instead).
    """
    source = _entity(store, entity)
    name = (name or "").strip()
    articles = tuple(sorted({a.strip() for a in articles if a.strip()}))
    mentions = tuple(sorted({m.strip() for m in mentions if m.strip()}))
    if not articles and not mentions:
        raise CorrectionError("say which roles go to the new entity: give articles (ids) or mentions (words)")
    known = set(store.article_states())
    missing = [a for a in articles if a not in known]
    if missing:
        raise CorrectionError(f"no article {missing[0]!r} in {store.location}; article ids are in `kg statements` output")
    described = _describe(store, {source.iri}).get(source.iri, {})
    kind = kind or source.type
    if kind not in ENTITY_TYPES:
        raise CorrectionError(f"unknown kind {kind!r}; use one of {', '.join(ENTITY_TYPES)}")
    country = (country or described.get("country") or None)
    sector = (sector or described.get("sector") or None)
    new = _mint(kind, name, country)
    if new == source.iri:
        raise CorrectionError(f"{name!r} would be {source.label} itself; give the new entity another name")
    correction = Correction(action="split", by=by or default_analyst(), at=now(), entity=source.iri, into=new,
                            name=name, kind=kind, country=country.upper() if country else None,
                            sector=sector.upper() if sector else None, articles=articles, mentions=mentions,
                            note=note, context={"entities": _describe(store, {source.iri, new})})
    correction.check()
    return _record(store, correction, _referencing(store, source.iri), entities=[new])


def rename(store, entity: str, name: str, by: str | None = None, note: str | None = None) -> Correction:
    """Give the entity a new label; the old one stays an alias, so both names find it."""
    return _on_entity(store, "rename", entity, by, note, name=(name or "").strip())


def alias(store, entity: str, name: str, by: str | None = None, note: str | None = None) -> Correction:
    """Another name that finds the entity (in `kg relations`, `kg path`, the web app's search)."""
    return _on_entity(store, "alias", entity, by, note, name=(name or "").strip())


def set_country(store, entity: str, code: str, by: str | None = None, note: str | None = None) -> Correction:
    return _on_entity(store, "set-country", entity, by, note, country=(code or "").strip().upper())


def set_sector(store, entity: str, code: str, by: str | None = None, note: str | None = None) -> Correction:
    return _on_entity(store, "set-sector", entity, by, note, sector=(code or "").strip().upper())


def _on_entity(store, action: str, entity: str, by, note, **values) -> Correction:
    ref = _entity(store, entity)
    correction = Correction(action=action, by=by or default_analyst(), at=now(), entity=ref.iri, note=note,
                            context={"entities": _describe(store, {ref.iri})}, **values)
    correction.check()
    return _record(store, correction, [], entities=[ref.iri])


# ---------------------------------------------------------------------- withdrawing, listing
def withdraw(store, correction_id: str) -> Correction:
    """Remove a correction and undo what it did (the others stay applied)."""
    correction = _find(store, correction_id)
    remaining = CorrectionSet([c for c in store.corrections().items if c.id != correction.id])
    for entity, description in (correction.context.get("entities") or {}).items():
        remaining.descriptions.setdefault(entity, description)  # to describe again what it merged away
    statements: set[str] = set()
    if correction.statement:
        statements.add(correction.statement_iri)
    elif correction.action in ("merge", "split"):
        statements |= _folded_naming(store, correction.entity, correction.into)
    after = _restore_operations(correction, remaining)
    store.apply_corrections(remaining, statements, entities=[e for e in (correction.entity, correction.into) if e],
                            before=[delete_operation(correction)], after=after)
    store.publish()
    return correction


def list_corrections(store, *, statement: str | None = None, entity: str | None = None) -> list[Correction]:
    """The store's corrections, oldest first; only those of one statement (id) or entity (IRI) if given."""
    found = read_all(store)
    if statement:
        short = statement.rsplit("/", 1)[-1]
        found = [c for c in found if c.statement == short]
    if entity:
        found = [c for c in found if entity in (c.entity, c.into, c.actor, c.target)]
    return found


def unmatched(store) -> list[Correction]:
    """Corrections that name a statement or entity the store does not hold (e.g. after the
    extractor reads a sentence differently, its statement has another id)."""
    found = read_all(store)
    statements = {s for s in (c.statement_iri for c in found) if s}
    held = set()
    values = sorted(statements)
    for start in range(0, len(values), 500):
        rows = store.select(
            f"""SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ VALUES ?s {{ {' '.join(f'<{s}>' for s in values[start:start + 500])} }}
                  ?s a ?class VALUES ?class {{ kg:Statement kg:RejectedStatement }} }} }}"""
        )
        held |= {row["s"] for row in rows}
    entities = {c.entity for c in found if c.entity and c.action not in ("merge", "split")}
    described = _described_entities(store, entities)
    return [c for c in found if (c.statement and c.statement_iri not in held)
            or (c.entity and c.action not in ("merge", "split") and c.entity not in described)]


# ---------------------------------------------------------------------- files
@dataclass(frozen=True)
class ImportReport:
    read: int
    added: int
    removed: int
    rewritten: int


def export_corrections(store, path) -> int:
    """Write every correction as JSON Lines, oldest first, to `path` ("-" for stdout); how many.

    One correction a line, keyed by statement id or entity IRI, with a snapshot of the
    sentence and labels: a file that reads and diffs well in version control, where a new
    correction is a new last line.
    """
    corrections = read_all(store)
    text = "".join(json.dumps(c.to_json(), ensure_ascii=False) + "\n" for c in corrections)
    _write_text(path, text)
    return len(corrections)


def import_corrections(store, path, *, replace: bool = False) -> ImportReport:
    """Add the corrections of a JSON Lines file (those the store lacks) and apply them.

    With `replace`, the file becomes the store's corrections: those it lacks are withdrawn.
    The store may hold no article yet: the corrections then apply as articles are built.
    """
    records = read_file(path)
    current = store.corrections().items
    have = {c.id for c in current}
    wanted = {c.id for c in records}
    added = [c for c in dict((c.id, c) for c in records).values() if c.id not in have]
    removed = [c for c in current if replace and c.id not in wanted]
    kept = [c for c in current if c not in removed]
    corrections = CorrectionSet(kept + added)
    for c in removed:
        for entity, description in (c.context.get("entities") or {}).items():
            corrections.descriptions.setdefault(entity, description)
    before = [delete_operation(c) for c in removed]
    if added:
        before.append(insert_operation(added))
    after = [op for c in removed for op in _restore_operations(c, corrections)]
    rewritten = 0
    if before:
        entities = {e for c in added + removed for e in (c.entity, c.into, c.actor, c.target) if e}
        rewritten = store.apply_corrections(corrections, None, entities=entities, before=before, after=after)
        store.publish()
    return ImportReport(len(records), len(added), len(removed), rewritten)


def read_file(path) -> list[Correction]:
    """The corrections of a JSON Lines file, checked; CorrectionError names the file and line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as e:
        raise CorrectionError(f"cannot read {path}: {e.strerror or e}") from e
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            found.append(Correction.from_json(json.loads(line)))
        except json.JSONDecodeError as e:
            raise CorrectionError(f"{path}:{number}: not JSON ({e.msg}); one correction a line") from e
        except (CorrectionError, TypeError) as e:
            raise CorrectionError(f"{path}:{number}: {e}") from e
    return found


def apply(store) -> int:
    """Fold every correction into the stored statements again; how many statements were rewritten.

    Builds apply corrections as they write; this is for a store whose corrections graph was
    changed by other means (a SPARQL update, `kg import` of a dump).
    """
    rewritten = store.apply_corrections(None, None, entities={e for c in store.corrections().items
                                                               for e in (c.entity, c.into) if e})
    store.publish()
    return rewritten


def export_gold(store, path) -> int:
    """Reviewed sentences as gold sentence records (docs/annotation.md) for `kg evaluate`; how many.

    A sentence is gold when an analyst reviewed every statement kg stored for it (confirmed,
    corrected or rejected): its events are the confirmed and corrected statements, as
    corrected. `context` holds the article's earlier stored sentences (the store keeps no
    other text), so pronouns may read differently than in the whole article.
    """
    from kg.corrections.gold import gold_records

    records = gold_records(store)
    _write_text(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return len(records)


# ---------------------------------------------------------------------- internals
_ROLE_TERMS = {f"<{KG}{r}>" for r in ("actor", "target", "destination", "originPlace", "attributedTo")}


def _record(store, correction: Correction, statements, entities=()) -> Correction:
    """Store the record and fold it into `statements`, in one transaction (a repeat is a no-op)."""
    current = store.corrections().items
    if any(c.id == correction.id for c in current):
        return correction
    store.apply_corrections(CorrectionSet(current + [correction]), statements, entities=entities,
                            before=[insert_operation([correction])])
    store.publish()
    return correction


def _find(store, correction_id: str) -> Correction:
    short = correction_id.strip().rsplit("/", 1)[-1]
    for c in store.corrections().items:
        if c.id == short:
            return c
    raise CorrectionError(f"no correction {correction_id!r} in {store.location}; `kg corrections list` shows them")


def _statement(store, statement: str):
    """(short id, IRI, article graph, pairs) of a stored statement, or CorrectionError."""
    text = statement.strip()
    short = text.rsplit("/", 1)[-1]
    iri = STATEMENT_PREFIX + short
    found = store._statement_pairs([iri]) if len(short) == 16 and all(ch in "0123456789abcdef" for ch in short) else {}
    if iri not in found:
        raise CorrectionError(f"no statement {statement!r} in {store.location}; "
                              "`kg statements ENTITY` lists statements with their ids")
    graph, pairs = found[iri]
    return short, iri, graph, pairs


def _statement_context(store, graph: str, pairs) -> dict:
    """What the statement says now, in words: for the file's reader and for gold records."""
    values = dict(original_pairs(pairs))
    for p, o in pairs:
        if p != f"<{KG}extracted>":
            values[p] = o  # its current (folded) form, when not rejected
    sentence = values.get(f"<{PREFIXES['prov']}wasDerivedFrom>", "")[1:-1]
    rows = store.select(
        f"""SELECT ?text ?start ?id WHERE {{ GRAPH <{graph}> {{ <{sentence}> kg:text ?text ; kg:charStart ?start ;
              kg:inArticle ?a . ?a kg:articleId ?id }} }}"""
    ) if sentence else []
    row = rows[0] if rows else {}
    names = _labels(store, {values[p][1:-1] for p in (f"<{KG}actor>", f"<{KG}target>") if p in values})

    def party(predicate: str):
        term = values.get(f"<{KG}{predicate}>")
        return {"id": term[1:-1], "label": names.get(term[1:-1])} if term else None

    event_type = values.get(f"<{KG}eventType>")
    return {
        "article": row.get("id"), "char_start": row.get("start"), "sentence": row.get("text"),
        "actor": party("actor"), "type": event_type[1:-1].rsplit("#", 1)[1].upper() if event_type else None,
        "verb": literal_value(values.get(f"<{KG}verb>", "")), "target": party("target"),
        "negated": literal_value(values.get(f"<{KG}negated>", "")) == "true",
    }


def _entity(store, name: str):
    """An entity by IRI, name or alias (as `kg relations` resolves names)."""
    from kg.query.lookup import resolve

    return resolve(store, name)


def _describe(store, entities: set[str]) -> dict:
    """IRI → {label, type, country, sector, aliases} for the described ones among `entities`."""
    found: dict[str, dict] = {}
    ordered = sorted(e for e in entities if e)
    for start in range(0, len(ordered), 500):
        values = " ".join(f"<{e}>" for e in ordered[start:start + 500])
        for row in store.select(
            f"""SELECT ?e ?p ?o WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ VALUES ?e {{ {values} }} ?e ?p ?o
                  VALUES ?p {{ rdfs:label rdf:type kg:countryCode kg:sector skos:altLabel }} }} }}"""
        ):
            d = found.setdefault(row["e"], {"label": None, "type": None, "country": None, "sector": None,
                                            "aliases": []})
            p, o = row["p"], row["o"]
            if p.endswith("#label"):
                d["label"] = o
            elif p.endswith("#type") and o.startswith(KG) and o[len(KG):] in ENTITY_TYPES:
                d["type"] = o[len(KG):]
            elif p == KG + "countryCode":
                d["country"] = o
            elif p == KG + "sector":
                d["sector"] = o
            elif p.endswith("#altLabel"):
                d["aliases"].append(o)
    for d in found.values():
        d["aliases"] = sorted(set(d["aliases"]))
    return found


def _labels(store, entities: set[str]) -> dict[str, str]:
    from kg.query.lookup import labels_of

    return labels_of(store, {e for e in entities if e})


def _described_entities(store, entities: set[str]) -> set[str]:
    return set(_describe(store, entities))


def _referencing(store, entity: str) -> list[str]:
    """The statements (in article graphs) with `entity` in any role."""
    rows = store.select(
        f"""SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s ?role <{entity}>
              VALUES ?role {{ kg:actor kg:target kg:destination kg:originPlace kg:attributedTo }} }}
              FILTER(STRSTARTS(STR(?g), "{_ARTICLE_GRAPHS}")) }}"""
    )
    return [row["s"] for row in rows]


def _folded_naming(store, gone: str, kept: str | None) -> set[str]:
    """Statements a merge or split may have changed: folded ones that name where it went,
    or whose extraction named what it moved."""
    found = set()
    if kept:
        rows = store.select(
            f"""SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s ?role <{kept}> ; kg:extracted ?x
                  VALUES ?role {{ kg:actor kg:target kg:destination kg:originPlace kg:attributedTo }} }}
                  FILTER(STRSTARTS(STR(?g), "{_ARTICLE_GRAPHS}")) }}"""
        )
        found |= {row["s"] for row in rows}
    rows = store.select(
        f"""SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s kg:extracted ?x FILTER(CONTAINS(STR(?x), "<{gone}>")) }}
              FILTER(STRSTARTS(STR(?g), "{_ARTICLE_GRAPHS}")) }}"""
    )
    return found | {row["s"] for row in rows}


def _restore_operations(correction: Correction, remaining: CorrectionSet) -> list[str]:
    """After withdrawing an entity correction: the values it replaced, where no other one rules."""
    from kg.store import rdf

    before = (correction.context.get("entities") or {}).get(correction.entity) or {}
    override = remaining.overrides.get(correction.entity)
    entity = correction.entity
    operations = []

    def put(predicate: str, value: str | None) -> None:
        operations.append(
            f"""DELETE {{ GRAPH <{ENTITIES_GRAPH}> {{ <{entity}> <{predicate}> ?old }} }}
                WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ <{entity}> <{predicate}> ?old }} }}""")
        if value:
            operations.append(
                f"""INSERT {{ GRAPH <{ENTITIES_GRAPH}> {{ <{entity}> <{predicate}> {rdf.literal(value)} }} }}
                    WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ <{entity}> a ?type }} }}""")

    def drop_alias(target: str, name: str) -> None:
        operations.append(
            f"""DELETE DATA {{ GRAPH <{ENTITIES_GRAPH}> {{ <{target}> <{rdf.SKOS_ALT}> {rdf.literal(name)} }} }}""")

    if correction.action == "rename" and not (override and override.label) and before.get("label"):
        put(rdf.RDFS_LABEL, before["label"])
        if before["label"] not in before.get("aliases", []):
            drop_alias(entity, before["label"])
    elif correction.action == "set-country" and not (override and override.country):
        put(KG + "countryCode", before.get("country"))
    elif correction.action == "set-sector" and not (override and override.sector):
        put(KG + "sector", before.get("sector"))
    elif correction.action == "alias" and correction.name not in before.get("aliases", []) \
            and not (override and correction.name in override.aliases):
        drop_alias(entity, correction.name)
    elif correction.action == "merge":
        kept = (correction.context.get("entities") or {}).get(correction.into) or {}
        still = remaining.overrides.get(correction.into)
        for name in {before.get("label"), *before.get("aliases", [])} - {None}:
            if name not in kept.get("aliases", []) and not (still and name in still.aliases):
                drop_alias(correction.into, name)
    return operations


def _mint(kind: str, name: str, country: str | None) -> str:
    """An IRI for a new entity, in the style of the extractor's (kgr:person/ken-salazar)."""
    folder = {"Country": "country", "GovernmentBody": "body", "Person": "person", "Organization": "org",
              "PopulationGroup": "group", "Place": "place", "Policy": "policy", "Object": "object"}[kind]
    tail = slug(name)
    if country and kind == "GovernmentBody":
        tail = f"{country.upper()}-{tail}"  # as kgr:body/USA-dhs
    elif country and kind == "PopulationGroup":
        tail = f"{tail}-{country.upper()}"  # as kgr:group/deportees-COL
    return f"{ID}{folder}/{tail}"


def _write_text(path, text: str) -> None:
    import sys

    if path in (None, "-"):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(path)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, target)
    except OSError as e:
        temporary.unlink(missing_ok=True)
        raise CorrectionError(f"cannot write {target}: {e.strerror or e}") from e

