"""Confidence: a calibrated probability from the reading's features, and the threshold that uses it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kg.extract import confidence
from tests.conftest import GOLD, ROOT
from tests.test_cli import run


def test_confidence_is_a_probability_that_ranks_explicit_readings_first(extract):
    (explicit,) = [s for s in extract("Mexico has denied the U.S. permission to land a military aircraft.") if s.action.type]
    (vague,) = [s for s in extract("Officials said the people would not be able to leave.") if s.action.type] or [None]
    assert 0.0 < explicit.confidence < 1.0
    assert explicit.confidence > 0.5  # a state, a state as target, an asserted refusal
    assert vague is None or vague.confidence < explicit.confidence
    assert "target=state" in confidence.features(explicit) and "actor=state" in confidence.features(explicit)


def test_inferred_roles_are_features_of_their_own(extract):
    statements = extract("The U.S. deported 80 Guatemalans on Monday.\nThirty more men were deported to Guatemala on Tuesday.")
    (inferred,) = [s for s in statements if s.inferred]
    assert inferred.inferred == ("actor",)
    assert {"inferred=actor", "cue=story-role", "cue=removal"} <= set(confidence.features(inferred))


def test_min_confidence_keeps_fewer_statements_as_it_rises(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "Mexico has denied the U.S. permission to land a military aircraft. "
        "Officials said the people would not be able to leave. Bogota rejected the flights.\n", encoding="utf-8")
    counts = {}
    for threshold in ("0", "0.5", "0.99"):
        result = run("extract", str(article), "--min-confidence", threshold)
        assert result.exit_code == 0, result.output
        counts[threshold] = [json.loads(line)["confidence"] for line in result.stdout.splitlines()]
    assert len(counts["0"]) >= len(counts["0.5"]) >= len(counts["0.99"])
    assert all(c >= 0.5 for c in counts["0.5"]) and counts["0.99"] == []
    refused = run("extract", str(article), "--min-confidence", "2")
    assert refused.exit_code == 2 and "--min-confidence" in refused.output


def test_evaluate_prints_precision_and_recall_at_thresholds():
    result = run("evaluate", str(GOLD / "articles.jsonl"))
    assert result.exit_code == 0, result.output
    table = result.stdout.split("| min confidence |")[1].splitlines()
    rows = [line.split("|") for line in table[2:] if line.startswith("|")]
    assert [float(r[1]) for r in rows] == [0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]
    statements = [int(r[2]) for r in rows]
    assert statements == sorted(statements, reverse=True) and statements[0] > statements[-1]


def test_the_fit_writes_weights_and_checks_them_out_of_sample(tmp_path):
    pytest.importorskip("sklearn")
    out = tmp_path / "confidence.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "fit_confidence.py"), "--train", str(GOLD / "synthetic.jsonl"),
         "--check", str(GOLD / "heldout.jsonl"), "--out", str(out)],
        capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    model = json.loads(out.read_text())
    assert model["weights"] and isinstance(model["bias"], float)
    # the fit must beat the plain guess of its training set's share of right statements, on
    # the training articles held out in turn and on the check file it never saw
    share = model["cross_validation"]["right"] / model["cross_validation"]["statements"]
    for part in ("cross_validation", "check"):
        figures = model[part]
        observed = figures["right"] / figures["statements"]
        guess = (share - observed) ** 2 + observed * (1 - observed)  # Brier of always saying `share`
        assert figures["statements"] > 50 and 0 < figures["brier"] < guess, (part, figures["brier"], guess)
        assert sum(row["statements"] for row in figures["reliability"]) == figures["statements"]
    assert 0.0 <= model["min_confidence"] <= 0.6


def test_the_threshold_table_agrees_with_the_main_table(extractor):
    from kg.evaluate import evaluate, load_gold

    items = load_gold([GOLD / "heldout.jsonl"])
    result = evaluate(items, extractor, min_confidence=0.3)
    at = result.at_threshold(0.3)
    main = result.kg.levels["triple"]
    assert (at.predicted, at.true_positives, at.gold) == (main.predicted, main.true_positives, main.gold)
