"""Reading articles: formats, metadata, and bad input reported with file, line and reason."""

from __future__ import annotations

import io
import json
import sys

import pytest

from kg.errors import InputError
from kg.read import read_articles
from tests.conftest import EXAMPLES


def collect(sources, **kwargs):
    problems = []
    articles = list(read_articles(sources, on_problem=problems.append, **kwargs))
    return articles, problems


def test_example_folder_reads_seeds_and_jsonl_records():
    articles, problems = collect([EXAMPLES])
    assert problems == []
    ids = {a.id for a in articles}
    assert {"000_2c16e84866bc7d8f", "001_31b4f35ab270502a", "002_7b4837244018cd6d"} <= ids
    assert "wh_2025-01-26-statement-from-the-press-secretary" in ids
    assert len(articles) == 43


def test_headline_first_line_is_the_title_and_offsets_point_into_the_file():
    articles, _ = collect([EXAMPLES / "001_31b4f35ab270502a.txt"])
    article = articles[0]
    assert article.title == "Mexico Rejects Initial U.S. Migrant Deportation Flight"
    raw = (EXAMPLES / "001_31b4f35ab270502a.txt").read_text(encoding="utf-8")
    assert article.text == raw


def test_paragraph_first_line_is_no_title():
    articles, _ = collect([EXAMPLES / "002_7b4837244018cd6d.txt"])
    assert articles[0].title is None


def test_jsonl_fields_are_kept(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "x1", "title": "T", "text": "Mexico denied the flight.", "date": "2025-01-24T10:00:00Z",
                                "url": "https://example.org/x1", "source": "Reuters"}) + "\n", encoding="utf-8")
    (article,), problems = collect([path])
    assert problems == []
    assert (article.id, article.title, article.date, article.url, article.source) == (
        "x1", "T", "2025-01-24", "https://example.org/x1", "Reuters")
    assert article.origin == f"{path}:1"


def test_jsonl_without_id_gets_a_content_hash(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "Mexico denied the flight."}) + "\n", encoding="utf-8")
    (article,), _ = collect([path])
    assert len(article.id) == 16 and article.id.isalnum()


def test_malformed_jsonl_line_is_reported_and_the_others_read(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": "One."}) + "\n{not json\n" + json.dumps({"id": "b"}) + "\n"
        + json.dumps({"id": "c", "text": "Three.", "date": "24/01/2025"}) + "\n"
        + json.dumps({"id": "d", "text": "Four."}) + "\n",
        encoding="utf-8",
    )
    articles, problems = collect([path])
    assert [a.id for a in articles] == ["a", "d"]
    assert [(p.line, p.reason.split(";")[0]) for p in problems] == [
        (2, "malformed JSON at column 2: Expecting property name enclosed in double quotes"),
        (3, "record has no `text` (a non-empty string is required)"),
        (4, "date '24/01/2025' is not an ISO 8601 date"),
    ]
    assert all(p.path == str(path) for p in problems)


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "file is empty"),
        (b"   \n\n", "file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a binary file"),
        (b"Mexico rechaz\xf3 el vuelo.", "not valid UTF-8 (byte 0xf3 at offset 13)"),
    ],
)
def test_unreadable_files_are_reported_with_reason(tmp_path, content, reason):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Mexico denied the flight.", encoding="utf-8")
    articles, problems = collect([tmp_path])
    assert [a.id for a in articles] == ["good"]
    assert len(problems) == 1
    assert problems[0].path == str(bad)
    assert problems[0].reason.startswith(reason)


def test_html_main_text_without_boilerplate(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(
        """<html><head><title>Colombia accepts deportees</title>
        <meta property="article:published_time" content="2025-01-27"></head>
        <body><nav><a href="/">Home</a> | <a href="/world">World</a> | Sports | Weather</nav>
        <article><h1>Colombia accepts deportees</h1>
        <p>Colombia agreed on Sunday to accept deportation flights from the United States after President Donald Trump threatened tariffs on Colombian goods.</p>
        <p>The Colombian government said it would send its presidential plane to bring the migrants home from the United States.</p>
        </article><footer>Copyright 2025 Example News. All rights reserved.</footer></body></html>""",
        encoding="utf-8",
    )
    (article,), problems = collect([page])
    assert problems == []
    assert article.title == "Colombia accepts deportees"
    assert article.date == "2025-01-27"
    assert "Colombia agreed on Sunday" in article.text
    assert "Sports" not in article.text and "Copyright" not in article.text


def test_html_without_article_text_is_a_problem(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    articles, problems = collect([page])
    assert articles == []
    assert "no article text" in problems[0].reason


def test_markdown_front_matter_and_markup_keep_offsets(tmp_path):
    page = tmp_path / "note.md"
    text = "---\ntitle: Deal\ndate: 2025-02-03\n---\n# Deal\n\nPanama **agreed** to accept [deportees](http://x).\n"
    page.write_text(text, encoding="utf-8")
    (article,), _ = collect([page])
    assert article.title == "Deal" and article.date == "2025-02-03"
    assert len(article.text) == len(text)
    start = article.text.index("Panama")
    assert article.text[start:start + 42].split() == ["Panama", "agreed", "to", "accept", "deportees"]
    assert text.index("Panama") == start


def test_stdin_is_read_and_sniffed(monkeypatch):
    data = json.dumps({"id": "s1", "text": "Mexico denied the flight."}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    (article,), _ = collect(["-"])
    assert article.id == "s1"


def test_missing_source_and_duplicate_ids(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "b" / "x.txt").write_text("Two.", encoding="utf-8")
    articles, problems = collect([tmp_path / "a", tmp_path / "b", tmp_path / "nope"])
    assert [a.id for a in articles] == ["x"]
    assert "duplicate article id 'x'" in problems[0].reason
    assert problems[1].reason == "no such file or directory"


def test_default_on_problem_raises():
    with pytest.raises(InputError, match="no such file or directory"):
        list(read_articles(["/nonexistent/file.txt"]))
