"""The event lexicon: predicates → CAMEO codes → PLOVER types and modes.

Everything here is data read from kg/lexicon/*.tsv and from the CAMEO→PLOVER
table in ontology/reference/ (Open Event Data Alliance, CC BY-SA 4.0); this
module only parses it and answers lookups. To teach kg a new verb, add a row
to predicates.tsv, not a branch to the code.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.resources import lexicon_dir, ontology_dir
from kg.vocab import PLOVER_TYPES


@dataclass(frozen=True)
class CameoCode:
    code: str
    type: str
    mode: str | None
    context: str | None
    description: str


@dataclass(frozen=True)
class Coding:
    """How a predicate is coded: the lexicon row that matched, resolved against the CAMEO table."""

    type: str | None
    cameo: str | None
    mode: str | None
    frame: frozenset[str]
    object_class: str  # the object class the row asked for ("*" for any)

    @property
    def is_light(self) -> bool:
        return "light" in self.frame

    @property
    def receives(self) -> bool:
        """Taking in people or flights another state sends ("received 200 deportees")."""
        return "receive" in self.frame

    @property
    def moves_people(self) -> bool:
        return "move" in self.frame

    @property
    def removes(self) -> bool:
        """A removal or arrest of people: deportation, expulsion, return, detention."""
        return self.type == "COERCE" and (self.moves_people or self.mode in ("deport", "arrest"))

    def target_prepositions(self) -> tuple[str, ...]:
        preps = tuple(f[3:] for f in sorted(self.frame) if f.startswith("tp:"))
        if "recipient" in self.frame:
            # an event noun's addressee: "talks with", "complaint to", "sanctions on", "threat against"
            preps += ("with", "to", "on", "against")
        return preps


@dataclass(frozen=True)
class PredicateRow:
    lemma: str
    pos: str
    object_class: str
    cameo: str | None
    type: str | None
    mode: str | None
    frame: frozenset[str]


def _rows(path: Path) -> list[list[str]]:
    """Tab-separated rows of a lexicon file, comments and blank lines skipped."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip() or line.startswith("#"):
                continue
            rows.append([cell.strip() for cell in line.rstrip("\n").split("\t")])
    return rows


@cache
def cameo_table() -> dict[str, CameoCode]:
    """CAMEO code → PLOVER type, mode and context, from the 2021 conversion table."""
    table: dict[str, CameoCode] = {}
    path = ontology_dir() / "reference" / "CAMEO2PLOVER-2021.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if ":" not in line or line.startswith("#") or line.startswith("~"):
            continue
        code, _, rest = line.partition(":")
        code = code.strip()
        if not code.isdigit():
            continue
        body, _, description = rest.partition("#")
        fields = [f.strip() for f in body.split(",")]
        plover = fields[0].upper()
        if plover not in PLOVER_TYPES:
            continue
        mode = fields[1] if len(fields) > 1 and fields[1] else None
        context = fields[2] if len(fields) > 2 and fields[2] else None
        table.setdefault(code, CameoCode(code, plover, mode, context, description.strip()))
    return table


@cache
def object_classes() -> dict[str, str]:
    """Head-noun lemma (or two-word compound) → object class."""
    classes: dict[str, str] = {}
    for name, lemmas in _rows(lexicon_dir() / "object_classes.tsv"):
        for lemma in lemmas.split("|"):
            classes.setdefault(lemma.lower(), name)
    return classes


@cache
def predicate_rows() -> dict[tuple[str, str], tuple[PredicateRow, ...]]:
    table: dict[tuple[str, str], list[PredicateRow]] = {}
    for cells in _rows(lexicon_dir() / "predicates.tsv"):
        cells += [""] * (8 - len(cells))
        lemma, pos, obj, cameo, plover, mode, frame, _note = cells[:8]
        row = PredicateRow(
            lemma=lemma.lower(),
            pos=pos,
            object_class=obj or "*",
            cameo=cameo or None,
            type=plover or None,
            mode=mode or None,
            frame=frozenset(frame.split()),
        )
        table.setdefault((row.lemma, row.pos), []).append(row)
    return {key: tuple(rows) for key, rows in table.items()}


@cache
def complement_verbs() -> dict[str, tuple[str, str | None]]:
    """Verb lemma → (behaviour, CAMEO code) for verbs taking a verbal complement."""
    return {cells[0]: (cells[1], cells[2] if len(cells) > 2 and cells[2] else None)
            for cells in _rows(lexicon_dir() / "complement_verbs.tsv")}


@dataclass(frozen=True)
class ReportingVerb:
    factive: bool
    denies: bool


@cache
def reporting_verbs() -> dict[str, ReportingVerb]:
    return {
        cells[0]: ReportingVerb(factive=cells[1] == "yes", denies=cells[2] == "-")
        for cells in _rows(lexicon_dir() / "reporting_verbs.tsv")
    }


def cameo_entry(code: str | None) -> CameoCode | None:
    """The table's entry for a CAMEO code, or for its nearest parent ("0873" → "087")."""
    table = cameo_table()
    code = code or ""
    while code:
        if code in table:
            return table[code]
        code = code[:-1] if len(code) > 2 else ""
    return None


