"""Parallel builds: worker processes and a real Dask LocalCluster store what one job stores."""

from __future__ import annotations

import io
import sys

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import main
from kg.errors import KgError
from kg.store import KnowledgeStore
from tests.conftest import EXAMPLES

# Seeds and statements of several kinds; enough articles for several batches of kg.parallel.
SOURCES = sorted(str(p) for p in EXAMPLES.glob("*.txt"))[:3] + [str(EXAMPLES / "whitehouse-migration.jsonl")]


def content(path) -> list[str]:
    """The store's quads, but the build's wall-clock times (which differ from run to run)."""
    output = io.BytesIO()
    import pyoxigraph

    with KnowledgeStore.open(path) as store:
        store.export(output, pyoxigraph.RdfFormat.N_QUADS)
    return sorted(line for line in output.getvalue().decode().splitlines() if "generatedAtTime" not in line)


@pytest.fixture(scope="module")
def one_job(tmp_path_factory, default_extractor):
    path = tmp_path_factory.mktemp("parallel") / "one"
    report = build(SOURCES, str(path), extractor=default_extractor)
    assert report.problems == [] and report.extracted > 16
    return path, report


def test_two_jobs_store_the_same_statements_ids_and_relations(one_job, tmp_path):
    path, report = one_job
    two = build(SOURCES, str(tmp_path / "two"), jobs=2)
    assert (two.extracted, two.statements) == (report.extracted, report.statements)
    assert content(tmp_path / "two") == content(path)


def test_batched_writes_store_what_one_article_per_transaction_stores(one_job, tmp_path, default_extractor):
    path, report = one_job  # written in batches of kg.build.BATCH_ARTICLES
    single = build(SOURCES, str(tmp_path / "single"), extractor=default_extractor, batch_articles=1)
    assert (single.extracted, single.statements) == (report.extracted, report.statements)
    assert content(tmp_path / "single") == content(path)


def test_two_jobs_keep_incremental_skipping(one_job, tmp_path):
    import shutil

    path, report = one_job
    shutil.copytree(path, tmp_path / "copy", ignore=shutil.ignore_patterns("writer.lock"))
    again = build(SOURCES, str(tmp_path / "copy"), jobs=2)
    assert again.extracted == 0 and again.unchanged == report.extracted


def test_a_local_dask_cluster_of_two_workers_stores_the_same(one_job, tmp_path):
    pytest.importorskip("dask.distributed")
    path, report = one_job
    result = CliRunner().invoke(main, ["build", *SOURCES, "--store", str(tmp_path / "dask"), "--cluster", "local:2"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert f"{report.extracted} articles extracted, {report.statements} statements" in result.stderr
    assert content(tmp_path / "dask") == content(path)


def test_cluster_addresses_and_a_missing_dask_are_one_clear_line(tmp_path, monkeypatch):
    from kg import parallel

    with pytest.raises(KgError, match=r"--cluster local:x: write local:N with N workers, e.g. local:2"):
        parallel.connect("local:x")
    with pytest.raises(KgError, match=r"give a scheduler address tcp://HOST:PORT, or local:N"):
        parallel.connect("127.0.0.1:8786")
    with pytest.raises(KgError, match=r"cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        parallel.connect("tcp://127.0.0.1:9")
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # as if dask were not installed
    result = CliRunner().invoke(main, ["build", SOURCES[0], "--store", str(tmp_path / "s"), "--cluster", "local:2"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "kg: error: --cluster needs Dask's distributed scheduler: pip install 'kg[dask]' (or 'dask[distributed]')")


def test_jobs_and_cluster_together_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["build", SOURCES[0], "--store", str(tmp_path / "s"), "--jobs", "2",
                                       "--cluster", "local:2"])
    assert result.exit_code == 2 and "give --jobs or --cluster, not both" in result.stderr
