"""Analysts' corrections: kept apart from extraction, applied by every build, exported and imported.

The main scenario runs on the store built from the examples: an analyst rejects
one of the statements behind Mexico's refusal of the US flight, merges an
actor into another, adds an alias, corrects, renames, splits; then the store
is rebuilt with `kg build --rebuild` (every article extracted again), and a
fresh store is built after importing the exported corrections. Both must show
the corrections and hold the same triples.
"""

from __future__ import annotations

import json
import shutil
import types

import pytest

from kg import corrections
from kg.corrections import CorrectionError
from kg.errors import EntityNotFound
from kg.evaluate import load_gold
from kg.model import Article
from kg.query.lookup import relations, resolve, statements
from kg.store import KnowledgeStore
from kg.validate import validate
from tests.conftest import EXAMPLES
from tests.test_cli import run

ID = "https://w3id.org/kg-md/id/"
MEX, USA = ID + "country/MEX", ID + "country/USA"
ADVISER, SHERWOOD = ID + "person/adviser-of-united-states", ID + "person/liz-sherwood-randall"
CORRECTIONS_GRAPH = ID + "graph/corrections"


def kg(*args, input=None):
    """Run a kg command; fail the test, showing its stderr, unless it succeeds."""
    result = run(*args, input=input)
    assert result.exit_code == 0, result.output
    return result