def coding_for(row: PredicateRow) -> Coding:
    """Resolve a lexicon row against the CAMEO table (the row's own type/mode win)."""
    entry = cameo_entry(row.cameo)
    plover = row.type or (entry.type if entry else None)
    mode = row.mode or (entry.mode if entry else None)
    return Coding(plover, row.cameo, mode, row.frame, row.object_class)


def lookup(lemma: str, pos: str, object_classes_found: tuple[str, ...]) -> Coding | None:
    """The coding of a predicate given the classes its object belongs to, most specific first.

    `object_classes_found` lists every class the object matches (lexical classes
    such as TARIFF, and entity classes such as ACTOR or GROUP). A row for one of
    them wins over the `*` row; a predicate without a `*` row and without a
    matching class is not an event.
    """
    rows = predicate_rows().get((lemma, pos))
    if not rows:
        return None
    # the prepositions that introduce a predicate's target are the predicate's, whichever object
    # class chose its code ("met with X" is a meeting with X whatever "with" governs)
    prepositions = frozenset(f for row in rows for f in row.frame if f.startswith("tp:"))
    for wanted in object_classes_found:
        for row in rows:
            if row.object_class == wanted:
                return _with_frame(coding_for(row), prepositions)
    for row in rows:
        if row.object_class == "*":
            return _with_frame(coding_for(row), prepositions)
    return None


def _with_frame(coding: Coding, extra: frozenset[str]) -> Coding:
    if extra <= coding.frame:
        return coding
    return Coding(coding.type, coding.cameo, coding.mode, coding.frame | extra, coding.object_class)


def is_predicate(lemma: str, pos: str) -> bool:
    return (lemma, pos) in predicate_rows()


@dataclass(frozen=True)
class VerbPattern:
    """A PETRARCH verb pattern: the verb takes `cameo` (None: no event) when every constraint
    holds. Alternatives are lemmas or phrases; None accepts any word."""

    object: tuple[str, ...] | None = None
    preps: tuple[tuple[str, tuple[str, ...] | None], ...] = ()
    subject: tuple[str, ...] | None = None
    cameo: str | None = None

    @property
    def specificity(self) -> int:
        return (self.object is not None) + len(self.preps) + (self.subject is not None)


@dataclass(frozen=True)
class BroadVerb:
    """A verb known from PETRARCH2's dictionaries only: its default code and its patterns, most
    specific first, and the prepositions its patterns mark as introducing the target."""

    default: str | None
    patterns: tuple[VerbPattern, ...]
    target_prepositions: tuple[str, ...]


def _alternatives(cell: str) -> tuple[str, ...] | None:
    return None if cell in ("*", "+") else tuple(cell.split("|"))


@cache
def broad_verbs() -> dict[str, BroadVerb]:
    """kg/lexicon/petrarch/verbs.tsv (MIT, converted by tools/convert_petrarch.py), by verb."""
    defaults: dict[str, str | None] = {}
    patterns: dict[str, list[VerbPattern]] = {}
    targets: dict[str, set[str]] = {}
    for cells in _rows(lexicon_dir() / "petrarch" / "verbs.tsv")[1:]:
        verb, pattern, cameo = cells[0], cells[1], cells[2]
        code = None if cameo == "-" else cameo
        if not pattern:
            defaults[verb] = code
            continue
        obj = subject = None
        preps = []
        for constraint in _constraints(pattern):
            kind, _, value = constraint.partition("=")
            if kind == "object":
                obj = _alternatives(value)
            elif kind == "subject":
                subject = _alternatives(value)
            elif kind == "pp":
                prep, _, words = value.partition(":")
                if words == "+":
                    targets.setdefault(verb, set()).add(prep)
                preps.append((prep, _alternatives(words)))
        patterns.setdefault(verb, []).append(VerbPattern(obj, tuple(preps), subject, code))
    verbs = set(defaults) | set(patterns)
    return {
        verb: BroadVerb(
            defaults.get(verb),
            tuple(sorted(patterns.get(verb, ()), key=lambda p: -p.specificity)),
            tuple(sorted(targets.get(verb, ()))),
        )
        for verb in verbs
    }


def _constraints(pattern: str) -> list[str]:
    """"object=prime minister pp=of:rights abuse" → ["object=prime minister", "pp=of:rights abuse"]."""
    parts: list[str] = []
    for word in pattern.split(" "):
        if word.startswith(("object=", "subject=", "pp=")) or not parts:
            parts.append(word)
        else:
            parts[-1] += " " + word
    return parts


@cache
def lexicon_version() -> str:
    """A digest of every lexicon file: part of the extractor version recorded in provenance."""
    digest = hashlib.sha256()
    for path in sorted([*lexicon_dir().glob("**/*.tsv"), *lexicon_dir().glob("*.json")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update((ontology_dir() / "reference" / "CAMEO2PLOVER-2021.txt").read_bytes())
    return digest.hexdigest()[:8]


def describe(code: str) -> str:
    entry = cameo_table().get(code)
    return entry.description if entry else ""


__all__ = [
    "CameoCode",
    "Coding",
    "cameo_table",
    "complement_verbs",
    "coding_for",
    "is_predicate",
    "lexicon_version",
    "lookup",
    "object_classes",
    "reporting_verbs",
]
