"""Where the ontology and lexicon files are, installed or in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def ontology_dir() -> Path:
    """The ontology/ folder: inside the wheel as kg/ontology, at the repository root in a checkout."""
    for candidate in (_PACKAGE / "ontology", _PACKAGE.parent / "ontology"):
        if (candidate / "kg.ttl").is_file():
            return candidate
    raise FileNotFoundError(
        "kg's ontology files are missing; reinstall kg (pip install --force-reinstall kg)"
    )


def lexicon_dir() -> Path:
    return _PACKAGE / "lexicon"