def json_lines(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def assert_valid(store) -> None:
    with KnowledgeStore.open(store) as ks:
        report = validate(ks)
    assert report.conforms, report.violations[:5]


def supports_of(store, actor: str, event_type: str) -> set[str]:
    """Statement ids supporting the relations of an (actor, type)."""
    with KnowledgeStore.open(store) as ks:
        rows = ks.select(
            f"""SELECT ?s WHERE {{ GRAPH kgr:graph\\/relations {{ ?r kg:actor <{actor}> ;
                  kg:eventType plover:{event_type.capitalize()} ; kg:supportedBy ?s }} }}""")
    return {row["s"].rsplit("/", 1)[1] for row in rows}


def dataset(store) -> set[tuple]:
    """Every quad of kg's graphs but the ontology, without the times of writing (they differ per build)."""
    with KnowledgeStore.open(store) as ks:
        rows = ks.query(
            """SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o }
                 FILTER(?g != kgr:graph\\/ontology && ?p != prov:generatedAtTime) }""")
        return {(str(r["g"]), str(r["s"]), str(r["p"]), str(r["o"])) for r in rows}


def force_reextraction(store) -> None:
    """`kg build --rebuild` extracts again the articles another kg version read; make them all such."""
    kg("update", "--store", store, 'DELETE { GRAPH ?g { ?a kg:extractorVersion ?v } } '
       'INSERT { GRAPH ?g { ?a kg:extractorVersion "kg-0.0.0-before" } } WHERE { GRAPH ?g { ?a kg:extractorVersion ?v } }')


# ---------------------------------------------------------------------- the scenario
@pytest.fixture(scope="module")
def corrected(example_store, tmp_path_factory):
    """The example store after an analyst's session at the command line, and what they did."""
    folder = tmp_path_factory.mktemp("corrected")
    store = folder / "store"
    shutil.copytree(example_store, store, ignore=shutil.ignore_patterns("writer.lock"))
    found = types.SimpleNamespace(store=store, folder=folder)
    # which entities exist: the merge and the split below are real mistakes of this store
    listed = kg("query", "--store", store, "--format", "csv",
                "SELECT ?e WHERE { GRAPH kgr:graph\\/entities { ?e a kg:Actor } }").stdout
    assert ADVISER in listed and SHERWOOD in listed and ID + "person/alvaro-leyva" in listed
    rejects = json_lines(kg("statements", "Mexico", "--type", "REJECT", "--format", "json", "--store", store))
    assert len(rejects) >= 2, rejects
    found.rejected = next(r["id"] for r in rejects if r["action"] == "REJECT deny")
    found.kept = [r["id"] for r in rejects if r["id"] != found.rejected]
    assert found.rejected in supports_of(store, MEX, "REJECT")
    by = ("--by", "ana")
    found.reject_id = kg("reject", found.rejected, "--note", "the same refusal, reported twice", *by, "--store", store).stdout.strip()
    kg("merge", "Adviser of United States", "Liz Sherwood-Randall", *by, "--store", store)
    assert run("relations", "Elizabeth Sherwood-Randall", "--store", store).exit_code == 1  # no name of hers yet
    kg("alias", "Liz Sherwood-Randall", "Elizabeth Sherwood-Randall", *by, "--store", store)
    kg("set-country", "Álvaro Leyva", "COL", *by, "--store", store)
    kg("rename", "Mexico Ken Salazar", "Ken Salazar", *by, "--store", store)
    kg("split", "United States", "Trump administration", "--mention", "Trump’s administration",
       "--mention", "Trump administration's", "--kind", "GovernmentBody", *by, "--store", store)
    # an AGREE the sentence does not state: the analyst reads it as the United States' request
    agree = json_lines(kg("statements", "Kamala Harris", "--type", "AGREE", "--format", "json", "--store", store))[0]
    found.corrected = agree["id"]
    kg("correct", found.corrected, "--type", "REQUEST", "--negated", *by, "--store", store)
    found.confirmed = found.kept[0]
    kg("confirm", found.confirmed, *by, "--store", store)
    found.file = folder / "corrections.jsonl"
    kg("corrections", "export", found.file, "--store", store)
    found.relations = {name: kg("relations", name, "--format", "json", "--store", store).stdout
                       for name in ("Mexico", "Liz Sherwood-Randall", "Trump administration", "Ken Salazar", "Kamala Harris")}
    return found


@pytest.fixture(scope="module")
def rebuilt(corrected, tmp_path_factory):
    """The corrected store rebuilt: every article extracted again and written anew."""
    store = tmp_path_factory.mktemp("rebuilt") / "store"
    shutil.copytree(corrected.store, store, ignore=shutil.ignore_patterns("writer.lock"))
    force_reextraction(store)
    result = kg("build", EXAMPLES, "--store", store, "--rebuild")
    assert "43 articles extracted" in result.stderr
    return store


@pytest.fixture(scope="module")
def fresh(corrected, tmp_path_factory):
    """A store built from nothing after importing the exported corrections."""
    store = tmp_path_factory.mktemp("fresh") / "store"
    result = kg("corrections", "import", corrected.file, "--store", store)
    assert "8 new of 8 corrections" in result.stderr
    kg("build", EXAMPLES, "--store", store)
    return store


@pytest.mark.parametrize("which", ["corrected", "rebuilt", "fresh"])
def test_a_rejected_statement_never_comes_back(corrected, rebuilt, fresh, which):
    store = {"corrected": corrected.store, "rebuilt": rebuilt, "fresh": fresh}[which]
    assert corrected.rejected not in supports_of(store, MEX, "REJECT")
    assert set(corrected.kept) <= supports_of(store, MEX, "REJECT")  # the relation stands on its other sources
    listed = json_lines(kg("statements", "Mexico", "--type", "REJECT", "--format", "json", "--store", store))
    assert corrected.rejected not in {r["id"] for r in listed}
    with_rejected = json_lines(kg("statements", "Mexico", "--rejected", "--format", "json", "--store", store))
    assert {r["id"]: r["review"] for r in with_rejected}[corrected.rejected] == "rejected"
    shown = json_lines(kg("relations", "Mexico", "--type", "REJECT", "--format", "json", "--store", store))
    assert shown and all(r["counterpart"] == "United States" for r in shown)
    # nor in SPARQL over statements: a kg:RejectedStatement has no actor, type or roles
    count = kg("query", "--store", store, "--format", "csv",
               f"SELECT (COUNT(*) AS ?n) WHERE {{ kgr:statement\\/{corrected.rejected} kg:actor ?a }}").stdout
    assert count.split() == ["n", "0"]


@pytest.mark.parametrize("which", ["corrected", "rebuilt", "fresh"])
def test_merge_alias_and_entity_corrections_hold(corrected, rebuilt, fresh, which):
    store = {"corrected": corrected.store, "rebuilt": rebuilt, "fresh": fresh}[which]
    # the merged actor's name finds the one it went into, its IRI too; it is no node of its own
    result = kg("relations", "Adviser of United States", "--store", store)
    assert result.stderr.startswith("Liz Sherwood-Randall (Person, USA)")
    assert kg("relations", ADVISER, "--store", store).stderr.startswith("Liz Sherwood-Randall")
    with KnowledgeStore.open(store) as ks:
        assert ks.select(f"SELECT ?p WHERE {{ GRAPH ?g {{ <{ADVISER}> ?p ?o }} FILTER(?g != <{CORRECTIONS_GRAPH}>) }}") == []
        assert ks.select(f"SELECT ?s WHERE {{ GRAPH ?g {{ ?s ?role <{ADVISER}> }} FILTER(?g != <{CORRECTIONS_GRAPH}>) }}") == []
        leyva = resolve(ks, "Álvaro Leyva")
        salazar = resolve(ks, "Mexico Ken Salazar")  # the old label stays a name
        trump = resolve(ks, "Trump administration")
    assert kg("relations", "Elizabeth Sherwood-Randall", "--store", store).stderr.startswith("Liz Sherwood-Randall")
    assert leyva.country == "COL"
    assert salazar.label == "Ken Salazar"
    assert (trump.type, trump.country) == ("GovernmentBody", "USA")
    moved = json_lines(kg("relations", "Trump administration", "--format", "json", "--store", store))
    assert any(r["action"].startswith("THREATEN") and r["counterpart"] == "Mexico" for r in moved)
    # the corrected statement shows as corrected: Kamala Harris's AGREE is now a negated REQUEST
    harris = json_lines(kg("statements", "Kamala Harris", "--format", "json", "--store", store))
    row = next(r for r in harris if r["id"] == corrected.corrected)
    assert (row["review"], row["action"].split()[:2]) == ("corrected", ["not", "REQUEST"])
    assert_valid(store)


def test_rebuild_and_fresh_build_hold_the_same_data_and_show_the_same(corrected, rebuilt, fresh):
    assert dataset(rebuilt) == dataset(fresh)
    for name, before in corrected.relations.items():
        assert kg("relations", name, "--format", "json", "--store", fresh).stdout == \
            kg("relations", name, "--format", "json", "--store", rebuilt).stdout, name
    # the store corrected in place shows what the rebuilt one does (extraction reads the same)
    assert kg("relations", "Mexico", "--format", "json", "--store", rebuilt).stdout == corrected.relations["Mexico"]


def test_the_exported_file_is_one_correction_a_line_keyed_by_statement_and_entity(corrected):
    lines = corrected.file.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 8
    assert [r["at"] for r in records] == sorted(r["at"] for r in records)
    assert {r["by"] for r in records} == {"ana"}
    assert records[0]["action"] == "reject" and records[0]["statement"] == corrected.rejected
    assert records[0]["id"] == corrected.reject_id and records[0]["note"] == "the same refusal, reported twice"
    assert records[0]["context"]["statement"]["sentence"]  # the sentence, for whoever reviews the file
    merge = next(r for r in records if r["action"] == "merge")
    assert (merge["entity"], merge["into"]) == (ADVISER, SHERWOOD)
    split = next(r for r in records if r["action"] == "split")
    assert split["into"] == ID + "body/USA-trump-administration" and split["kind"] == "GovernmentBody"
    # the store's own list says the same
    listed = json_lines(kg("corrections", "list", "--format", "jsonl", "--store", corrected.store))
    assert listed == records


def test_importing_twice_adds_nothing_and_replace_withdraws(corrected, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(corrected.store, store, ignore=shutil.ignore_patterns("writer.lock"))
    assert "0 new of 8 corrections" in kg("corrections", "import", corrected.file, "--store", store).stderr
    only_reject = tmp_path / "one.jsonl"
    only_reject.write_text(corrected.file.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    result = kg("corrections", "import", only_reject, "--replace", "--store", store)
    assert "7 withdrawn" in result.stderr
    assert kg("relations", "Adviser of United States", "--store", store).stderr.startswith("Adviser of United States")
    assert kg("relations", "Kamala Harris", "--format", "json", "--store", store).stdout != corrected.relations["Kamala Harris"]
    with KnowledgeStore.open(store) as ks:
        assert resolve(ks, "Álvaro Leyva").country == "USA"  # as the extractor had it
        assert resolve(ks, "Mexico Ken Salazar").label == "Mexico Ken Salazar"
        with pytest.raises(EntityNotFound):
            resolve(ks, "Elizabeth Sherwood-Randall")
        assert ks.select(f"SELECT ?s WHERE {{ GRAPH ?g {{ ?s ?role <{ID}body/USA-trump-administration> }} }}") == []
    assert corrected.rejected not in supports_of(store, MEX, "REJECT")
    assert_valid(store)


def test_reviewed_sentences_export_as_gold_for_evaluate(corrected, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(corrected.store, store, ignore=shutil.ignore_patterns("writer.lock"))
    with KnowledgeStore.open(store, write=True) as ks:
        # review the rest of the two sentences: a sentence is gold once every statement of it is reviewed
        sentences, sizes = {}, {}
        for reviewed in (corrected.corrected, corrected.rejected):
            rows = ks.select(
                f"""SELECT ?other ?sentence WHERE {{ GRAPH ?g {{ kgr:statement\\/{reviewed} prov:wasDerivedFrom ?sentence .
                      ?other prov:wasDerivedFrom ?sentence }} }}""")
            article, start = rows[0]["sentence"].rsplit("/", 2)[-2:]
            sentences[reviewed] = f"review-{article}-{start}"  # the gold record's id
            sizes[reviewed] = len(rows)
            for row in rows:
                short = row["other"].rsplit("/", 1)[1]
                if short not in ks.corrections().by_statement:
                    corrections.confirm(ks, short, by="ana")
    gold = tmp_path / "gold.jsonl"
    result = kg("corrections", "export", "--as-gold", gold, "--store", store)
    assert "gold sentences" in result.stderr
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    assert len(load_gold([gold])) == len(records) >= 2  # the gold reader of `kg evaluate` takes them
    by_id = {r["id"]: r for r in records}
    events = by_id[sentences[corrected.corrected]]["events"]
    assert any(e["type"] == "REQUEST" and e["negated"] and e["actor"]["label"] for e in events), events
    assert len(events) == sizes[corrected.corrected]  # the others confirmed, none rejected
    refused = by_id[sentences[corrected.rejected]]
    assert len(refused["events"]) == sizes[corrected.rejected] - 1
    assert not any(e["type"] == "REJECT" and e["actor"]["country"] == "MEX" for e in refused["events"])
    assert refused["date"] is None and refused["source"].endswith(".txt")
    # and `kg evaluate` scores against them
    evaluated = kg("evaluate", gold)
    assert "| actor + type + target |" in evaluated.stdout


# ---------------------------------------------------------------------- the API, on small stores
def write(store, extractor, *articles: Article) -> None:
    with KnowledgeStore.open(store, write=True, create=True) as ks:
        for a in articles:
            ks.replace_article(a, extractor.extract_text(a.text, date=a.date, article_id=a.id), extractor.version)


def only(ks, name: str, event_type: str):
    rows = relations(ks, resolve(ks, name), types=(event_type,))
    return [(r.direction, r.event_type, r.counterpart_label, r.polarity) for r in rows]


def test_a_merge_holds_for_articles_added_later(tmp_path, extractor):
    store = tmp_path / "s"
    write(store, extractor, Article("one", "Colombia denied landing permission to two U.S. military planes on Sunday. "
                                    "Colombian President Gustavo Petro refused to accept the deportees from the United States.",
                                    date="2025-01-26"))
    with KnowledgeStore.open(store, write=True) as ks:
        corrections.merge(ks, "Gustavo Petro", "Colombia", by="ana")
        assert only(ks, "Colombia", "REJECT") == [("out", "REJECT", "United States", "asserted")]
    write(store, extractor, Article("two", "Gustavo Petro criticized the United States on Monday.", date="2025-01-27"))
    with KnowledgeStore.open(store) as ks:
        assert resolve(ks, "Gustavo Petro").iri == ID + "country/COL"
        assert ("out", "ACCUSE", "United States", "asserted") in only(ks, "Colombia", "ACCUSE")
        assert ks.select(f"SELECT ?s WHERE {{ GRAPH ?g {{ ?s kg:actor <{ID}person/gustavo-petro> }} }}") == []
        names = {row["n"] for row in ks.select(
            f"SELECT ?n WHERE {{ GRAPH kgr:graph\\/entities {{ <{ID}country/COL> skos:altLabel ?n }} }}")}
    assert "Gustavo Petro" in names
    assert_valid(store)


def test_withdrawing_undoes_a_rejection_a_correction_and_a_merge(tmp_path, extractor):
    store = tmp_path / "s"
    write(store, extractor, Article("one", "Mexico has denied the U.S. permission to land a military aircraft. "
                                    "Mexico agreed to accept deportees from the United States.", date="2025-01-24"))
    with KnowledgeStore.open(store, write=True) as ks:
        statement = statements(ks, resolve(ks, "Mexico"), types=("REJECT",))[0]
        before = only(ks, "Mexico", "REJECT")
        assert before == [("out", "REJECT", "United States", "asserted")]
        rejection = corrections.reject(ks, statement.id, by="ana")
        assert only(ks, "Mexico", "REJECT") == []
        corrections.withdraw(ks, rejection.id)
        assert only(ks, "Mexico", "REJECT") == before
        fix = corrections.correct(ks, statement.id, type="COERCE", negated=True, by="ana")
        assert only(ks, "Mexico", "COERCE") == [("out", "COERCE", "United States", "negated")]
        assert only(ks, "Mexico", "REJECT") == []
        extracted = ks.select(f"SELECT ?x WHERE {{ GRAPH ?g {{ kgr:statement\\/{statement.id} kg:extracted ?x }} }}")
        assert "plover#Reject" in extracted[0]["x"]  # what the extractor read stays beside the correction
        corrections.withdraw(ks, fix.id)
        assert only(ks, "Mexico", "REJECT") == before
        assert ks.select("SELECT ?s WHERE { GRAPH ?g { ?s kg:extracted ?x } }") == []
        merged = corrections.merge(ks, "Mexico", "United States", by="ana")
        assert resolve(ks, "Mexico").iri == USA
        corrections.withdraw(ks, merged.id)
        mexico = resolve(ks, "Mexico")
        assert (mexico.iri, mexico.label, mexico.country) == (MEX, "Mexico", "MEX")
        assert only(ks, "Mexico", "REJECT") == before
        aliases = {row["n"] for row in ks.select(
            f"SELECT ?n WHERE {{ GRAPH kgr:graph\\/entities {{ <{USA}> skos:altLabel ?n }} }}")}
        assert "Mexico" not in aliases
        assert [c.action for c in corrections.list_corrections(ks)] == []
    assert_valid(store)


def test_corrections_survive_replacing_and_removing_articles(tmp_path, extractor):
    store = tmp_path / "s"
    article = Article("one", "Mexico has denied the U.S. permission to land a military aircraft. "
                      "Mexico agreed to accept deportees from the United States.", date="2025-01-24")
    write(store, extractor, article)
    with KnowledgeStore.open(store, write=True) as ks:
        statement = statements(ks, resolve(ks, "Mexico"), types=("REJECT",))[0]
        corrections.reject(ks, statement.id, by="ana")
        corrections.alias(ks, "Mexico", "Mexicania", by="ana")
        assert ks.remove_article("one")
        assert len(corrections.list_corrections(ks)) == 2  # the corrections graph is no article's
        assert [c.action for c in corrections.unmatched(ks)] == ["reject", "alias"]
    write(store, extractor, article)
    with KnowledgeStore.open(store) as ks:
        assert only(ks, "Mexicania", "REJECT") == []
        assert corrections.unmatched(ks) == []


def test_bad_corrections_are_one_line_errors(corrected, tmp_path):
    store = corrected.store
    for args, message in [
        (("reject", "0123456789abcdef"), "no statement '0123456789abcdef'"),
        (("reject", "not-an-id"), "no statement 'not-an-id'"),
        (("merge", "Mexico", "Mexico"), "one entity already"),
        (("merge", "Mexico", "Atlantis"), "no entity matches 'Atlantis'"),
        (("set-country", "Mexico", "Mexico"), "three capital letters"),
        (("correct", corrected.kept[0], "--actor", "permission to land a military aircraft"), None),
        (("corrections", "withdraw", "ffffffffffffffff"), "no correction"),
    ]:
        result = run(*args, "--store", store)
        if message is None:  # an object is no actor: refused, or not found as an entity
            assert result.exit_code == 1 and result.stderr.startswith("kg: error:"), result.output
            continue
        assert result.exit_code == 1, (args, result.output)
        assert result.stdout == "" and len(result.stderr.strip().splitlines()) == 1
        assert message in result.stderr, result.stderr
    usage = run("correct", corrected.kept[0], "--store", store)
    assert usage.exit_code == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"action": "reject", "by": "ana", "at": "2026-01-01T00:00:00Z", "statement": "123"}\n', encoding="utf-8")
    result = run("corrections", "import", bad, "--store", tmp_path / "new")
    assert result.exit_code == 1 and f"{bad}:1:" in result.stderr and "16 hex digits" in result.stderr
    bad.write_text("{not json\n", encoding="utf-8")
    assert "not JSON" in run("corrections", "import", bad, "--store", tmp_path / "new").stderr


def test_records_round_trip_and_check_their_values():
    record = corrections.Correction(action="correct", by="ana", at="2026-01-02T03:04:05Z", statement="742e4715f5a1d176",
                                    type="REJECT", negated=False, context={"statement": {"sentence": "x"}})
    again = corrections.Correction.from_json(json.loads(json.dumps(record.to_json())))
    assert again == record and again.id == record.id and again.at == "2026-01-02T03:04:05.000000Z"
    assert corrections.Correction.from_json({**record.to_json(), "note": "edited"}).id != record.id
    for bad, message in [({"type": "LAUGH"}, "unknown event type"), ({"action": "undo"}, "unknown action"),
                         ({"at": "yesterday"}, "ISO 8601"), ({"colour": "red"}, "unknown field")]:
        with pytest.raises(CorrectionError, match=message):
            corrections.Correction.from_json({**record.to_json(), **bad})


NEW_COMMANDS = ["statements", "confirm", "reject", "correct", "merge", "split", "rename", "alias", "set-country",
                "set-sector", "corrections"]


@pytest.mark.parametrize("command", NEW_COMMANDS)
def test_every_review_command_has_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0 and len(result.output.splitlines()) > 3
    assert command in run("--help").output


@pytest.mark.parametrize("sub", ["list", "export", "import", "apply", "withdraw"])
def test_corrections_subcommands_have_help(sub):
    result = run("corrections", sub, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output


def test_corrections_apply_in_the_order_they_were_made():
    from kg.corrections.fold import ACTOR, EVENT_TYPE, EXTRACTED, NEGATED, STATEMENT_CLASS, TYPE, CorrectionSet, support
    from kg.store.rdf import typed

    x = "https://example.org/"
    statement = ID + "statement/0123456789abcdef"
    extracted = [(TYPE, STATEMENT_CLASS), (ACTOR, f"<{x}b>"), ("<https://w3id.org/kg-md/ontology#actorText>", '"Salazar"'),
                 (EVENT_TYPE, "<https://w3id.org/kg-md/plover#Consult>"), (NEGATED, typed(False)),
                 ("<https://w3id.org/kg-md/ontology#modality>", '"asserted"')]

    def made(at: int, **fields):
        return corrections.Correction(by="ana", at=f"2026-01-01T00:00:{at:02d}Z", **fields)

    steps = [
        made(1, action="merge", entity=f"{x}b", into=f"{x}a"),
        made(2, action="merge", entity=f"{x}a", into=f"{x}c"),
    ]
    folded = CorrectionSet(steps).fold(statement, extracted, "one")
    assert dict(folded.pairs)[ACTOR] == f"<{x}c>" and folded.changed and folded.status is None
    assert CorrectionSet(steps).canonical(f"{x}b") == f"{x}c"
    steps.append(made(3, action="split", entity=f"{x}c", into=f"{x}n", name="N", kind="Person", mentions=("salazar",)))
    assert dict(CorrectionSet(steps).fold(statement, extracted, "one").pairs)[ACTOR] == f"<{x}n>"
    steps.append(made(4, action="reject", statement="0123456789abcdef"))
    rejected = CorrectionSet(steps).fold(statement, extracted, "one")
    assert rejected.status == "rejected" and (TYPE, "<https://w3id.org/kg-md/ontology#RejectedStatement>") in rejected.pairs
    assert support(statement, ID + "article/one", rejected.pairs) is None
    steps.append(made(5, action="correct", statement="0123456789abcdef", actor=f"{x}b", type="REQUEST"))
    back = CorrectionSet(steps).fold(statement, extracted, "one")  # a correction after a rejection brings it back
    values = dict(back.pairs)
    assert back.status == "corrected" and values[ACTOR] == f"<{x}b>"  # set by the analyst, after the merges
    assert values[EVENT_TYPE] == "<https://w3id.org/kg-md/plover#Request>" and EXTRACTED in values
    assert support(statement, ID + "article/one", back.pairs).event_type.endswith("#Request")
    # in another order the same corrections say something else: the merge comes after the correction
    late = [made(1, action="correct", statement="0123456789abcdef", actor=f"{x}b"), made(2, action="merge", entity=f"{x}b", into=f"{x}a")]
    assert dict(CorrectionSet(late).fold(statement, extracted, "one").pairs)[ACTOR] == f"<{x}a>"
    assert CorrectionSet([]).fold(statement, extracted, "one") is None  # nothing to do: written as extracted


@pytest.mark.slow
def test_corrections_on_a_sparql_endpoint(tmp_path, default_extractor):
    """The same corrections through SPARQL 1.1 only: an Oxigraph server as the store."""
    from kg.build import build
    from tests.test_remote import start_oxigraph, stop

    process, url = start_oxigraph(tmp_path / "server")
    try:
        seeds = [str(EXAMPLES / name) for name in ("001_31b4f35ab270502a.txt", "002_7b4837244018cd6d.txt")]
        assert build(seeds, url, extractor=default_extractor).problems == []
        with KnowledgeStore.open(url, write=True) as ks:
            rows = statements(ks, resolve(ks, "Mexico"), types=("REJECT",))
            rejected = rows[0].id
            corrections.reject(ks, rejected, by="ana")
            corrections.alias(ks, "Mexico", "Mexicania", by="ana")
            assert rejected not in {r.id for r in statements(ks, resolve(ks, "Mexicania"), types=("REJECT",))}
        kg("update", "--store", url, 'DELETE { GRAPH ?g { ?a kg:extractorVersion ?v } } '
           'INSERT { GRAPH ?g { ?a kg:extractorVersion "old" } } WHERE { GRAPH ?g { ?a kg:extractorVersion ?v } }')
        assert build(seeds, url, rebuild=True, extractor=default_extractor).extracted == 2
        assert rejected not in supports_of(url, MEX, "REJECT")
        assert kg("relations", "Mexicania", "--store", url).stderr.startswith("Mexico (Country, MEX)")
        assert_valid(url)
    finally:
        stop(process)
