"""HTML articles: the main text only, boilerplate (menus, footers, related links) dropped.

Main-text extraction is trafilatura's, the tool computational social science
uses for exactly this; it also finds the title, publication date (htmldate),
canonical URL and site name in the page's metadata.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from kg.errors import InputError
from kg.model import Article, short_hash
from kg.read.decode import normalize_date

_MIN_WORDS = 8


def read_html(
    text: str, origin: str, article_id: str, on_problem: Callable[[InputError], None]
) -> Iterator[Article]:
    import trafilatura  # heavy (lxml); only loaded when an HTML file is read

    try:
        document = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
    except Exception as e:  # trafilatura raises lxml's many error types
        raise InputError(origin, f"unparsable HTML: {e}") from e
    body = getattr(document, "text", None) if document is not None else None
    if not body or len(body.split()) < _MIN_WORDS:
        # a menu or a cookie notice is not an article
        raise InputError(origin, "no article text found in the HTML page (is it an article page?)")
    title = getattr(document, "title", None) or None
    date = None
    try:
        date = normalize_date(getattr(document, "date", None), origin)
    except InputError:
        date = None  # page metadata dates are a hint, not the user's input: ignore bad ones
    url = getattr(document, "url", None) or None
    # trafilatura puts the headline in metadata, not the body; keep the body only
    # so that offsets point into the text kg extracted from.
    yield Article(
        id=article_id or short_hash(url or body),
        text=body,
        title=title,
        date=date,
        url=url,
        source=getattr(document, "sitename", None) or None,
        origin=origin,
    )
