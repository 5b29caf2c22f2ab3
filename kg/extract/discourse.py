"""What the reader knows beyond the sentence: the article so far, and the sentence being read.

`ArticleMemory` is the only state kept between sentences of one article: the
people named (for surnames, titles and pronouns), the last state, subject,
speaker and group, a speaker introducing a quotation with a colon, and the two
sides of the last meeting ("the two leaders"). `SentenceContext` bundles what
every reading step needs about the sentence at hand.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from kg.extract import entities, syntax
from kg.extract.frames import Story
from kg.extract.gazetteer import NAME_PARTICLES, name_key
from kg.model import Article, Entity, Participant

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.mentions import Mention

# Nouns that, with "the two"/"both", stand for the two sides of the last meeting.
_PAIR_NOUNS = ("leader", "president", "government", "country", "nation", "side", "party", "minister", "official", "delegation")
# Of those, the ones that stand for the two states of the story when no meeting was just told.
_STATE_PAIR_NOUNS = ("government", "country", "nation", "side", "party")
# Gazetteer kinds that name a state itself (a demonym names its people).
_STATE_KINDS = ("COUNTRY", "CAPITAL", "ADJECTIVE")


@dataclass
class ArticleMemory:
    """What the article has established so far (coreference within one article)."""

    day: str | None = None
    home_country: str | None = None  # where the story was filed (its dateline), for "the government"
    person_names: dict[str, Entity] = field(default_factory=dict)
    person_roles: dict[tuple[str, str], Entity] = field(default_factory=dict)
    last_person: tuple[int, Entity] | None = None
    last_state: tuple[int, Entity] | None = None
    last_subject: tuple[int, Entity] | None = None
    last_speaker: tuple[int, Entity] | None = None
    sentence_index: int = 0
    quote_speaker: Participant | None = None  # set by "X stated:", for the quotation that follows
    people_seen: list[tuple[int, int, Entity]] = field(default_factory=list)  # (sentence, token, person)
    last_group: tuple[int, Entity] | None = None
    last_people: tuple[int, Entity] | None = None  # the latest group of people, by any name
    last_organization: tuple[int, Entity] | None = None  # for "the group", "the organization"
    last_pair: tuple[int, tuple[Participant, Participant]] | None = None  # the two sides of the last meeting
    story: Story = field(default_factory=Story)  # the migration story so far, for roles sentences leave out
    parties: list[tuple[int, Participant]] = field(default_factory=list)  # actors of statements, by sentence
    abbreviations: dict[str, Entity] = field(default_factory=dict)  # "BGB" → the body "Border Guard Bangladesh (BGB)" named
    last_removal: int | None = None  # the sentence that last told a removal (by a verb, noun or vehicle)
    last_removal_people: tuple[int, Participant] | None = None  # the last people a removal vehicle carried, and where
    # state → how many statements so far it was the actor or target of (and the first one's participant)
    state_counts: dict[str, list] = field(default_factory=dict)
    # state → how many times the article's text has named it so far (and it as a participant)
    state_mentions: dict[str, list] = field(default_factory=dict)
    place_states: Counter = field(default_factory=Counter)  # country → places in it the text names ("Aceh")
    names_eu: bool = False  # the text has named the EU or one of its institutions (then "Brussels" is the EU)
    nationalities: set[str] = field(default_factory=set)  # countries whose people the article has named
    removed_nationalities: set[str] = field(default_factory=set)  # ... and of the people it has told removed
    accusations: set[tuple[str, str]] = field(default_factory=set)  # (rights group, state) accusations told
    last_nationality: tuple[int, str] | None = None  # the nationality of the people named last, and where
    group_nationalities: dict[str, tuple[int, str]] = field(default_factory=dict)  # "refugees" → (sentence, MMR)
    role_countries: dict[str, set] = field(default_factory=dict)  # "interior minister" → the states whose one was named

    def count_state(self, participant: Participant | None) -> None:
        if participant is not None and participant.entity.type == "Country":
            self.state_counts.setdefault(participant.entity.id, [0, participant])[0] += 1

    def note_states(self, sent: Span, mentions: dict[int, "Mention"], gaz) -> None:
        """Count the states a sentence names ("Morocco", "Rabat", "the Moroccan government"), not
        their people ("Moroccans" are migrants more often than the state's side of a deal)."""
        seen = set()
        for token in sent:
            mention = mentions.get(token.i)
            if mention is None or mention.start in seen or mention.start != token.i:
                continue
            seen.add(mention.start)
            if any(e.country == "EUR" for e in mention.entries):
                self.names_eu = True
            if mention.kind == "PLACE_NER":
                # "off the coast of Aceh Province": where the story happens, for whose police act in it
                country = gaz.place_country(sent.doc[mention.start:mention.end].text)
                if country:
                    self.place_states[country] += 1
                continue
            states = {e.key for e in mention.entries if e.kind in _STATE_KINDS and not e.ambiguous}
            if len(states) == 1:
                code = states.pop()
                self.state_mentions.setdefault(code, [0, Participant(entities.country(gaz, code), "")])[0] += 1

    def leading_states(self) -> list[Participant]:
        """The two states the article's statements name most (each at least twice), first named
        first on a tie; else the two states its text names most (each at least twice, or the only
        two it names): "the two countries agreed" in a story whose statements name one side."""
        for counts in (self.state_counts, self.state_mentions):
            ranked = sorted(counts.values(), key=lambda c: -c[0])[:2]
            if len(ranked) == 2 and (ranked[1][0] >= 2 or (counts is self.state_mentions and len(counts) == 2)):
                return [c[1] for c in ranked]
        return []

    def remember_person(self, entity: Entity, full_name: str | None = None, position: int = 10**9) -> None:
        names = {entity.label}
        if full_name:
            names.add(full_name)
        for name in list(names):
            parts = name.split()
            if len(parts) > 1:
                names.add(parts[-1])
                # "Juan Ramón de la Fuente" is later "de la Fuente"; "Mohamed Ould Ghazouani", "Ould Ghazouani"
                first_particle = next((i for i, w in enumerate(parts) if i and w.lower() in NAME_PARTICLES), None)
                if first_particle is not None:
                    names.add(" ".join(parts[first_particle:]))
                if "-" in parts[-1]:
                    # "Abike Dabiri-Erewa" is later "Dabiri-Erewa" or "Erewa" ("Salinas-Chavez", "Chavez")
                    names.update(p for p in parts[-1].split("-") if len(p) > 2)
        for name in names:
            self.person_names.setdefault(name_key(name), entity)
        if entity.role and entity.country:
            self.person_roles[(entity.role, entity.country)] = entity
            self.note_role(entity.role, entity.country)
        self.mark_person(entity, position)

    def note_role(self, role: str, country: str) -> None:
        self.role_countries.setdefault(role, set()).add(country)

    def role_country(self, role: str | None) -> str | None:
        """The one state whose holder of `role` the article has named ("Burundi's internal affairs
        minister ... Internal Affairs Minister Martin Niteretse"), or None."""
        countries = self.role_countries.get(role) if role else None
        return next(iter(countries)) if countries and len(countries) == 1 else None

    def mark_person(self, entity: Entity, position: int = 10**9) -> None:
        self.last_person = (self.sentence_index, entity)
        self.people_seen = [p for p in self.people_seen if p[2].id != entity.id][-8:]
        self.people_seen.append((self.sentence_index, position, entity))
        self.people_seen.sort(key=lambda p: (p[0], p[1]))

    def recent_person(self, exclude: Entity | None = None, window: int = 3, before: int | None = None) -> Entity | None:
        """The latest person named (in this sentence before token `before`, or earlier)."""
        for index, position, entity in reversed(self.people_seen):
            if self.sentence_index - index > window:
                break
            if before is not None and index == self.sentence_index and position >= before:
                continue
            if exclude is None or entity.id != exclude.id:
                return entity
        return None

    def home(self) -> str | None:
        """The state the story is filed from (its dateline), else the one it is about: the state
        whose government, bodies and officials are most often the subjects of its clauses so far
        (at least twice)."""
        if self.home_country:
            return self.home_country
        common = self.story.subjects.most_common(1)
        return common[0][0] if common and common[0][1] >= 2 else None

    def recent_person_with_role(self, role: str, window: int = 6) -> Entity | None:
        """The latest person named whose office `role` names, word for word ("secretary" names
        "secretary of state" and "homeland security secretary"; "president" not "vice president")."""
        words = role.split()
        for index, _position, entity in reversed(self.people_seen):
            if self.sentence_index - index > window:
                break
            held = (entity.role or "").split()
            if held == words or (held and all(w in held for w in words) and not (
                "vice" in held and "vice" not in words) and not ("deputy" in held and "deputy" not in words)):
                return entity
        return None

    def recent(self, slot: tuple[int, Entity] | None, window: int = 2) -> Entity | None:
        if slot is None or self.sentence_index - slot[0] > window:
            return None
        return slot[1]


@dataclass
class SentenceContext:
    """Everything the reader needs about the sentence being read."""

    sent: Span
    mentions: dict[int, "Mention"]
    memory: ArticleMemory
    article: Article
    offset: int  # where the sentence's doc starts in the article text
    extractor: str
    quoted_speaker: Participant | None = None  # a speaker introducing this sentence with a colon
    consumed: set[int] = field(default_factory=set)  # event nouns already coded inside a verb's statement


def pair(token: Token, memory: ArticleMemory) -> list[Participant]:
    """"They", "the two leaders", "both sides": the two sides of the meeting just told; else
    "both countries", "the two governments": the two states the article has shown acting on
    each other most (a story of a bilateral deal names its two parties again and again)."""
    lower = token.lower_
    numbered = any(c.lower_ in ("two", "both") for c in token.children) or (
        lower in ("two", "both") and token.dep_.startswith("nsubj"))  # "the two are to meet", "both agreed"
    sides = syntax.lemma(token) in _PAIR_NOUNS and token.tag_ in ("NNS", "NNPS") and numbered
    if memory.last_pair is not None and memory.sentence_index - memory.last_pair[0] <= 2:
        if lower == "they" or sides or lower in ("two", "both"):
            return list(memory.last_pair[1])
    if (sides and syntax.lemma(token) in _STATE_PAIR_NOUNS) or (lower in ("two", "both") and numbered):
        return memory.leading_states()
    if _bare_plural_sides(token):
        # "The foreign ministries agreed to form a committee", "the governments signed": in a
        # story of two states, their two governments
        return memory.leading_states()
    return []


def _bare_plural_sides(token: Token) -> bool:
    """"the governments", "the foreign ministries" as a subject: no number, owner or state named."""
    if syntax.lemma(token) not in (*_STATE_PAIR_NOUNS, "ministry") or token.tag_ not in ("NNS", "NNPS"):
        return False
    if not token.dep_.startswith("nsubj") or token.conjuncts:
        return False
    determiners = [c for c in token.children if c.dep_ == "det"]
    if [d.lower_ for d in determiners] != ["the"]:
        return False
    return not any(c.dep_ in ("poss", "compound", "nummod", "prep", "appos") or (
        c.dep_ == "amod" and c.lower_ not in ("foreign", "interior", "two")) for c in token.children)


def quote_attributions(sents: list[Span]) -> list[int | None]:
    """For each sentence of a paragraph, the sentence whose reporting clause attributes the
    quotation it sits in, when the quotation runs over several sentences:

        Starmer said, “Illegal migration is a global crisis.   ← attribution (before the quote)
        But it is also a crisis for the UK and France.”        ← attributed to sentence 0
        “We bring the planes.                                   ← attributed to sentence 4
        We take the Colombians,” said the president.            ← attribution (after the quote)

    None for sentences outside such a quotation (a quotation within one sentence is read
    by the sentence's own syntax)."""
    result: list[int | None] = [None] * len(sents)
    opened: int | None = None
    for k, sent in enumerate(sents):
        text = sent.text
        inside_before = opened is not None
        curly = text.count("“") - text.count("”")
        straight = text.count('"') % 2 == 1
        if not inside_before and (curly > 0 or (straight and curly == 0)):
            opened = k  # a quotation opens and runs past this sentence
        elif inside_before and (curly < 0 or (straight and curly == 0)):
            start, opened = opened, None  # it closes here
            closing = text.rfind("”") if "”" in text else text.rfind('"')
            after = text[closing + 1:]
            before = sents[start].text
            first_open = max(before.find("“"), before.find('"'))
            attribution = k if any(c.isalpha() for c in after) else (start if first_open > 0 else None)
            if attribution is not None:
                for i in range(start, k + 1):
                    result[i] = attribution
    return result


def quote_speaker(sent: Span, ctx: SentenceContext, resolver) -> Participant | None:
    """The speaker a sentence's reporting clause names outside its quotation marks ("..., Petro
    added", "Starmer said, “...")."""
    from kg.extract import lexicon

    quoted = _quoted_tokens(sent)
    for token in sent:
        if token.i in quoted or token.pos_ not in ("VERB", "AUX") or syntax.lemma(token) not in lexicon.reporting_verbs():
            continue
        for subject in syntax.subject_tokens(token):
            participant = resolver.actor_at(subject, ctx)
            if participant is not None:
                return participant
    return None


def _quoted_tokens(sent: Span) -> set[int]:
    inside, found = False, set()
    for token in sent:
        if token.text in ("“", "”", '"', "``", "''"):
            inside = token.text == "“" or (token.text == '"' and not inside)
            continue
        if inside:
            found.add(token.i)
    return found


#: Event types with a counterpart party (PLOVER's recipient), which the article may give when the
#: sentence does not. Protests, mobilizations and removals are not read this way: their
#: recipient is the people or place acted upon, or none.
DYADIC = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
          "SANCTION", "RETREAT")
