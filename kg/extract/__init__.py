"""Extraction: articles → actor–action–target statements, with a real spaCy pipeline.

>>> from kg.extract import Extractor
>>> extractor = Extractor()
>>> for s in extractor.extract_text("Mexico has denied the U.S. permission to land a military aircraft."):
...     print(s.actor.entity.label, s.action.type, s.target.entity.label)
Mexico REJECT United States

Articles are split into paragraphs; headlines, section headings, lists of
unrelated headlines and bylines are skipped (kg.textshape); the rest is parsed
in one `nlp.pipe` stream and read sentence by sentence (clauses.py), with a
memory per article for pronouns, surnames and titles (actors.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from kg import __version__
from kg.errors import InputError
from kg.model import Article, Statement
from kg.textshape import Dateline, find_dateline, is_noise_line

_PARAGRAPH = re.compile(r"[^\n]+")

#: Paragraphs longer than this go to spaCy in pieces. News paragraphs are under 2,000
#: characters; a line of 2 MB with no breaks is a dump, which spaCy refuses whole (E088,
#: over its 1,000,000-character limit) and parses at about 1 GB of memory per 100,000.
MAX_PARAGRAPH_CHARS = 20_000
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")


def split_long(line: str, limit: int) -> Iterator[tuple[str, int]]:
    """`line` in pieces of at most `limit` characters, with their offsets in it: cut after
    the last sentence end before the limit, else at the last space, else at the limit."""
    start = 0
    while len(line) - start > limit:
        window = line[start:start + limit]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        cut = ends[-1] if ends and ends[-1] > limit // 2 else (window.rfind(" ") + 1 or limit)
        if cut <= limit // 2:
            cut = limit
        yield line[start:start + cut], start
        start += cut
    yield line[start:], start


#: Characters some outlets type for an apostrophe ("Hungary´s"), read as one (char for char,
#: so every offset into the article text stays right).
_APOSTROPHES = str.maketrans({"\u00b4": "\u2019", "\u02bc": "\u2019"})
#: A typographic apostrophe after a plural ("migrants’ right") the small model reads as a quote
#: mark; the straight one it reads as the possessive it is.
_PLURAL_POSSESSIVE = re.compile(r"(?<=[a-z]s)\u2019(?=\s)")
# A typographic apostrophe inside a word ("Chad’s president", "don’t", "O’Brien"): the small
# model was trained on straight ones, and reads "Chad’s president" worse than "Chad's president".
_INNER_APOSTROPHE = re.compile(r"(?<=\w)\u2019(?=\w)")


def for_parser(line: str) -> str:
    """The line as the parser reads it: the same length, so every offset stays right."""
    return _INNER_APOSTROPHE.sub("'", _PLURAL_POSSESSIVE.sub("'", line.translate(_APOSTROPHES)))


@dataclass
class _Paragraphs:
    """An article's paragraphs on their way to spaCy: (text, offset in the article, is noise)."""

    article: Article
    lines: list[tuple[str, int, bool]] = field(default_factory=list)
    skipped: int = 0
    home: str | None = None


@dataclass(frozen=True)
class ParsedArticle:
    """An article's readable paragraphs as spaCy docs, each with its offset in the article text."""

    article: Article
    paragraphs: list[tuple[int, object]]
    skipped_lines: int
    noise: frozenset[int] = frozenset()  # offsets of paragraphs parsed only for comparison
    home_country: str | None = None  # the country of the dateline ("CARACAS —" → VEN), when known


@dataclass(frozen=True)
class ArticleResult:
    """The statements of one article, with how much of it was read."""

    article: Article
    statements: list[Statement]
    sentences: int
    skipped_lines: int


