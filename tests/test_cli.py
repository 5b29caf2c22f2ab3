"""Every command through click's CliRunner, on the store built from the examples."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import main
from tests.conftest import EXAMPLES

COMMANDS = ["build", "extract", "evaluate", "query", "update", "relations", "path", "neighbors", "timeline",
            "top", "export", "viz", "import", "remove", "validate", "serve", "statements", "confirm", "reject",
            "correct", "merge", "split", "rename", "alias", "set-country", "set-sector", "corrections"]


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Usage: main " + command in result.output or f"Usage: kg {command}" in result.output or "Usage:" in result.output
    assert len(result.output.splitlines()) > 3


def test_top_level_help_lists_commands():
    result = run("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


def test_relations_mexico_lists_the_refused_flight_with_its_sentence(example_store):
    result = run("relations", "Mexico", "--store", example_store, "--type", "REJECT")
    assert result.exit_code == 0
    line = next(l for l in result.stdout.splitlines() if "REJECT" in l)
    assert "United States" in line
    assert "Mexico has denied the U.S. permission to land a military aircraft" in line
    assert "Mexico (Country, MEX)" in result.stderr


def test_relations_resolve_demonyms_and_codes(example_store):
    for name in ("Mexican government", "MEX", "mexico", "the Mexican authorities"):
        result = run("relations", name, "--store", example_store, "--format", "json")
        assert result.exit_code == 0, name
        assert "Mexico (Country, MEX)" in result.stderr


def test_relations_json_records(example_store):
    result = run("relations", "Guatemala", "--store", example_store, "--format", "json", "--direction", "out")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    # PLOVER's recipient of a reception is the sending state, here from the story (the flights are the object)
    assert any(r["action"].startswith("COOPERATE") and r["counterpart"] == "United States" for r in records)
    assert all(r["direction"] == "→" for r in records)


def test_relations_limit_shows_the_oldest_and_says_how_many_matched(example_store):
    everything = run("relations", "United States", "--store", example_store, "--format", "json", "--limit", "0")
    first_three = run("relations", "United States", "--store", example_store, "--format", "json", "--limit", "3")
    rows = [json.loads(line) for line in everything.stdout.splitlines()]
    assert len(rows) > 3
    assert [json.loads(line) for line in first_three.stdout.splitlines()] == rows[:3]
    assert f"{len(rows)} relations, the first 3 shown" in first_three.stderr
    assert "shown" not in everything.stderr


def test_sparql_finds_the_rejection_and_the_deportations(example_store):
    rejections = run("query", "SELECT ?actor ?target WHERE { ?s a plover:Reject ; kg:actor/rdfs:label ?actor ; "
                     "kg:target/rdfs:label ?target }", "--store", example_store, "--format", "csv")
    assert rejections.exit_code == 0
    assert "Mexico,United States" in rejections.stdout
    deportations = run("query", "SELECT DISTINCT ?actor ?dest WHERE { ?s a plover:Coerce ; kg:mode \"deport\" ; "
                       "kg:actor/rdfs:label ?actor . OPTIONAL { ?s kg:destination/rdfs:label ?dest } }",
                       "--store", example_store, "--format", "csv")
    assert "United States,Panama" in deportations.stdout


def test_query_formats_and_files(example_store, tmp_path):
    query = tmp_path / "count.rq"
    query.write_text("SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Article }\n", encoding="utf-8")
    assert run("query", query, "--store", example_store, "--format", "csv").stdout.splitlines() == ["n", "43"]
    as_json = json.loads(run("query", query, "--store", example_store, "--format", "json").stdout)
    assert as_json["results"]["bindings"][0]["n"]["value"] == "43"
    assert "<sparql" in run("query", query, "--store", example_store, "--format", "xml").stdout
    table = run("query", query, "--store", example_store, "--format", "table").stdout
    assert table.splitlines()[0].strip() == "n" and "(1 row)" in table
    ask = run("query", "ASK { kgr:country\\/MEX plover:reject kgr:country\\/USA }", "--store", example_store, "--format", "json")
    assert json.loads(ask.stdout)["boolean"] is True
    construct = run("query", "CONSTRUCT { ?a plover:reject ?b } WHERE { ?a plover:reject ?b }", "--store", example_store)
    assert "plover:reject" in construct.stdout
    stdin = run("query", "-", "--store", example_store, "--format", "csv", input="SELECT ?x WHERE { VALUES ?x { 1 } }")
    assert stdin.stdout.splitlines() == ["x", "1"]


@pytest.mark.parametrize(
    "query, message",
    [
        ("SELECT ?x WHERE {\n  ?x ?p \n}", "SPARQL syntax error at line 3, column 2"),
        ("INSERT DATA { kgr:a kgr:b kgr:c }", "`kg query` only reads: run it with `kg update`"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "pass --allow-service"),
    ],
)
def test_bad_queries_are_one_clear_line(example_store, query, message):
    result = CliRunner().invoke(main, ["query", query, "--store", str(example_store)])
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1


def test_query_timeout_stops_a_runaway_query(example_store):
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    result = CliRunner().invoke(main, ["query", heavy, "--store", str(example_store), "--timeout", "0.5"])
    assert result.exit_code == 1
    assert "stopped after 0.5 s (--timeout)" in result.stderr


def test_unknown_entity_and_missing_store(example_store, tmp_path):
    miss = CliRunner().invoke(main, ["relations", "Mexcio", "--store", str(example_store)])
    assert miss.exit_code == 1 and "did you mean 'Mexico'?" in miss.stderr
    missing = CliRunner().invoke(main, ["relations", "Mexico", "--store", str(tmp_path / "none")])
    assert missing.exit_code == 1 and "no kg store at" in missing.stderr and "Traceback" not in missing.output


def test_path_mexico_panama_prints_hops_with_evidence(example_store):
    result = run("path", "Mexico", "Panama", "--store", example_store)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].strip().startswith("Mexico ")
    hops = [l for l in lines if "—" in l or "←" in l]
    assert hops[-1].rstrip().split("[")[0].strip().endswith("Panama") or "Panama" in hops[-1]
    assert sum(1 for l in lines if l.strip().startswith("“")) == len(hops)  # an evidence sentence per hop
    # Mexico and Panama meet through the United States or its president
    assert len(hops) == 2 and ("United States" in hops[0] or "Donald Trump" in hops[0])


def test_path_json_and_all_paths(example_store):
    result = run("path", "Mexico", "Panama", "--store", example_store, "--all", "--max-hops", "3", "--format", "json")
    paths = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(paths) >= 2
    assert all(p[0]["from"] == "Mexico" and p[-1]["to"] == "Panama" for p in paths)
    assert all(hop["evidence"] for p in paths for hop in p)


def test_neighbors(example_store):
    result = run("neighbors", "Panama", "--store", example_store)
    assert result.exit_code == 0
    assert "United States" in result.stdout


def test_export_gexf_reads_back_with_labels_types_weights(example_store, tmp_path):
    out = tmp_path / "graph.gexf"
    assert run("export", "--format", "gexf", "--output", out, "--store", example_store).exit_code == 0
    graph = nx.read_gexf(out)
    mexico = graph.nodes["https://w3id.org/kg-md/id/country/MEX"]
    assert (mexico["label"], mexico["type"], mexico["country"]) == ("Mexico", "Country", "MEX")
    # parallel edges, one per event type from Mexico to the US, each weighted by distinct articles
    edges = graph.get_edge_data("https://w3id.org/kg-md/id/country/MEX", "https://w3id.org/kg-md/id/country/USA")
    kinds = {data["event_type"]: data for data in edges.values()}
    assert "REJECT" in kinds
    assert kinds["REJECT"]["weight"] >= 1.0


@pytest.mark.parametrize("fmt", ["graphml", "json", "turtle", "ntriples", "jsonld", "trig", "nquads"])
def test_other_exports(example_store, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    assert run("export", "--format", fmt, "--output", out, "--store", example_store).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "country/MEX" in text or "country\\/MEX" in text


def test_export_csv_for_gephi(example_store, tmp_path):
    assert run("export", "--format", "csv", "--output", tmp_path / "csv", "--store", example_store).exit_code == 0
    nodes = (tmp_path / "csv" / "nodes.csv").read_text(encoding="utf-8").splitlines()
    edges = (tmp_path / "csv" / "edges.csv").read_text(encoding="utf-8").splitlines()
    assert nodes[0] == "Id,Label,type,country,sector"
    assert edges[0].startswith("Source,Target,Type,Weight,Label")
    row = next(line.split(",") for line in edges if line.startswith("https://w3id.org/kg-md/id/country/MEX,https://w3id.org/kg-md/id/country/USA,"))
    assert row[2] == "Directed" and int(row[3]) >= 2 and "REJECT" in row[5].split(";")


def test_build_reports_skipped_input_and_keeps_the_rest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Mexico rejected the U.S. deportation flight.", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "more.jsonl").write_text('{"id": "j1", "text": "Guatemala accepted the flight."}\n{broken\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(folder), "--store", str(tmp_path / "s")])
    assert result.exit_code == 3
    assert f"{folder / 'bad.txt'}: looks like a binary file" in result.stderr
    assert f"{folder / 'more.jsonl'}:2: malformed JSON" in result.stderr
    assert "2 articles extracted" in result.stderr
    count = run("query", "SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Article }", "--store", tmp_path / "s", "--format", "csv")
    assert count.stdout.splitlines() == ["n", "2"]


def test_build_twice_says_unchanged(tmp_path):
    first = run("build", EXAMPLES / "002_7b4837244018cd6d.txt", "--store", tmp_path / "s")
    second = run("build", EXAMPLES / "002_7b4837244018cd6d.txt", "--store", tmp_path / "s")
    assert first.exit_code == second.exit_code == 0
    assert "1 articles extracted" in first.stderr or "1 article extracted" in first.stderr
    assert "1 unchanged" in second.stderr and second.stdout == ""


def test_extract_prints_jsonl_on_stdout_only(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("Mexico has denied the U.S. permission to land a military aircraft.", encoding="utf-8")
    result = run("extract", source)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["actor"]["label"], r["action"]["type"], r["target"]["label"]) for r in records] == [
        ("Mexico", "REJECT", "United States")]
    assert "1 statements" in result.stderr


def test_update_remove_import_validate(store_copy, tmp_path):
    assert run("validate", "--store", store_copy).exit_code == 0
    update = run("update", "INSERT DATA { GRAPH kgr:graph\\/notes { kgr:note rdfs:comment \"checked\" } }", "--store", store_copy)
    assert update.exit_code == 0
    ask = run("query", 'ASK { kgr:note rdfs:comment "checked" }', "--store", store_copy, "--format", "json")
    assert json.loads(ask.stdout)["boolean"] is True
    removed = run("remove", "002_7b4837244018cd6d", "--store", store_copy)
    assert removed.exit_code == 0 and "removed 002_7b4837244018cd6d" in removed.stderr
    missing = CliRunner().invoke(main, ["remove", "nope", "--store", str(store_copy)])
    assert missing.exit_code == 1 and "no article 'nope'" in missing.stderr
    dump = tmp_path / "dump.trig"
    assert run("export", "--format", "trig", "-o", dump, "--store", store_copy).exit_code == 0
    imported = run("import", dump, "--store", tmp_path / "copy")
    assert imported.exit_code == 0 and "42 articles" in imported.stderr


def test_evaluate_prints_the_table(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "id": "t1", "text": "Mexico has denied the U.S. permission to land a military aircraft.", "date": None,
        "events": [{"actor": {"country": "MEX", "sector": "GOV"}, "type": "REJECT",
                    "target": {"country": "USA"}, "negated": False, "modality": "asserted"}]}) + "\n", encoding="utf-8")
    result = run("evaluate", gold)
    assert result.exit_code == 0
    assert "| actor + type + target | 1.000 | 1.000 | 1.000 |" in result.stdout


def test_query_commands_load_neither_spacy_nor_the_reading_dictionaries(example_store):
    script = (
        "import sys\n"
        "from kg.cli import main\n"
        "for args in (['--help'], ['relations', 'Mexico', '--store', sys.argv[1]],\n"
        "             ['query', 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', '--store', sys.argv[1]]):\n"
        "    try:\n"
        "        main(args, standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "import kg.extract.gazetteer as g, kg.extract.lexicon as lx\n"
        "loaded = [m for m in ('spacy', 'kg.extract.actors', 'sklearn') if m in sys.modules]\n"
        "loaded += [f.__name__ for f in (lx.predicate_rows, lx.broad_verbs) if f.cache_info().currsize]\n"
        "print('LOADED', loaded, bool(g.load_gazetteer.cache_info().currsize and g.load_gazetteer().broad_forms))\n"
    )
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", script, str(example_store)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "LOADED [] False" in done.stdout


def test_a_password_in_the_store_url_is_never_printed(tmp_path, monkeypatch):
    """kg remove and kg validate named the --store value in their errors, password and all."""
    url = "http://analyst:s3cret-pw@127.0.0.1:9/sparql"
    for args in (["remove", "x", "--store", url], ["validate", "--store", url], ["relations", "Mexico", "--store", url]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1
        assert "s3cret-pw" not in result.stderr + result.stdout
        assert "http://127.0.0.1:9/sparql" in result.stderr
