"""The lexicons actors are read with: common nouns of states, organs and groups, PETRARCH2's
agent nouns, titles of office, the last words of organization names, and the functions of
ministries. Each is loaded once from kg/lexicon/ (kg's own files, and PETRARCH2's under MIT).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.extract.gazetteer import body_functions
from kg.extract.lexicon import _rows
from kg.resources import lexicon_dir


@dataclass(frozen=True)
class ActorNoun:
    kind: str  # state, organ, group, org, ngo
    sector: str
    label: str
    needs_country: bool = False  # PETRARCH's nouns name an actor only with a country named beside them


@cache
def actor_nouns() -> dict[str, ActorNoun]:
    return {
        cells[0]: ActorNoun(cells[1], cells[2], cells[3] if len(cells) > 3 else "")
        for cells in _rows(lexicon_dir() / "actor_nouns.tsv")
    }


_STATE_SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG", "SPY")


@cache
def agent_nouns() -> dict[str, ActorNoun]:
    """PETRARCH2's agents (kg/lexicon/petrarch/agents.tsv, MIT): common nouns and their sector,
    for heads kg's own actor nouns lack ("Egyptian prosecutors" → EGY/JUD, "a Libyan militia")."""
    found = {}
    for noun, sector in _rows(lexicon_dir() / "petrarch" / "agents.tsv")[1:]:
        if sector in ("ELI", "UAF", "UNK", "IGO", "NGO"):
            continue  # former officials and unknown gunmen need more than a noun; IGOs and NGOs are named
        kind = "organ" if sector in _STATE_SECTORS else "group" if sector == "REF" else "org"
        found.setdefault(noun, ActorNoun(kind, sector, "{country} " + noun, needs_country=True))
    return found


@cache
def organization_heads() -> dict[str, tuple[str, str]]:
    """Last word of a name → (PLOVER actor code, sector) for non-governmental organizations."""
    return {cells[0]: (cells[1], cells[2]) for cells in _rows(lexicon_dir() / "organization_heads.tsv")}


@cache
def titles() -> dict[str, tuple[str, str]]:
    """title words → (sector, role)"""
    return {cells[0]: (cells[1], cells[2]) for cells in _rows(lexicon_dir() / "titles.tsv")}


@cache
def function_words() -> dict[str, str]:
    """Words naming a ministry's function ("foreign", "interior") → the function."""
    words: dict[str, str] = {}
    for function, names, _sector, _label in body_functions():
        for name in names:
            words.setdefault(name, function)
    return words