_STATE_TYPES = ("Country", "GovernmentBody", "Person", "Organization")
_NEWS_SECTORS = ("JRN", "MED")  # outlets and journalists: they tell the event, they are not its recipient


def counterpart(ctx: SentenceContext, actor: Participant, head: Token, resolver,
                co_actors: list[Participant] = ()) -> Participant | None:
    """The party an event without a stated recipient is done to or with: another party the sentence
    names (nearest after the predicate, then before it), else the latest actor of the two sentences
    before, of another country than the actor ("Rubio applauded this decision" after "Panama's
    President Mulino announced ...": Panama's president). Never one of the actors that do the
    event alongside it ("A, B and C signed similar deals": with someone else)."""
    own = actor.entity.country
    sides = {actor.entity.id} | {p.entity.id for p in co_actors}

    def other(participant: Participant | None) -> bool:
        if participant is None or participant.entity.type not in _STATE_TYPES or participant.entity.id in sides:
            return False
        if participant.entity.sector in _NEWS_SECTORS:
            return False  # "The Washington Post reported that Mexico rejected ...": who reports is no party
        country = participant.entity.country
        return country is not None and country != own

    seen: set[int] = set()
    after, before = [], []
    for i in range(ctx.sent.start, ctx.sent.end):
        mention = ctx.mentions.get(i)
        if mention is None or mention.start in seen or mention.start != i:
            continue
        seen.add(mention.start)
        token = ctx.sent.doc[mention.end - 1]
        if token.dep_ in ("compound", "amod") and token.head.i != token.i and token.head.ent_type_ == "":
            token = token.head  # "the U.S. delegation": the phrase, not its modifier
        participant = resolver.actor_at(token, ctx) if token.i != head.i else None
        if other(participant):
            (after if i > head.i else before).append(participant)
    if after or before:
        return (after or before)[0]
    for index, participant in reversed(ctx.memory.parties):
        if ctx.memory.sentence_index - index > 2:
            break
        if index < ctx.memory.sentence_index and other(participant):
            return participant
    return None


__all__ = ["DYADIC", "ArticleMemory", "SentenceContext", "counterpart", "pair", "quote_attributions", "quote_speaker"]