class Extractor:
    """Loads a spaCy pipeline once and reads any number of articles with it."""

    def __init__(self, model: str | None = None, nlp=None, batch_size: int = 64, min_confidence: float | None = None):
        """`min_confidence`: statements less likely than this to be right are dropped (None: the
        fitted default, kg.extract.confidence.default_min_confidence(); 0: keep all)."""
        self._model = model
        self.min_confidence = min_confidence
        self._nlp = nlp
        self._reader = None
        self._resolver = None
        self.batch_size = batch_size

    @property
    def nlp(self):
        if self._nlp is None:
            from kg.extract.pipeline import load_pipeline

            self._nlp = load_pipeline(self._model)
        return self._nlp

    @property
    def version(self) -> str:
        if getattr(self, "_version", None) is None:
            self._version = self._compute_version()
        return self._version

    def _compute_version(self) -> str:
        """kg's version, the lexicon's digest and the pipeline: what a statement's reading depends on.

        Known without loading spaCy when the pipeline is an installed package, so
        that an incremental build of unchanged articles never loads a model.
        """
        from kg.extract.lexicon import lexicon_version
        from kg.extract.pipeline import DEFAULT_MODEL, installed_version, model_version

        from kg.extract.confidence import default_min_confidence

        name = self._model or DEFAULT_MODEL
        package = None if self._nlp is not None else installed_version(name)
        pipeline = f"{name}-{package}" if package else model_version(self.nlp)
        threshold = default_min_confidence() if self.min_confidence is None else self.min_confidence
        # the threshold decides which statements an article's graph holds: a build at another
        # one reads the article again
        return f"kg-{__version__}+lex.{lexicon_version()}+p{threshold:g}/{pipeline}"

    def _components(self):
        if self._reader is None:
            from kg.extract.actors import ActorResolver
            from kg.extract.clauses import ClauseReader

            self._resolver = ActorResolver(self.nlp)
            self._reader = ClauseReader(self._resolver)
        return self._resolver, self._reader

    def parse(
        self,
        articles: Iterable[Article],
        include_noise: bool = False,
        on_problem: Callable[[InputError], None] | None = None,
    ) -> Iterator[ParsedArticle]:
        """Parse every readable paragraph of every article with `nlp.pipe`, in order.

        Headlines, headings, headline lists and bylines are left out (kg.textshape),
        unless `include_noise` asks for them too (the evaluation's baseline reads
        everything); they are then marked so that `read` still skips them. A dateline
        ("CARACAS (AP) — ") is cut from the first paragraph, and its country kept as
        the article's home for unqualified "the government" or "police".

        Articles go to spaCy in chunks of about `batch_size` paragraphs. When spaCy fails
        on a chunk, its articles are parsed again one by one, so that only the article
        that fails is lost: it goes to `on_problem` (raised when there is none).
        """
        chunk: list[_Paragraphs] = []
        size = 0
        for article in articles:
            prepared = self._paragraphs(article, include_noise)
            chunk.append(prepared)
            size += len(prepared.lines)
            if size >= self.batch_size:
                yield from self._parse_chunk(chunk, on_problem)
                chunk, size = [], 0
        if chunk:
            yield from self._parse_chunk(chunk, on_problem)

    def _paragraphs(self, article: Article, include_noise: bool) -> "_Paragraphs":
        prepared = _Paragraphs(article)
        first = True
        for match in _PARAGRAPH.finditer(article.text):
            line, start = match.group(0), match.start()
            if not line.strip():
                continue
            noise = is_noise_line(line)
            if noise:
                prepared.skipped += 1
                if not include_noise:
                    continue
            elif first:
                first = False
                dateline = self._dateline(line)
                if dateline is not None:  # read the story from its first word
                    gazetteer = self._gazetteer()
                    prepared.home = gazetteer.place_country(dateline.place) or (
                        gazetteer.place_country(dateline.region) if dateline.region else None)  # "EL PASO, Texas"
                    line, start = line[dateline.end:], start + dateline.end
            for piece, offset in split_long(line, MAX_PARAGRAPH_CHARS):
                prepared.lines.append((piece, start + offset, noise))
        return prepared

    def _parse_chunk(
        self, chunk: list["_Paragraphs"], on_problem: Callable[[InputError], None] | None
    ) -> Iterator[ParsedArticle]:
        texts = [for_parser(line) for prepared in chunk for line, _offset, _noise in prepared.lines]
        try:
            docs = list(self.nlp.pipe(texts, batch_size=self.batch_size))
        except Exception as error:  # spaCy's errors have no common base; one article must not cost the others
            if len(chunk) > 1:
                for prepared in chunk:
                    yield from self._parse_chunk([prepared], on_problem)
                return
            article = chunk[0].article
            problem = InputError(
                article.origin or article.id, f"could not be parsed: {type(error).__name__}: {error}"[:500]
            )
            if on_problem is None:
                raise problem from error
            on_problem(problem)
            return
        position = 0
        for prepared in chunk:
            paragraphs, noise = [], set()
            for _line, offset, is_noise in prepared.lines:
                paragraphs.append((offset, docs[position]))
                position += 1
                if is_noise:
                    noise.add(offset)
            yield ParsedArticle(prepared.article, paragraphs, prepared.skipped, frozenset(noise), prepared.home)

    def _gazetteer(self):
        from kg.extract.gazetteer import load_gazetteer

        return load_gazetteer()

    def _dateline(self, line: str) -> Dateline | None:
        """The dateline opening a story's first paragraph, unless its "place" is a known
        agency ("ICE — ...") or, after a colon, no known place ("UPDATE: ...")."""
        dateline = find_dateline(line)
        if dateline is None or self._gazetteer().names_organization(dateline.place):
            return None
        if dateline.colon and self._gazetteer().place_country(dateline.place) is None:
            return None
        return dateline

    def extract(
        self, articles: Iterable[Article], on_problem: Callable[[InputError], None] | None = None
    ) -> Iterator[ArticleResult]:
        """Yield one result per article, in order (an article spaCy fails on goes to `on_problem`)."""
        for parsed in self.parse(articles, on_problem=on_problem):
            yield self.read(parsed)

    def read(self, parsed: ParsedArticle) -> ArticleResult:
        """Read the statements of one parsed article, sentence by sentence, with an article memory."""
        from kg.extract import frames
        from kg.extract.confidence import default_min_confidence, probability
        from kg.extract.discourse import ArticleMemory, SentenceContext, quote_attributions, quote_speaker
        from kg.extract.modality import speaker_of

        resolver, reader = self._components()
        version = self.version
        article = parsed.article
        memory = ArticleMemory(day=article.date, home_country=parsed.home_country)
        statements: list[Statement] = []
        sentences = 0
        for offset, doc in parsed.paragraphs:
            if offset in parsed.noise:
                continue
            mentions = resolver.find_mentions(doc)
            resolver.note_abbreviations(doc, mentions, memory)
            # "SRE officials stated via social media:" attributes the next paragraph to them
            quoted, memory.quote_speaker = memory.quote_speaker, None
            sents = [sent for sent in doc.sents if sent.text.strip()]
            attributions = quote_attributions(sents)
            speakers: dict[int, object] = {}
            for k, sent in enumerate(sents):
                memory.sentence_index += 1
                sentences += 1
                memory.note_states(sent, mentions, resolver.gaz)
                ctx = SentenceContext(sent, mentions, memory, article, offset, version, quoted_speaker=quoted)
                source = attributions[k]
                if source is not None and source != k:
                    # a sentence inside a quotation whose speaker another sentence names
                    if source not in speakers:
                        speakers[source] = quote_speaker(sents[source], ctx, resolver)
                    if speakers[source] is not None:
                        ctx.quoted_speaker = speakers[source]
                        memory.last_speaker = (memory.sentence_index, speakers[source].entity)
                statements.extend(reader.read(ctx))
                if sent.text.rstrip().endswith(":"):
                    memory.quote_speaker = speaker_of(sent.root, ctx, resolver)
        statements = frames.settle(statements, memory, resolver.gaz)
        statements = [replace(s, confidence=round(probability(s), 3)) for s in statements]
        threshold = default_min_confidence() if self.min_confidence is None else self.min_confidence
        statements = [s for s in statements if s.action.type is None or s.confidence >= threshold]
        return ArticleResult(article, statements, sentences, parsed.skipped_lines)

    def extract_text(self, text: str, date: str | None = None, article_id: str = "text") -> list[Statement]:
        """Statements of one text, for quick use and tests."""
        article = Article(id=article_id, text=text, date=date)
        return next(iter(self.extract([article]))).statements


__all__ = ["ArticleResult", "Extractor", "ParsedArticle"]
