"""Measuring extraction against a gold file, side by side with the SVO baseline.

The gold format and the coding rules are in docs/annotation.md. A sentence
record is read as a tiny article (its `context`, then its sentence, dated with
its `date`); only statements from the sentence itself count. An article record
is read whole, as `kg build` reads a JSON Lines article (title, text, date,
outlet), and each statement is scored against the gold sentence its predicate
falls in. Both kg and the baseline read the same spaCy parse.

Three levels are scored, each with precision, recall and F1 over events:
actor; actor + PLOVER type; actor + type + target (the full triple). Actors
and targets match on country and PLOVER sector (sector only when the gold
gives one); parties with no country, and things, match on their head word.
Negation accuracy is measured on the triples both sides agree on.
Statements whose predicate fits no PLOVER type are not events and not scored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.model import Article, Participant, Statement


@dataclass(frozen=True)
class GoldEvent:
    actor: dict
    type: str
    target: dict | None
    negated: bool
    modality: str | None
    attributed_to: dict | None


@dataclass(frozen=True)
class GoldSentence:
    id: str
    text: str
    context: str | None
    date: str | None
    events: tuple[GoldEvent, ...]
    phenomena: tuple[str, ...] = ()
    origin: str = ""
    start: int | None = None  # in an article record: where the sentence starts in the article text

    def article(self) -> Article:
        prefix = f"{self.context}\n" if self.context else ""
        return Article(id=self.id, text=prefix + self.text, date=self.date)

    @property
    def sentence_start(self) -> int:
        return len(self.context) + 1 if self.context else 0


@dataclass(frozen=True)
class GoldArticle:
    """An article record: the whole article and its sentences, each with its events."""

    article: Article
    sentences: tuple[GoldSentence, ...]

    def sentence_of(self, offset: int) -> int:
        """The index of the gold sentence an article offset falls in (the one before, between two)."""
        index = 0
        for i, sentence in enumerate(self.sentences):
            if sentence.start is not None and sentence.start <= offset:
                index = i
        return index


def _events(raw: list[dict]) -> tuple[GoldEvent, ...]:
    return tuple(
        GoldEvent(
            actor=event["actor"],
            type=event["type"],
            target=event.get("target"),
            negated=bool(event.get("negated", False)),
            modality=event.get("modality"),
            attributed_to=event.get("attributed_to"),
        )
        for event in raw
    )


def _article_record(record: dict, origin: str) -> GoldArticle:
    """An article record, with each sentence located in the article text (in order)."""
    text = record.get("text")
    if not isinstance(text, str):
        path, _, line = origin.rpartition(":")
        raise InputError(path, "a redacted article record (its text is withheld): restore the article's text "
                         "from its url and query first, see tests/gold/news/README.md", line=int(line))
    article = Article(id=record["id"], text=text, title=record.get("title") or None, date=record.get("date") or None,
                      url=record.get("url"), source=record.get("outlet"))
    sentences = []
    position = 0
    for number, raw in enumerate(record["sentences"], start=1):
        body = raw["text"]
        start = text.find(body, position)
        if start < 0:
            raise KeyError(f"sentence {number} is not in the article text after sentence {number - 1}")
        position = start + len(body)
        sentences.append(GoldSentence(id=f"{record['id']}#{number}", text=body, context=None, date=article.date,
                                      events=_events(raw.get("events", [])), origin=origin, start=start))
    return GoldArticle(article, tuple(sentences))


def load_gold(paths: Iterable[str | Path]) -> list[GoldSentence | GoldArticle]:
    """Read gold JSONL files; a malformed line is an InputError naming file and line."""
    items: list[GoldSentence | GoldArticle] = []
    for path in paths:
        path = Path(path)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as e:
            raise InputError(str(path), f"cannot read gold file: {e.strerror or e}") from e
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if "sentences" in record:
                    items.append(_article_record(record, f"{path}:{number}"))
                    continue
                events = _events(record["events"])
                items.append(
                    GoldSentence(
                        id=record["id"],
                        text=record["text"],
                        context=record.get("context") or None,
                        date=record.get("date") or None,
                        events=events,
                        phenomena=tuple(record.get("phenomena", ())),
                        origin=f"{path}:{number}",
                    )
                )
            except (json.JSONDecodeError, KeyError, TypeError) as e:
                raise InputError(
                    str(path), f"not a gold record ({type(e).__name__}: {e}); see docs/annotation.md", line=number
                ) from e
    return items


# ---------------------------------------------------------------------- matching
def _head(label: str | None) -> str:
    words = (label or "").lower().replace("’", "'").split()
    word = words[-1] if words else ""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def party_matches(gold: dict | None, predicted: Participant | None) -> bool:
    """Does a predicted participant stand for the gold party (country+sector, else head word)?"""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    entity = predicted.entity
    country = gold.get("country")
    sector = gold.get("sector")
    if country:
        if entity.country != country:
            return False
        return sector is None or entity.sector == sector
    if entity.country and entity.type not in ("PopulationGroup", "Person"):
        return False
    if sector and entity.sector and sector != entity.sector:
        return False
    if sector == "REF" and entity.type == "PopulationGroup":
        return True
    return _head(gold.get("label")) in (_head(entity.label), _head(predicted.text))


_LEVELS = ("actor", "actor+type", "triple")


def _matches(level: str, gold: GoldEvent, predicted: Statement) -> bool:
    if not party_matches(gold.actor, predicted.actor):
        return False
    if level == "actor":
        return True
    if gold.type != predicted.action.type:
        return False
    if level == "actor+type":
        return True
    return party_matches(gold.target, predicted.target)


@dataclass
class Counts:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    levels: dict[str, Counts] = field(default_factory=lambda: {level: Counts() for level in _LEVELS})
    negation_agree: int = 0
    negation_pairs: int = 0
    modality_agree: int = 0
    attribution_agree: int = 0
    misses: list[tuple[GoldSentence, list[GoldEvent], list[Statement]]] = field(default_factory=list)

    @property
    def negation_accuracy(self) -> float:
        return self.negation_agree / self.negation_pairs if self.negation_pairs else 0.0

    @property
    def modality_accuracy(self) -> float:
        return self.modality_agree / self.negation_pairs if self.negation_pairs else 0.0

    @property
    def attribution_accuracy(self) -> float:
        return self.attribution_agree / self.negation_pairs if self.negation_pairs else 0.0


def score_sentence(scores: Scores, item: GoldSentence, predicted: list[Statement]) -> None:
    events = [s for s in predicted if s.action.type is not None and (item.start is not None or s.char_start >= item.sentence_start)]
    for level in _LEVELS:
        counts = scores.levels[level]
        counts.predicted += len(events)
        counts.gold += len(item.events)
        unmatched = list(events)
        for gold in item.events:
            for candidate in unmatched:
                if _matches(level, gold, candidate):
                    counts.true_positives += 1
                    unmatched.remove(candidate)
                    if level == "triple":
                        scores.negation_pairs += 1
                        scores.negation_agree += candidate.negated == gold.negated
                        scores.modality_agree += candidate.modality == (gold.modality or "asserted")
                        scores.attribution_agree += party_matches(gold.attributed_to, candidate.attributed_to)
                    break
        if level == "triple":
            missed = [g for g in item.events if not any(_matches("triple", g, s) for s in events)]
            extra = [s for s in events if not any(_matches("triple", g, s) for g in item.events)]
            if missed or extra:
                scores.misses.append((item, missed, extra))


@dataclass
class Evaluation:
    kg: Scores
    baseline: Scores
    sentences: int
    events: int
    # every gold sentence with kg's typed statements for it, for scores at confidence thresholds
    pairs: list[tuple[GoldSentence, list[Statement]]] = field(default_factory=list)

    threshold: float = 0.0  # the min confidence the kg scores were computed at

    def at_threshold(self, threshold: float) -> Counts:
        """Triple-level counts when only statements with confidence ≥ threshold are kept."""
        counts = Counts()
        for item, statements in self.pairs:
            labelled = label(item, [s for s in statements if s.confidence >= threshold])
            counts.predicted += len(labelled)
            counts.gold += len(item.events)
            counts.true_positives += sum(correct for _, correct in labelled)
        return counts


#: Confidence thresholds `kg evaluate` reports precision and recall at.
THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


def label(item: GoldSentence, statements: list[Statement]) -> list[tuple[Statement, bool]]:
    """Each typed statement with whether it matches a gold event of its sentence (actor, type and
    target; each gold event matches one statement at most, in the evaluator's order)."""
    events = [s for s in statements if s.action.type is not None and (item.start is not None or s.char_start >= item.sentence_start)]
    matched: dict[int, bool] = {}
    unmatched = list(range(len(events)))
    for gold in item.events:
        for k in unmatched:
            if _matches("triple", gold, events[k]):
                matched[k] = True
                unmatched.remove(k)
                break
    return [(statement, matched.get(k, False)) for k, statement in enumerate(events)]


def _per_sentence(item: GoldArticle, statements: list[Statement]) -> list[list[Statement]]:
    buckets: list[list[Statement]] = [[] for _ in item.sentences]
    for statement in statements:
        buckets[item.sentence_of(statement.predicate_offset)].append(statement)
    return buckets


def sentences_of(items: list[GoldSentence | GoldArticle]) -> list[GoldSentence]:
    return [s for item in items for s in (item.sentences if isinstance(item, GoldArticle) else (item,))]


def evaluate(items: list[GoldSentence | GoldArticle], extractor, min_confidence: float | None = None) -> Evaluation:
    """Score kg and the SVO baseline on the same parse of every gold sentence or article.

    kg is scored on the statements `kg build` would keep at `min_confidence` (None: the
    fitted default); the threshold table (`Evaluation.at_threshold`) sees every statement
    the extractor returns, so give it an extractor that keeps them all (min_confidence=0).
    """
    from kg.extract.baseline import BaselineReader
    from kg.extract.confidence import default_min_confidence

    threshold = default_min_confidence() if min_confidence is None else min_confidence

    kg_scores, baseline_scores = Scores(), Scores()
    pairs: list[tuple[GoldSentence, list[Statement]]] = []
    baseline = BaselineReader(extractor._components()[0])
    by_id = {(item.article.id if isinstance(item, GoldArticle) else item.id): item for item in items}

    def articles():
        for item in items:
            yield item.article if isinstance(item, GoldArticle) else item.article()

    for parsed in extractor.parse(articles(), include_noise=True):
        item = by_id[parsed.article.id]
        every, base = extractor.read(parsed).statements, baseline.read(parsed)
        statements = [s for s in every if s.action.type is None or s.confidence >= threshold]
        if isinstance(item, GoldArticle):
            buckets = zip(item.sentences, _per_sentence(item, statements), _per_sentence(item, base),
                          _per_sentence(item, every))
            for sentence, mine, theirs, all_mine in buckets:
                score_sentence(kg_scores, sentence, mine)
                score_sentence(baseline_scores, sentence, theirs)
                pairs.append((sentence, [s for s in all_mine if s.action.type]))
        else:
            score_sentence(kg_scores, item, statements)
            score_sentence(baseline_scores, item, base)
            # only the sentence's own statements: the context's are not scored
            pairs.append((item, [s for s in every if s.action.type and s.char_start >= item.sentence_start]))
    sentences = sentences_of(items)
    return Evaluation(kg_scores, baseline_scores, len(sentences), sum(len(s.events) for s in sentences), pairs,
                      threshold)


def format_table(evaluation: Evaluation) -> str:
    """The README's table: P/R/F1 per level for kg and the baseline, and their F1 ratio."""
    lines = [
        f"{evaluation.sentences} sentences, {evaluation.events} gold events",
        "",
        "| level | kg P | kg R | kg F1 | SVO P | SVO R | SVO F1 | F1 ratio |",
        "|---|---|---|---|---|---|---|---|",
    ]
    names = {"actor": "actor", "actor+type": "actor + type", "triple": "actor + type + target"}
    for level in _LEVELS:
        k, b = evaluation.kg.levels[level], evaluation.baseline.levels[level]
        ratio = f"{k.f1 / b.f1:.1f}×" if b.f1 else "∞"
        lines.append(
            f"| {names[level]} | {k.precision:.3f} | {k.recall:.3f} | {k.f1:.3f} "
            f"| {b.precision:.3f} | {b.recall:.3f} | {b.f1:.3f} | {ratio} |"
        )
    k, b = evaluation.kg, evaluation.baseline
    lines.append(
        f"| negation accuracy (matched triples) | {k.negation_accuracy:.3f} ({k.negation_pairs}) | | "
        f"| {b.negation_accuracy:.3f} ({b.negation_pairs}) | | | |"
    )
    lines.append(
        f"| modality accuracy (matched triples) | {k.modality_accuracy:.3f} | | | {b.modality_accuracy:.3f} | | | |"
    )
    lines.append(
        f"| attribution accuracy (matched triples) | {k.attribution_accuracy:.3f} | | "
        f"| {b.attribution_accuracy:.3f} | | | |"
    )
    return "\n".join(lines)


def format_thresholds(evaluation: Evaluation, thresholds: Iterable[float] = THRESHOLDS) -> str:
    """Triple precision and recall when statements under a confidence threshold are dropped
    (`kg build --min-confidence`)."""
    lines = ["| min confidence | statements | triple P | triple R | triple F1 |", "|---|---|---|---|---|"]
    for threshold in thresholds:
        counts = evaluation.at_threshold(threshold)
        lines.append(f"| {threshold:.1f} | {counts.predicted} | {counts.precision:.3f} | {counts.recall:.3f} | {counts.f1:.3f} |")
    return "\n".join(lines)


#: What went wrong with a gold event, from its sentence's statements (docs/extraction.md).
CAUSES = ("found", "no statement in its sentence", "other events only", "wrong actor", "wrong type", "wrong target")


def causes(pairs: list[tuple[GoldSentence, list[Statement]]], threshold: float = 0.0) -> dict[str, int]:
    """Each gold event's fate ("found", or the nearest miss: the best statement of its sentence
    has the right actor and type but another target, ...), and the statements that match no
    gold event ("extra statement"). The statements are those at or over `threshold`."""
    counts = {cause: 0 for cause in (*CAUSES, "extra statement")}
    for item, statements in pairs:
        kept = [s for s in statements if s.confidence >= threshold]
        for statement, right in label(item, kept):
            if not right:
                counts["extra statement"] += 1
        for gold in item.events:
            best = None
            for statement in kept:
                actor = party_matches(gold.actor, statement.actor)
                kind = gold.type == statement.action.type
                target = party_matches(gold.target, statement.target)
                score = (actor * 4 + kind * 2 + target, actor, kind, target)
                best = score if best is None or score > best else best
            if best is None:
                counts["no statement in its sentence"] += 1
            elif best[1] and best[2] and best[3]:
                counts["found"] += 1
            elif best[1] and best[2]:
                counts["wrong target"] += 1
            elif best[1]:
                counts["wrong type"] += 1
            elif best[2]:
                counts["wrong actor"] += 1
            else:
                counts["other events only"] += 1
    return counts


def format_causes(evaluation: Evaluation, threshold: float = 0.0) -> str:
    counts = causes(evaluation.pairs, threshold)
    lines = ["| gold events and extra statements | count |", "|---|---|"]
    lines += [f"| {cause} | {n} |" for cause, n in counts.items()]
    return "\n".join(lines)


def format_misses(scores: Scores) -> str:
    out = []
    for item, missed, extra in scores.misses:
        out.append(f"{item.id}: {item.text}")
        for gold in missed:
            target = gold.target and (gold.target.get("country") or gold.target.get("label"))
            out.append(
                f"  - missed {gold.actor.get('country') or gold.actor.get('label')}/{gold.actor.get('sector')} "
                f"{gold.type} {target} neg={gold.negated}"
            )
        for s in extra:
            target = s.target and (s.target.entity.country or s.target.entity.label)
            out.append(
                f"  + extra  {s.actor.entity.country or s.actor.entity.label}/{s.actor.entity.sector} "
                f"{s.action.type} ({s.action.lemma}) {target} neg={s.negated}"
            )
    return "\n".join(out)
