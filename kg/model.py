"""The typed records passed between stages: read → extract → store → query.

They are frozen dataclasses so a stage can never change what an earlier one
produced. `Statement.to_dict()` is the `kg extract --format jsonl` record,
whose field names other tools read: keep them stable.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

#: The classes an actor or target node can have (ontology/kg.ttl).
ENTITY_TYPES = (
    "Country",
    "GovernmentBody",
    "Person",
    "Organization",
    "PopulationGroup",
    "Place",
    "Policy",
    "Object",
)

#: How a statement is put forward by its sentence (see docs/annotation.md).
MODALITIES = ("asserted", "reported", "planned", "hypothetical")


def short_hash(*parts: str, length: int = 16) -> str:
    """A stable hex digest of `parts`, for identifiers that must not change between runs."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass(frozen=True)
class Article:
    """One news article as read from a file, a JSONL line or stdin.

    `text` is the article as read (title line included for plain text), so
    character offsets in statements point into it.
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # publication date, YYYY-MM-DD
    url: str | None = None
    source: str | None = None  # the outlet ("Reuters", "The White House")
    origin: str | None = None  # where kg read it: "path" or "path:line"

    @property
    def content_hash(self) -> str:
        """Digest of everything extraction depends on; a change means re-extraction."""
        return short_hash(self.text, self.title or "", self.date or "", length=32)


@dataclass(frozen=True)
class Entity:
    """A node of the graph: one real actor, place, policy or thing."""

    id: str  # IRI
    label: str
    type: str  # one of ENTITY_TYPES
    country: str | None = None  # ISO 3166 alpha-3, or UNO/EUR/IGO/NGO
    sector: str | None = None  # PLOVER sector code
    aliases: tuple[str, ...] = ()
    role: str | None = None  # for people: "president", "foreign minister"

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "label": self.label,
            "type": self.type,
            "country": self.country,
            "sector": self.sector,
        }


@dataclass(frozen=True)
class Participant:
    """An entity as mentioned in one statement, with the mention's own details."""

    entity: Entity
    text: str  # the words of the mention
    count: int | None = None  # "around 80 migrants" → 80
    count_text: str | None = None  # "around 80"

    def to_dict(self) -> dict:
        data = self.entity.to_dict()
        data["text"] = self.text
        if self.count is not None:
            data["count"] = self.count
            data["count_text"] = self.count_text
        return data


@dataclass(frozen=True)
class Action:
    """The predicate of a statement and its PLOVER/CAMEO coding."""

    text: str  # "has denied"
    lemma: str  # "deny"
    type: str | None  # PLOVER event type, None when the predicate fits none
    cameo: str | None = None
    mode: str | None = None

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "lemma": self.lemma,
            "type": self.type,
            "cameo": self.cameo,
            "mode": self.mode,
        }


@dataclass(frozen=True)
class Statement:
    """One actor–action–target statement extracted from one sentence."""

    article: str  # article id
    sentence: str
    char_start: int  # sentence offsets in Article.text
    char_end: int
    actor: Participant
    action: Action
    target: Participant | None = None
    object: str | None = None  # the acted-upon phrase, in words
    negated: bool = False
    modality: str = "asserted"
    attributed_to: Participant | None = None
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    date_text: str | None = None  # the words the date came from, if any
    destination: Participant | None = None
    origin: Participant | None = None
    confidence: float = 0.5
    extractor: str = ""
    predicate_offset: int = 0  # offset of the predicate's head word, for a stable id
    # Roles the sentence leaves out and the article establishes ("Thirty men were deported"
    # in a story about US removals: the actor): "actor", "target".
    inferred: tuple[str, ...] = ()
    # How the reading found the statement ("nominal", "governed", "broad-default", ...): the
    # features of its confidence (kg.extract.confidence), not part of its record or id.
    cues: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """Stable across runs: same article, same words, same reading → same id."""
        return short_hash(
            self.article,
            str(self.char_start),
            str(self.predicate_offset),
            self.actor.entity.id,
            self.action.lemma,
            self.action.type or "",
            self.target.entity.id if self.target else "",
        )

    def to_dict(self) -> dict:
        """The `kg extract --format jsonl` record (documented in README.md)."""

        def part(p: Participant | None) -> dict | None:
            return p.to_dict() if p is not None else None

        return {
            "id": self.id,
            "article": self.article,
            "sentence": self.sentence,
            "char_start": self.char_start,
            "char_end": self.char_end,
            "actor": part(self.actor),
            "action": self.action.to_dict(),
            "target": part(self.target),
            "object": self.object,
            "destination": part(self.destination),
            "origin": part(self.origin),
            "negated": self.negated,
            "modality": self.modality,
            "attributed_to": part(self.attributed_to),
            "date": self.date,
            "date_text": self.date_text,
            "inferred": list(self.inferred),
            "confidence": round(self.confidence, 2),
            "extractor": self.extractor,
        }
