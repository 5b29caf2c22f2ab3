"""The saved analyst questions in examples/queries/*.rq, run on the store built from the examples.

Each file must explain itself in leading comments, run through `kg query FILE.rq`, and
answer its question on the example articles the way a reader of those articles expects.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.query.sparql import run
from kg.store import KnowledgeStore
from tests.conftest import ROOT

QUERIES = ROOT / "examples" / "queries"
FILES = sorted(QUERIES.glob("*.rq"))
PRESS_SECRETARY = "Statement from the Press Secretary"  # 2025-01-26, Colombia accepts Trump's terms
SEED_DENIAL = "002_7b4837244018cd6d"  # "Mexico has denied the U.S. permission to land ..."
SEED_REFUSAL = "001_31b4f35ab270502a"  # "Mexico Rejects Initial U.S. Migrant Deportation Flight"


def query_text(name: str, replace: tuple[str, str] | None = None) -> str:
    text = (QUERIES / name).read_text(encoding="utf-8")
    if replace is not None:
        old, new = replace
        assert old in text, f"{name} no longer contains {old!r}: update the test"
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def ks(example_store):
    with KnowledgeStore.open(str(example_store)) as store:
        yield store


@pytest.fixture(scope="module")
def ask(ks):
    """ask("01-….rq") → rows as dicts of plain values (None when unbound)."""

    def select(name: str, replace: tuple[str, str] | None = None) -> list[dict]:
        return ks.select(query_text(name, replace))

    return select


def find(rows: list[dict], **expected) -> list[dict]:
    """Rows whose columns equal the expected values (a callable value is a predicate)."""
    found = []
    for row in rows:
        if all(value(row.get(key)) if callable(value) else row.get(key) == value for key, value in expected.items()):
            found.append(row)
    return found


def contains(fragment: str):
    return lambda value: value is not None and fragment.lower() in str(value).lower()


def date_key(value) -> tuple[int, str]:
    """Dated first in date order (as ISO strings), undated last: the order the files promise."""
    return (1, "") if value in (None, "") else (0, str(value))


# ---------------------------------------------------------------- every file


def test_there_are_at_least_ten_saved_questions():
    assert len(FILES) >= 10
    assert len({f.name for f in FILES}) == len(FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_file_starts_with_comments_that_explain_it(path):
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("#"), "the file must start with a comment"
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line.lstrip("# ").rstrip())
    header_text = "\n".join(header)
    assert "Question:" in header_text and "?" in header_text, "state the question in plain English"
    assert "Columns:" in header_text, "say what the columns mean"
    assert f"kg query examples/queries/{path.name}" in header_text, "say how to run it"
    assert re.search(r"^\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", text, re.MULTILINE | re.IGNORECASE)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_file_runs_fast_and_documents_every_column(ks, path):
    text = path.read_text(encoding="utf-8")
    started = time.perf_counter()
    output = run(ks, text, "json")
    elapsed = time.perf_counter() - started
    result = json.loads(output.data)
    columns = result["head"]["vars"]
    rows = result["results"]["bindings"]
    assert rows, f"{path.name} answers nothing on the example store"
    assert elapsed < 5, f"{path.name} took {elapsed:.1f} s"
    header = text.split("\nSELECT", 1)[0]
    undocumented = [c for c in columns if not re.search(rf"#.*\b{re.escape(c)}\b", header)]
    assert undocumented == [], f"columns not explained in the header: {undocumented}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_file_runs_with_kg_query(example_store, path):
    result = CliRunner().invoke(
        main, ["query", str(path), "--store", str(example_store), "--format", "csv"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    table = list(csv.reader(io.StringIO(result.stdout)))
    assert len(table) >= 2 and table[0][0], "a header and at least one row"


# ---------------------------------------------------------------- 01 refusals


def test_refusals_are_mexico_denying_the_us_military_plane_landing(ask):
    rows = ask("01-refused-deportation-flights.rq")
    denied = find(rows, actor="Mexico", target="United States", verb="deny", object=contains("permission to land"))
    assert denied and denied[0]["sentence"].startswith("Mexico has denied the U.S. permission to land a military aircraft")
    assert denied[0]["modality"] == "asserted" and denied[0]["negated"] is False
    assert find(rows, actor="Mexico", verb="refuse", object=contains("landing of a U.S. military plane"),
                article="Mexico Rejects Initial U.S. Migrant Deportation Flight")
    # the same refusal as Breitbart reported it: a reported claim, credited to the outlet
    assert find(rows, actor="Mexico", reportedBy="Breitbart News", modality="reported", object="landing clearance")
    for row in rows:
        text = (row["object"] or "") + " " + row["sentence"]
        assert re.search(r"flight|plane|aircraft|landing|deport", text, re.IGNORECASE)
    # Panama's denial of claims about the canal is no refused flight
    assert not find(rows, actor="Panama")


# ---------------------------------------------------------------- 02 deportations


def test_deportations_are_us_flights_to_panama_and_guatemala_and_returns_accepted(ask):
    rows = ask("02-deportations-who-to-whom.rq")
    assert find(rows, role="sends", actor="United States", verb="deport", target="migrants", destination="Panama",
                sentence=contains("deports unauthorized migrants to Panama"))
    assert find(rows, role="sends", actor="United States", destination="Guatemala",
                sentence=contains("deportation flights to Guatemala"))
    # who takes people back, from whom (PLOVER's recipient is the sending state; the people are what is
    # received): Mexico migrants back, Colombia under Trump's terms, Guatemala the flights
    mexicans = find(rows, role="receives", actor="Mexico", target="United States", inferred="target")
    assert mexicans and mexicans[0]["destination"] == "Mexico"
    assert not find(rows, role="sends", target="United States")  # "migrants returned from the United States"
    colombia = find(rows, role="receives", actor="Colombia", destination="Colombia")
    assert colombia and colombia[0]["date"] == "2025-01-26" and colombia[0]["article"] == PRESS_SECRETARY
    assert find(rows, role="receives", actor="Guatemala", target="United States", moved=contains("deportation flights"),
                inferred="target")
    # the refusal is no deportation
    assert not find(rows, verb="deny")
    assert {r["role"] for r in rows} == {"sends", "receives"}


# ---------------------------------------------------------------- 03 threats and sanctions


def test_threats_and_sanctions_with_what_followed(ask):
    rows = ask("03-threats-sanctions-and-what-followed.rq")
    assert {r["type"] for r in rows} == {"THREATEN", "SANCTION"}
    # Trump's March tariffs on Canada were followed by the July increase
    march = find(rows, actor="Donald Trump", type="SANCTION", target="Canada", date=contains("2025-03"))
    assert march
    assert find(march, sequence="later", followActor="Donald Trump", followType="SANCTION", followTarget="Canada",
                followDate=contains("2025-07"))
    # the undated tariff threat against Mexico, and Mexico's refusal of the landing
    threat = find(rows, actor="United States", type="THREATEN", target="Mexico")
    assert threat and threat[0]["evidence"].startswith("Trump’s administration has threatened new tariffs")
    assert find(threat, followActor="Mexico", followType="REJECT", followTarget="United States")
    for row in rows:
        if row["sequence"] == "later":
            assert str(row["followDate"]) > str(row["date"])
        if row["sequence"] is None:
            assert row["followActor"] is None


# ---------------------------------------------------------------- 04 agreements


def parties(row) -> set[str]:
    return set(row["parties"].split(" | "))


def test_agreements_and_their_parties(ask):
    rows = ask("04-agreements-and-parties.rq")
    mou = [r for r in rows if parties(r) == {"United States", "Panama"} and r["verbs"] == "sign"]
    assert mou and mou[0]["date"] == "2024-07-01" and "Memorandum of Understanding" in mou[0]["what"]
    colombia = [r for r in rows if parties(r) == {"Colombia", "Donald Trump"}]
    assert colombia and colombia[0]["date"] == "2025-01-26" and "all of President Trump’s terms" in colombia[0]["sentence"]
    assert [r for r in rows if parties(r) == {"Mexico", "United States"} and str(r["date"]).startswith("2021-06")
            and "security dialogue" in (r["what"] or "")]
    # a claim only: the State Department says the U.S. reached a canal agreement with Panama
    assert find(rows, parties="United States | Panama", modality="reported", reportedBy="State Department")
    # migrant groups are no parties, and signing an executive order alone is no agreement
    assert not [r for r in rows if parties(r) & {"migrants", "Mexican nationals", "people"}]
    assert not [r for r in rows if "Executive Order" in (r["what"] or "")]
    assert [date_key(r["date"]) for r in rows] == sorted(date_key(r["date"]) for r in rows)


# ---------------------------------------------------------------- 05 timeline


def test_timeline_united_states_colombia_is_chronological(ask):
    rows = ask("05-timeline-between-two-countries.rq")
    for row in rows:
        assert {row["actorCountry"], row["targetCountry"]} == {"USA", "COL"}
    assert [date_key(r["date"]) for r in rows] == sorted(date_key(r["date"]) for r in rows)
    meeting = find(rows, date="2023-04-20", actor="Joe Biden", target="Gustavo Petro", type="CONSULT")
    agreement = find(rows, date="2025-01-26", actor="Colombia", type="AGREE", target="Donald Trump")
    assert meeting and agreement
    assert rows.index(meeting[0]) < rows.index(agreement[0])
    assert agreement[0]["evidence"].startswith("“The Government of Colombia has agreed to all of President Trump’s terms")


def test_timeline_pair_is_editable(ask):
    rows = ask("05-timeline-between-two-countries.rq", replace=('("USA" "COL")', '("USA" "PAN")'))
    assert rows
    for row in rows:
        assert {row["actorCountry"], row["targetCountry"]} == {"USA", "PAN"}
    assert find(rows, date="2024-07-01", actor="United States", type="SUPPORT", target="Panama")
    assert find(rows, actor="Panama", type="REJECT", target="United States", date=None)


# ---------------------------------------------------------------- 06 disputed claims


def test_disputed_claims(ask):
    rows = ask("06-disputed-claims.rq")
    assert find(rows, why="attributed", claimant="Breitbart News", actor="Mexico", verb="deny", target="United States")
    assert find(rows, why="attributed", claimant="State Department", actor="United States", verb="reach",
                object="agreement", modality="reported")
    denial = find(rows, why="denial", actor="Panama", target="United States")
    assert denial and denial[0]["object"].startswith("claims made by Mr. Trump")
    for row in rows:
        assert row["why"] in {"negated", "attributed", "denial", "contradicted"}
        if row["why"] == "negated":
            assert row["negated"] is True
        if row["why"] == "attributed":
            assert row["claimant"]


# ---------------------------------------------------------------- 07 most active actors


def test_most_active_actors_start_with_the_united_states(ask):
    rows = ask("07-most-active-actors.rq")
    us = next(r for r in rows[:2] if r["actor"] == "United States")
    assert us["kind"] == "Country" and us["country"] == "USA"
    top = [r["actor"] for r in rows[:4]]
    assert "Joe Biden" in top
    assert {"Mexico", "Andrés Manuel López Obrador"} & set(top)
    assert [r["relations"] for r in rows] == sorted((r["relations"] for r in rows), reverse=True)
    for row in rows:
        assert row["statements"] >= row["relations"] >= 1
        assert row["articles"] >= 1


# ---------------------------------------------------------------- 08 provenance


def test_provenance_of_mexicos_refusal_leads_back_to_the_article_text(ask):
    rows = ask("08-provenance-of-a-relation.rq")
    assert {SEED_DENIAL, SEED_REFUSAL} <= {r["articleId"] for r in rows}
    assert len({r["relation"] for r in rows}) == 1 and rows[0]["polarity"] == "asserted"
    for row in rows:
        assert row["extractor"].startswith("kg-") and row["generatedAt"]
        source = Path(row["readFrom"])
        source = source if source.is_absolute() else ROOT / source
        text = source.read_text(encoding="utf-8")
        assert text[row["charStart"]:row["charEnd"]] == row["sentence"]
    assert find(rows, articleId=SEED_DENIAL, verb="deny", charStart=0)


def test_provenance_of_a_white_house_relation_has_url_and_date(ask):
    rows = ask("08-provenance-of-a-relation.rq",
               replace=('("Mexico" "REJECT" "United States")', '("Colombia" "AGREE" "Donald Trump")'))
    assert rows
    for row in rows:
        assert row["title"] == PRESS_SECRETARY and row["published"] == "2025-01-26"
        assert row["url"].startswith("https://www.whitehouse.gov/briefings-statements/2025/01/")
        assert row["publisher"].startswith("The White House")
        assert row["firstDate"] == "2025-01-26"


# ---------------------------------------------------------------- 09 events per month


def test_events_per_month_by_type(ks, ask):
    rows = ask("09-events-per-month-by-type.rq")
    assert find(rows, month="2025-01", type="AGREE", quad="verbal cooperation")
    assert find(rows, month="2024-07", type="SUPPORT")
    assert find(rows, month="2025-03", type="SANCTION", quad="material conflict")
    assert find(rows, month="undated", type="REJECT", quad="verbal conflict")
    months = [r["month"] for r in rows]
    assert months == sorted(months, key=lambda m: (m == "undated", m))
    for month in months:
        assert month == "undated" or re.fullmatch(r"\d{4}-(\d\d|\?\?)", month)
    typed = ks.select("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a kg:Statement ; kg:eventType ?t } }")
    assert sum(r["statements"] for r in rows) == typed[0]["n"]


# ---------------------------------------------------------------- 10 one outlet


def test_what_breitbart_reported(ask):
    rows = ask("10-what-one-outlet-reported.rq")
    assert find(rows, how="attributed", actor="Mexico", type="REJECT", target="United States",
                sentence=contains("According to Breitbart News"))
    assert all("breitbart" in r["sentence"].lower() for r in rows)


def test_what_the_white_house_published(ask):
    rows = ask("10-what-one-outlet-reported.rq", replace=('{ "Breitbart" }', '{ "whitehouse.gov" }'))
    assert {r["how"] for r in rows} == {"published"}
    # whitehouse.gov and its Biden-era archive, bidenwhitehouse.archives.gov
    assert all(r["url"] and "whitehouse" in r["url"] for r in rows)
    assert {r["url"].split("/")[2] for r in rows} == {"www.whitehouse.gov", "bidenwhitehouse.archives.gov"}
    assert find(rows, date="2025-01-26", actor="Colombia", type="AGREE", target="Donald Trump")
    assert find(rows, date="2024-07-01", actor="United States", type="SUPPORT", target="Panama")
    assert not find(rows, article="Mexico Rejects Initial U.S. Migrant Deportation Flight")


# ---------------------------------------------------------------- 11 quad classes


def test_statements_per_quad_class(ks, ask):
    rows = ask("11-statements-per-quad-class.rq")
    assert {r["quad"] for r in rows} == {
        "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"}
    by_type = {r["type"]: r for r in rows}
    assert by_type["REJECT"]["quad"] == "verbal conflict" and by_type["REJECT"]["score"] < 0
    assert by_type["COOPERATE"]["quad"] == "material cooperation" and by_type["COOPERATE"]["score"] > 0
    assert by_type["COERCE"]["quad"] == "material conflict"
    # diplomatic readouts are mostly meetings and agreements
    assert max(rows, key=lambda r: r["statements"])["type"] in ("AGREE", "CONSULT")
    typed = ks.select("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a kg:Statement ; kg:eventType ?t } }")
    assert sum(r["statements"] for r in rows) == typed[0]["n"]
    for row in rows:
        assert row["relations"] is None or row["asserted"] <= row["relations"] <= row["statements"]


# ---------------------------------------------------------------- 12 corroborated relations


def test_relations_with_several_sources(ask):
    rows = ask("12-relations-with-several-sources.rq")
    assert all(r["sources"] >= 2 and r["statements"] >= r["sources"] for r in rows)
    assert all(len(r["articles"].split(" | ")) == r["sources"] for r in rows)
    refusal = find(rows, actor="Mexico", type="REJECT", target="United States")
    assert refusal
    assert set(refusal[0]["articles"].split(" | ")) == {
        "Mexico Rejects Initial U.S. Migrant Deportation Flight", SEED_DENIAL}
    assert [r["sources"] for r in rows] == sorted((r["sources"] for r in rows), reverse=True)
