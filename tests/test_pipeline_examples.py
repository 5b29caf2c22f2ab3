"""The examples the project was started from, read end to end."""

from __future__ import annotations

from kg.read import read_articles
from tests.conftest import EXAMPLES, triples


def test_mexico_denies_the_us_permission_to_land(extract):
    (statement,) = extract(
        "Mexico has denied the U.S. permission to land a military aircraft deporting migrants, "
        "U.S. and Mexican officials confirmed."
    )
    record = statement.to_dict()
    assert record["actor"] | {"text": None} == {
        "id": "https://w3id.org/kg-md/id/country/MEX", "label": "Mexico", "type": "Country",
        "country": "MEX", "sector": "GOV", "text": None,
    }
    assert record["action"] == {"text": "has denied", "lemma": "deny", "type": "REJECT", "cameo": "120", "mode": None}
    assert record["target"]["label"] == "United States" and record["target"]["country"] == "USA"
    assert record["object"] == "permission to land a military aircraft"
    assert (record["negated"], record["modality"]) == (False, "asserted")  # "confirmed" is factive
    assert record["sentence"].startswith("Mexico has denied") and record["char_start"] == 0


def test_guatemala_receives_deportation_flights_from_the_story_state(extract):
    statements = extract(
        "The U.S. deported 80 migrants to Guatemala on Friday. "
        "Guatemala has already received multiple deportation flights, including one on a chartered commercial plane."
    )
    assert ("Guatemala", "COOPERATE", "United States") in triples(statements)
    (received,) = [s for s in statements if s.action.type == "COOPERATE"]
    assert received.inferred == ("target",) and received.object.startswith("multiple deportation flights")
    # alone, the sentence names no sender: no recipient, no COOPERATE (PLOVER requires one)
    assert extract("Guatemala has already received multiple deportation flights.") == []


def test_one_node_per_state_whatever_it_is_called(extract):
    statements = extract(
        "The U.S. deported 80 migrants to Guatemala. The United States criticized Mexico. "
        "America sanctioned Venezuela. Washington praised Panama."
    )
    assert {s.actor.entity.id for s in statements} == {"https://w3id.org/kg-md/id/country/USA"}


def test_headline_list_at_the_end_of_a_seed_yields_nothing(extractor):
    (article,) = list(read_articles([EXAMPLES / "002_7b4837244018cd6d.txt"]))
    result = next(iter(extractor.extract([article])))
    headlines_start = article.text.index("Trump Says “Very Good Talks”")
    assert result.skipped_lines == 17
    assert result.statements
    assert all(s.char_end <= headlines_start for s in result.statements)


def test_unrelated_headlines_alone_give_no_statement(extract):
    headlines = (
        "Trump Rejects Putin’s New START Extension Offer, Raising Fears of a New Nuclear Arms Race\n"
        "U.S. Sanctions on Russia Could Expand as Ukraine Peace Talks Continue, Says Treasury Secretary Bessent\n"
        "Trump Lifts 25% Tariff on Indian Goods in Strategic U.S.–India Trade and Energy Deal\n"
    )
    assert extract(headlines) == []


def test_statement_ids_are_stable_across_runs(extract):
    text = "Mexico has denied the U.S. permission to land a military aircraft."
    assert [s.id for s in extract(text)] == [s.id for s in extract(text)]


def test_jsonl_record_keeps_the_documented_fields(extract):
    (statement,) = extract("Colombia rejected two U.S. military planes carrying deportees on Sunday.", date="2025-01-27")
    record = statement.to_dict()
    assert set(record) >= {
        "article", "sentence", "char_start", "char_end", "actor", "action", "target", "object",
        "negated", "modality", "attributed_to", "date", "confidence",
    }
    assert record["date"] == "2025-01-26"  # "on Sunday" before a Monday publication
    assert 0 < record["confidence"] <= 1
