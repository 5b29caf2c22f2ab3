"""Corrections as records: the dataclass, its JSON Lines form and its RDF form.

A correction is one analyst assertion, made by someone at some time, about one
statement (confirm, reject, correct) or one entity (merge, split, rename,
alias, set-country, set-sector). Its id is a digest of what it says, who said
it and when, so that exporting and importing a file never duplicates one.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

from kg.errors import KgError
from kg.model import ENTITY_TYPES, short_hash
from kg.vocab import ID, KG, PLOVER_TYPES, PREFIXES, event_class, slug

CORRECTIONS_GRAPH = ID + "graph/corrections"
CORRECTION_PREFIX = ID + "correction/"
ANALYST_PREFIX = ID + "analyst/"
STATEMENT_PREFIX = ID + "statement/"

#: action → the kg: class of its records (ontology/kg.ttl)
CLASSES = {
    "confirm": "Confirmation",
    "reject": "Rejection",
    "correct": "StatementCorrection",
    "merge": "Merge",
    "split": "Split",
    "rename": "Rename",
    "alias": "AliasAddition",
    "set-country": "CountryCorrection",
    "set-sector": "SectorCorrection",
}
ACTIONS = tuple(CLASSES)
STATEMENT_ACTIONS = ("confirm", "reject", "correct")
ENTITY_ACTIONS = tuple(a for a in ACTIONS if a not in STATEMENT_ACTIONS)

_CODE = re.compile(r"^[A-Z]{3}$")
_STATEMENT_ID = re.compile(r"^[0-9a-f]{16}$")

PROV = PREFIXES["prov"]
RDFS = PREFIXES["rdfs"]
XSD = PREFIXES["xsd"]
RDF_TYPE = PREFIXES["rdf"] + "type"


class CorrectionError(KgError):
    """A correction cannot be made or read: unknown statement, bad value, malformed file line."""


@dataclass(frozen=True)
class Correction:
    """One analyst assertion. Which fields are set depends on `action`:

    confirm, reject      statement
    correct              statement, and any of type, actor, target, negated
    merge                entity (merged away), into (kept)
    split                entity, into (the new entity's IRI), name, kind, country, sector,
                         articles and/or mentions (which of the entity's mentions move)
    rename, alias        entity, name
    set-country          entity, country
    set-sector           entity, sector

    `statement` is the short statement id (as in `kg extract` and `kg statements`);
    entities are IRIs. `context` is a snapshot for people reading the file (the
    sentence, the labels) and for re-describing entities; it never changes what
    the correction does.
    """

    action: str
    by: str
    at: str  # xsd:dateTime in UTC, microseconds: the order corrections apply in
    statement: str | None = None
    entity: str | None = None
    type: str | None = None
    actor: str | None = None
    target: str | None = None
    negated: bool | None = None
    into: str | None = None
    name: str | None = None
    kind: str | None = None
    country: str | None = None
    sector: str | None = None
    articles: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    note: str | None = None
    context: dict = field(default_factory=dict, compare=False, repr=False)
    id: str = ""

    def __post_init__(self):
        object.__setattr__(self, "at", normalise_time(self.at))
        if not self.id:
            object.__setattr__(self, "id", self.digest())

    # ------------------------------------------------------------------ identity
    def digest(self) -> str:
        said = {k: v for k, v in self._fields().items() if k not in ("id", "context")}
        return short_hash(json.dumps(said, sort_keys=True, ensure_ascii=False))

    @property
    def iri(self) -> str:
        return CORRECTION_PREFIX + self.id

    @property
    def statement_iri(self) -> str | None:
        return STATEMENT_PREFIX + self.statement if self.statement else None

    @property
    def order(self) -> tuple[str, str]:
        return (self.at, self.id)

    def _fields(self) -> dict:
        data = asdict(self)
        data["articles"] = list(self.articles)
        data["mentions"] = list(self.mentions)
        return data

    # ------------------------------------------------------------------ JSON Lines
    def to_json(self) -> dict:
        """The record as one line of `kg corrections export`: set fields only, in a fixed order."""
        record = {"id": self.id, "at": self.at, "by": self.by, "action": self.action}
        for key in ("statement", "entity", "type", "actor", "target", "negated", "into", "name", "kind",
                    "country", "sector"):
            value = getattr(self, key)
            if value is not None:
                record[key] = value
        if self.articles:
            record["articles"] = list(self.articles)
        if self.mentions:
            record["mentions"] = list(self.mentions)
        if self.note:
            record["note"] = self.note
        if self.context:
            record["context"] = self.context
        return record

    @classmethod
    def from_json(cls, record: dict) -> "Correction":
        """A record from a file line; checked (CorrectionError says what is wrong)."""
        if not isinstance(record, dict):
            raise CorrectionError("a correction is a JSON object")
        known = {"id", "at", "by", "action", "statement", "entity", "type", "actor", "target", "negated", "into",
                 "name", "kind", "country", "sector", "articles", "mentions", "note", "context"}
        unknown = sorted(set(record) - known)
        if unknown:
            raise CorrectionError(f"unknown field {unknown[0]!r}; fields are {', '.join(sorted(known))}")
        for required in ("action", "by", "at"):
            if not record.get(required):
                raise CorrectionError(f"a correction needs {required!r}")
        values = dict(record)
        values["at"] = normalise_time(str(values["at"]))
        values["articles"] = tuple(values.get("articles") or ())
        values["mentions"] = tuple(values.get("mentions") or ())
        values["context"] = values.get("context") or {}
        # the id is a digest of what the record says: a line edited by hand is a new correction
        values.pop("id", None)
        correction = cls(**values)
        correction.check()
        return correction

    def check(self) -> None:
        """Raise CorrectionError unless the record is complete and its values well-formed."""
        if self.action not in CLASSES:
            raise CorrectionError(f"unknown action {self.action!r}; use one of {', '.join(ACTIONS)}")
        if self.action in STATEMENT_ACTIONS:
            if not self.statement or not _STATEMENT_ID.match(self.statement):
                raise CorrectionError(f"{self.action} needs a statement id (16 hex digits), not {self.statement!r}")
        elif not self.entity or not self.entity.startswith(("http://", "https://")):
            raise CorrectionError(f"{self.action} needs an entity IRI, not {self.entity!r}")
        if self.action == "correct":
            if self.type is None and self.actor is None and self.target is None and self.negated is None:
                raise CorrectionError("correct needs at least one of type, actor, target, negated")
            if self.type is not None and self.type not in PLOVER_TYPES:
                raise CorrectionError(f"unknown event type {self.type!r}; use one of {', '.join(PLOVER_TYPES)}")
        if self.action in ("merge", "split") and not self.into:
            raise CorrectionError(f"{self.action} needs 'into' (an entity IRI)")
        if self.action in ("split", "rename", "alias") and not (self.name or "").strip():
            raise CorrectionError(f"{self.action} needs a name")
        if self.action == "split":
            if not self.articles and not self.mentions:
                raise CorrectionError("split needs the articles or the mentions (words) that go to the new entity")
            if self.kind not in ENTITY_TYPES:
                raise CorrectionError(f"split needs the new entity's kind, one of {', '.join(ENTITY_TYPES)}")
        for key in ("country", "sector"):
            value = getattr(self, key)
            if value is not None and not _CODE.match(value):
                raise CorrectionError(f"{key} must be three capital letters (USA, GOV), not {value!r}")
        if self.action == "set-country" and not self.country:
            raise CorrectionError("set-country needs a country code")
        if self.action == "set-sector" and not self.sector:
            raise CorrectionError("set-sector needs a sector code")

    # ------------------------------------------------------------------ RDF
    def triples(self) -> list[str]:
        """The record in N-Triples lines, for the corrections graph."""
        from kg.store.rdf import iri, literal, typed

        c = iri(self.iri)
        analyst = iri(analyst_iri(self.by))
        lines = [
            f"{c} {iri(RDF_TYPE)} {iri(KG + 'Correction')} .",
            f"{c} {iri(RDF_TYPE)} {iri(KG + CLASSES[self.action])} .",
            f"{c} {iri(PROV + 'wasAttributedTo')} {analyst} .",
            f"{c} {iri(PROV + 'generatedAtTime')} {literal(self.at, XSD + 'dateTime')} .",
            f"{analyst} {iri(RDF_TYPE)} {iri(KG + 'Analyst')} .",
            f"{analyst} {iri(RDFS + 'label')} {literal(self.by)} .",
        ]

        def add(predicate: str, term: str) -> None:
            lines.append(f"{c} {iri(KG + predicate)} {term} .")

        if self.statement:
            add("onStatement", iri(self.statement_iri))
        if self.entity:
            add("onEntity", iri(self.entity))
        if self.type:
            add("setEventType", iri(event_class(self.type)))
        if self.actor:
            add("setActor", iri(self.actor))
        if self.target:
            add("setTarget", iri(self.target))
        if self.negated is not None:
            add("setNegated", typed(self.negated))
        if self.into:
            add("mergedInto" if self.action == "merge" else "splitInto", iri(self.into))
        if self.name:
            add({"alias": "addAlias"}.get(self.action, "setLabel"), literal(self.name))
        if self.kind:
            add("setEntityType", iri(KG + self.kind))
        if self.country:
            add("setCountry", literal(self.country))
        if self.sector:
            add("setSector", literal(self.sector))
        for article in self.articles:
            add("splitArticle", literal(article))
        for mention in self.mentions:
            add("splitMention", literal(mention))
        if self.note:
            lines.append(f"{c} {iri(RDFS + 'comment')} {literal(self.note)} .")
        if self.context:
            add("context", literal(json.dumps(self.context, ensure_ascii=False, sort_keys=True)))
        return lines


def read_all(store) -> list["Correction"]:
    """Every correction in the store's corrections graph, in the order they apply."""
    rows = store.select(
        f"""SELECT ?c ?p ?o WHERE {{ GRAPH <{CORRECTIONS_GRAPH}> {{
              ?c a kg:Correction ; ?p ?o }} }}"""
    )
    by: dict[str, str] = {
        row["a"]: row["label"]
        for row in store.select(
            f"SELECT ?a ?label WHERE {{ GRAPH <{CORRECTIONS_GRAPH}> {{ ?a a kg:Analyst ; rdfs:label ?label }} }}")
    }
    found: dict[str, dict] = {}
    for row in rows:
        record = found.setdefault(row["c"], {"articles": [], "mentions": []})
        predicate, value = row["p"], row["o"]
        name = predicate[len(KG):] if predicate.startswith(KG) else None
        if predicate == RDF_TYPE:
            kind = value[len(KG):] if value.startswith(KG) else ""
            for action, cls in CLASSES.items():
                if cls == kind:
                    record["action"] = action
        elif predicate == PROV + "wasAttributedTo":
            record["by"] = by.get(value, value[len(ANALYST_PREFIX):])
        elif predicate == PROV + "generatedAtTime":
            record["at"] = normalise_time(str(value))
        elif predicate == RDFS + "comment":
            record["note"] = value
        elif name == "onStatement":
            record["statement"] = value[len(STATEMENT_PREFIX):]
        elif name == "onEntity":
            record["entity"] = value
        elif name == "setEventType":
            record["type"] = value.rsplit("#", 1)[1].upper()
        elif name == "setActor":
            record["actor"] = value
        elif name == "setTarget":
            record["target"] = value
        elif name == "setNegated":
            record["negated"] = bool(value)
        elif name in ("mergedInto", "splitInto"):
            record["into"] = value
        elif name in ("setLabel", "addAlias"):
            record["name"] = value
        elif name == "setEntityType":
            record["kind"] = value[len(KG):]
        elif name == "setCountry":
            record["country"] = value
        elif name == "setSector":
            record["sector"] = value
        elif name == "splitArticle":
            record["articles"].append(value)
        elif name == "splitMention":
            record["mentions"].append(value)
        elif name == "context":
            record["context"] = json.loads(value)
    corrections = []
    for c, record in found.items():
        record["articles"] = tuple(sorted(record["articles"]))
        record["mentions"] = tuple(sorted(record["mentions"]))
        corrections.append(Correction(id=c[len(CORRECTION_PREFIX):], **record))
    return sorted(corrections, key=lambda c: c.order)


def delete_operation(correction: Correction) -> str:
    """Remove one record (the analyst's node stays: other records may name them)."""
    return f"""DELETE {{ GRAPH <{CORRECTIONS_GRAPH}> {{ <{correction.iri}> ?p ?o }} }}
               WHERE {{ GRAPH <{CORRECTIONS_GRAPH}> {{ <{correction.iri}> ?p ?o }} }}"""


def insert_operation(corrections: list[Correction]) -> str:
    lines = [line for c in corrections for line in c.triples()]
    return "INSERT DATA { GRAPH <%s> {\n%s\n} }" % (CORRECTIONS_GRAPH, "\n".join(dict.fromkeys(lines)))


def analyst_iri(name: str) -> str:
    return ANALYST_PREFIX + slug(name)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


def normalise_time(value: str) -> str:
    """Any ISO 8601 date-time as UTC with microseconds and a Z (naive times are taken as UTC)."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as e:
        raise CorrectionError(f"'at' must be an ISO 8601 date-time (2026-01-31T12:00:00Z), not {value!r}") from e
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")
