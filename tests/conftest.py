"""Shared fixtures: the spaCy pipeline and a store built from the examples, each made once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="session")
def extractor():
    """The reading itself: every statement, whatever its confidence (min_confidence=0)."""
    from kg.extract import Extractor

    ex = Extractor(min_confidence=0.0)
    ex.nlp  # load once for the whole session
    return ex


@pytest.fixture(scope="session")
def default_extractor(extractor):
    """What kg build uses: statements under the fitted confidence threshold dropped."""
    from kg.extract import Extractor

    return Extractor(nlp=extractor.nlp)


@pytest.fixture(scope="session")
def example_store(tmp_path_factory, default_extractor) -> Path:
    """A store built from examples/articles as `kg build` builds it, shared read-only by the tests."""
    from kg.build import build

    path = tmp_path_factory.mktemp("stores") / "examples"
    report = build([str(EXAMPLES)], str(path), extractor=default_extractor)
    assert report.problems == []
    return path


@pytest.fixture()
def store_copy(example_store, tmp_path) -> Path:
    """A private copy of the example store, for tests that write."""
    target = tmp_path / "store"
    shutil.copytree(example_store, target, ignore=shutil.ignore_patterns("writer.lock"))
    return target


@pytest.fixture()
def extract(extractor):
    """Statements of one text: extract("Mexico denied …", date="2025-01-27")."""

    def run(text: str, date: str | None = None):
        return extractor.extract_text(text, date=date)

    return run


def triples(statements, with_negation: bool = False):
    """(actor label, type, target label) of typed statements, for compact assertions."""
    found = []
    for s in statements:
        if s.action.type is None:
            continue
        item = (s.actor.entity.label, s.action.type, s.target.entity.label if s.target else None)
        found.append(item + ((s.negated,) if with_negation else ()))
    return found
