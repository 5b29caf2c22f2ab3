"""How likely a statement is right: a calibrated probability from the features of its reading.

`confidence` is P(the statement's actor, type and target all match what a coder would
code), estimated by logistic regression on the gold files (tools/fit_confidence.py,
scikit-learn at fitting time only) and checked on gold articles the fit never saw
(docs/confidence.md). At run time it is a dot product: the weights are data, in
kg/lexicon/confidence.json, written by the fitting script with the figures of its
check.

The features are what the reading knows about itself, never the words: the event type,
what kind of party acts and is acted upon, whether a role was inferred from the
article, how the predicate was found (a verb, an event noun, a lexicon pattern, a
PETRARCH default), and the statement's stance. `Statement.cues` carries the
reading's own cues from clauses.py to here.
"""

from __future__ import annotations

import json
import math
from functools import cache

from kg.model import Statement
from kg.resources import lexicon_dir

WEIGHTS_FILE = "confidence.json"


def _party(participant) -> str:
    if participant is None:
        return "none"
    entity = participant.entity
    if entity.type == "Person":
        return "person" if entity.country else "person-unplaced"
    if entity.type == "Organization":
        return "international" if entity.country in ("UNO", "EUR", "IGO", "NGO") else (
            "organization" if entity.country else "organization-unplaced")
    if entity.type == "PopulationGroup":
        return "group"
    return {"Country": "state", "GovernmentBody": "body"}.get(entity.type, "thing")


def features(statement: Statement) -> dict[str, float]:
    """The reading's features, as the names the weights file uses (all indicators)."""
    found = {
        f"type={statement.action.type}": 1.0,
        f"actor={_party(statement.actor)}": 1.0,
        f"target={_party(statement.target)}": 1.0,
        f"modality={statement.modality}": 1.0,
    }
    for role in statement.inferred:
        found[f"inferred={role}"] = 1.0
    if statement.negated:
        found["negated"] = 1.0
    if statement.attributed_to is not None:
        found["attributed"] = 1.0
    if statement.destination is not None or statement.origin is not None:
        found["movement-roles"] = 1.0
    for cue in statement.cues:
        found[f"cue={cue}"] = 1.0
    return found


@cache
def weights() -> dict:
    """The fitted model: {"bias": b, "weights": {feature: w}, ...figures of its fit}."""
    path = lexicon_dir() / WEIGHTS_FILE
    return json.loads(path.read_text(encoding="utf-8"))


def default_min_confidence() -> float:
    """What `kg build` and `kg extract` keep by default: the threshold of best F1 in the fit's
    cross-validation (0 keeps every statement)."""
    return float(weights().get("min_confidence", 0.0))


def probability(statement: Statement) -> float:
    """P(right) for a statement with a PLOVER type; statements of no type get the lowest score."""
    if statement.action.type is None:
        return 0.05
    model = weights()
    table = model["weights"]
    z = model["bias"] + sum(value * table.get(name, 0.0) for name, value in features(statement).items())
    return 1.0 / (1.0 + math.exp(-z))


__all__ = ["WEIGHTS_FILE", "default_min_confidence", "features", "probability", "weights"]
