"""Who a noun phrase names: a state, one of its organs, a person, an organization, a group.

The resolver reads the head of a noun phrase with its modifiers the way an
event coder does:

    "Mexico", "the U.S.", "Washington", "the White House"   → the state (GOV)
    "Mexican authorities", "Trump's administration"          → the state (GOV)
    "Mexico's foreign ministry", "the SRE"                   → the ministry (GOV)
    "the Pentagon", "Italian courts", "a Rome court"         → an organ (MIL, JUD, …)
    "Colombian President Gustavo Petro", later "Petro", "he",
    "the Colombian president"                                → one person (COL, GOV)
    "104 deported Indian migrants", "migrants from Cameroon" → a group (REF) with count
    "the UNHCR", "Tren de Aragua"                            → an organization

`ArticleMemory` carries what the article said before, for pronouns, surnames
and titles; it is the only state kept between sentences. Pronouns have their
own module (kg.extract.pronouns), and so do names and titles of people (kg.extract.persons).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from kg.extract import entities, lexicon, syntax
from kg.extract.actor_lexicon import actor_nouns, agent_nouns, function_words, organization_heads, titles
from kg.extract.discourse import ArticleMemory
from kg.extract.gazetteer import Gazetteer, load_broad_actors, load_gazetteer, name_key
from kg.extract.mentions import Mention, MentionFinder
from kg.extract.persons import PersonResolution
from kg.extract.pronouns import PRONOUNS_PERSON, PronounResolution
from kg.model import Entity, Participant

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.discourse import SentenceContext

ACTOR_TYPES = {"Country", "GovernmentBody", "Person", "Organization", "PopulationGroup"}
_BODY_NOUNS = {"ministry", "department", "secretariat", "office", "agency", "institute", "service", "commission"}
# Words for a number of people, who are people when removed ("others were deported", "the trio was expelled").
_PEOPLE_COUNTED = ("others", "trio", "pair", "duo", "couple", "foursome")
# Words for part of the people just named, who are those people when removed ("the rest were returned").
_PEOPLE_RESTATED = ("rest", "remainder")
# Nouns through which "of X" gives people a nationality ("of Nepali origin", "of Moroccan nationality").
_ORIGIN_NOUNS = ("nationality", "origin", "descent", "citizenship", "background")
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "dative", "appos", "conj", "attr", "poss", "agent", "compound", "nmod"}


def _removed(token: Token) -> bool:
    """Is the word what a removal, arrest or rescue acts on (the subject of the passive, the object)?"""
    verb = token.head
    if token.dep_ not in ("nsubjpass", "dobj") or verb.pos_ != "VERB":
        return False
    coding = lexicon.lookup(syntax.lemma(verb), "V", ())
    if (coding is None or not coding.removes) and syntax.custody_place(verb) is not None:
        coding = lexicon.lookup(syntax.lemma(verb), "V", ("CUSTODY",))  # "the trio were taken into detention"
    # people are what a removal moves, and what a rescue saves ("six others were saved by fishermen")
    return (coding is not None and coding.removes) or syntax.lemma(verb) in ("rescue", "save", "evacuate")


def _counted(token: Token) -> bool:
    """A word counted as people: with a number ("40 Sudanese") or after a quantity ("hundreds of")."""
    if any(c.dep_ == "nummod" for c in token.children):
        return True
    preposition = token.head
    return token.dep_ == "pobj" and preposition.lower_ == "of" and (
        preposition.head.pos_ == "NUM" or preposition.head.lower_ in syntax.QUANTITY_HEADS)


def _one_of_a_people(token: Token) -> bool:
    """"Deported a Syrian", "an Afghan was arrested": a nationality adjective heading its noun phrase."""
    return token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "conj") and token.head.i != token.i and any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)


# Heads that name a unit of the organ their modifier names ("the army intelligence unit").
_SUBUNITS = ("unit", "division", "branch", "wing", "squad", "team", "brigade", "battalion", "section", "bureau",
             "cell", "command", "detachment", "contingent", "patrol", "directorate")

# Sectors of a state's organs: a named body with one is a government body of its country.
_ORGAN_SECTORS = ("JUD", "LEG", "MIL", "COP")


def _abbreviation_after(span: Span) -> str | None:
    """"Border Guard Bangladesh (BGB)": the abbreviation a name defines in brackets after it,
    when its letters open the name's words in order (B-G-B), as news style introduces one."""
    doc = span.doc
    if span.end + 2 >= len(doc) or doc[span.end].text != "(" or doc[span.end + 2].text != ")":
        return None
    short = doc[span.end + 1].text
    if not (2 <= len(short) <= 8 and short.isupper() and short.isalpha()):
        return None
    initials = [t.text[0].upper() for t in span if t.text[:1].isalpha()]
    letters = iter(initials)
    return short if short[0] == initials[0] and all(ch in letters for ch in short) else None


# Heads that, as "the group" with nothing else, stand for the organization last named.
_ORGANIZATION_ANAPHORS = {"group", "organization", "organisation", "charity", "watchdog", "coalition", "alliance",
                          "network", "campaign group", "rights group", "ngo"}


def _bare_definite(token: Token) -> bool:
    """"the group", "the organization": a definite article and no other modifier."""
    children = list(token.children)
    return bool(children) and all(c.dep_ == "det" and c.lower_ == "the" for c in children if c.i < token.i) and \
        any(c.dep_ == "det" and c.lower_ == "the" for c in children) and not any(
            c.dep_ in ("amod", "compound", "poss", "nmod") for c in children)


class ActorResolver(PersonResolution, PronounResolution):
    """Finds actor mentions in a document and resolves noun-phrase heads to participants."""

    def __init__(self, nlp, gazetteer: Gazetteer | None = None):
        self.gaz = gazetteer or load_gazetteer()
        load_broad_actors(self.gaz)
        self._nouns = actor_nouns()
        self._titles = titles()
        self._mention_finder = MentionFinder(nlp, self.gaz, self._nouns, self._titles, function_words())
        self._last_mentions: dict[int, Mention] = {}
        self._resolving: set[int] = set()

    def find_mentions(self, doc: Doc) -> dict[int, Mention]:
        """token index → mention, for every token inside an accepted mention."""
        self._last_mentions = self._mention_finder.find(doc)
        return self._last_mentions

    def note_abbreviations(self, doc: Doc, mentions: dict[int, Mention], memory: ArticleMemory) -> None:
        """Remember the abbreviations a paragraph defines ("the Border Guard Bangladesh (BGB)"), so
        that the article's later "BGB" is that body, wherever the name first stood. The name is the
        NER's organization, even where the mention finder kept only a country inside it."""
        for ent in doc.ents:
            if ent.label_ != "ORG":
                continue
            span = ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
            abbreviation = _abbreviation_after(span)
            if abbreviation is None or abbreviation in memory.abbreviations:
                continue
            known = mentions.get(span.root.i)
            if known is not None and known.kind in ("AGENCY", "ORG") and known.start == span.start:
                entity = self._from_mention(span.root, known, mentions, memory, False)
            else:
                entity = self._named_organization(span, mentions, memory.home_country)
            if entity is not None:
                memory.abbreviations[abbreviation] = entity

    def actor_at(self, token: Token, ctx: "SentenceContext", exclude: Entity | None = None) -> Participant | None:
        participant = self.resolve(token, ctx.mentions, ctx.memory, exclude=exclude)
        if participant is None or participant.entity.type not in ACTOR_TYPES:
            return None
        return participant

    def modifier_actor(self, token: Token, ctx: "SentenceContext") -> Participant | None:
        """An actor named by a modifier: "Mexico's", "U.S.", "Mexican", "Trump's"."""
        mention = ctx.mentions.get(token.i)
        if mention is not None and mention.kind == "ADJECTIVE":
            entity = entities.country(self.gaz, mention.entries[0].key)
            return Participant(entity, token.text)
        participant = self.resolve(token, ctx.mentions, ctx.memory)
        if participant is not None and participant.entity.type in ACTOR_TYPES:
            return participant
        return None

    def resolve(
        self,
        token: Token,
        mentions: dict[int, Mention],
        memory: ArticleMemory,
        as_place: bool = False,
        exclude: Entity | None = None,
    ) -> Participant | None:
        """The participant whose noun phrase has `token` as head, or None.

        `exclude` is the actor of the clause: an object pronoun ("thanked him")
        cannot be the clause's own subject, so it goes to the person before.
        """
        if token.lower_ in ("who", "whom", "that", "which") and (
            token.tag_ in ("WP", "WDT") or token.head.dep_ == "relcl"
        ):
            token = syntax.antecedent(token)  # the parser sometimes tags relative "that" as IN
        if exclude is not None and token.tag_ == "PRP" and token.lower_ in PRONOUNS_PERSON:
            entity = memory.recent_person(exclude=exclude, before=token.i)
        else:
            entity = self._entity(token, mentions, memory, as_place)
        if entity is None:
            return None
        if entity.type == "PopulationGroup" and token.tag_ != "PRP":
            # "police detained dozens of Ethiopians. They were placed in detention": who "they" were
            memory.last_people = (memory.sentence_index, entity)
        if entity.type == "PopulationGroup" and entity.country:
            memory.nationalities.add(entity.country)
            memory.last_nationality = (memory.sentence_index, entity.country)
        count, count_text = syntax.count(token)
        text = syntax.mention_text(token)
        return Participant(entity, text, count, count_text)

    def _entity(self, token: Token, mentions: dict[int, Mention], memory: ArticleMemory, as_place: bool) -> Entity | None:
        mention = mentions.get(token.i)
        if mention is not None and mention.kind not in ("ORG_NER", "PLACE_NER", "ADJECTIVE") and token.dep_ in _ARGUMENT_DEPS:
            # a name is a name whatever part of speech the tagger gave it ("Saied" tagged a verb)
            return self._from_mention(token, mention, mentions, memory, as_place)
        if token.pos_ not in ("NOUN", "PROPN", "PRON", "NUM") and not (token.ent_type_ == "ORDINAL" and _removed(token)):
            # only noun-phrase heads name entities ("national" in "national emergency" does not);
            # "a fourth was arrested" is the fourth of the people just named
            return None
        if mention is not None and mention.kind not in ("ORG_NER", "PLACE_NER"):
            return self._from_mention(token, mention, mentions, memory, as_place)
        if mention is not None and mention.kind in ("ORG_NER", "PLACE_NER"):
            span = token.doc[mention.start:mention.end]
            known = memory.person_names.get(name_key(span.text))
            if known is not None:  # "meeting with President Bassirou Diomaye Faye ... Sánchez and Faye signed"
                memory.mark_person(known, span.start)
                return known
        if mention is not None and mention.kind == "ORG_NER" and self._proper_name(token.doc[mention.start:mention.end], mentions):
            span = token.doc[mention.start:mention.end]
            defined = memory.abbreviations.get(span.text)
            if defined is not None:
                return defined  # "the Border Guard Bangladesh (BGB) ... detained by BGB"
            return self._named_organization(span, mentions, memory.home_country)
        if token.tag_ in ("PRP", "PRP$"):
            return self._reported_speaker(token, mentions, memory) or self._pronoun(token, memory)
        if syntax.lemma(token) in syntax.QUANTITY_HEADS or token.lower_ in syntax.QUANTITY_HEADS or token.pos_ == "NUM":
            inner = next((c for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                          for c in p.children if c.dep_ == "pobj"), None)
            if inner is not None:
                found = self._entity(inner, mentions, memory, as_place)
                if found is None and inner.pos_ == "PROPN":
                    # "thousands of West and Central Africans", parsed as "West" and "Central Africans"
                    found = next((e for c in inner.conjuncts if (e := self._entity(c, mentions, memory, as_place))), None)
                if found is None:
                    # "one of Haftar's sons, Saddam Haftar, was visiting": the one it names
                    found = self._named_apposition(token, mentions, memory, as_place)
                return found
            if _removed(token):
                # "thousands were deported", "Egypt expelled 40": a bare count of people removed, of
                # the people just named ("how many Vietnamese were deported ... some were sent")
                return self._people_just_named(memory) or entities.group(self.gaz, syntax.mention_text(token), None)
        if token.ent_type_ == "ORDINAL" or token.lower_ in _PEOPLE_RESTATED:
            if _removed(token):  # "a fourth was arrested", "the rest were returned"
                return self._people_just_named(memory) or entities.group(self.gaz, token.lower_, None)
        if token.lower_ in _PEOPLE_COUNTED and _removed(token):
            return entities.group(self.gaz, token.lower_, None)  # "others were forcibly deported", "the trio was expelled"
        if token.lower_ in ("those", "anyone") and any(
                c.dep_ == "relcl" or (c.dep_ == "acl" and c.tag_ == "VBG") for c in token.children):
            # "aid to those fleeing the crisis", "those who arrive in Rwanda", "anyone who enters
            # illegally": the people the clause describes (of the country they flee, if one)
            return entities.group(self.gaz, "people", self._fled(token, mentions))
        if syntax.lemma(token) in _ORGANIZATION_ANAPHORS and _bare_definite(token):
            # "Human Rights Watch said ... The group previously urged ...": the organization named before
            found = memory.recent(memory.last_organization, window=3)
            if found is not None:
                return found
        structural = self._structural(token, mentions, memory)
        if structural is not None:
            if structural.type == "PopulationGroup":
                memory.last_group = (memory.sentence_index, structural)
            return structural
        if mention is None:
            return self._named_apposition(token, mentions, memory, as_place) or self._office_of_agency(
                token, mentions, memory, as_place) or self._person_named_before(token, memory)
        return self._from_mention(token, mention, mentions, memory, as_place)

    def _actor_noun(self, token: Token):
        """The actor-noun entry of a noun phrase head, longest compound first ("coast guard officer")."""
        return next((self._nouns[c] for c in syntax.compound_lemmas(token) if c in self._nouns), None)

    def organ_noun(self, token: Token):
        """The actor-noun entry of a noun naming a branch of a state ("police", "coast guard"), or None."""
        entry = self._actor_noun(token)
        return entry if entry is not None and entry.kind == "organ" else None

    @staticmethod
    def _people_just_named(memory: ArticleMemory) -> Entity | None:
        """The people the sentence or the one before named, for a bare count or part of them."""
        people = memory.recent(memory.last_people, window=1)
        return people if people is not None and people.type == "PopulationGroup" and people.sector in ("REF", None) else None

    def _office_of_agency(self, token: Token, mentions: dict[int, Mention], memory: ArticleMemory, as_place: bool) -> Entity | None:
        """"ERO Houston removed ...", "ICE San Antonio": a city name after an agency's acronym
        is that agency's field office."""
        if token.pos_ != "PROPN":
            return None
        for child in token.subtree:
            named = mentions.get(child.i)
            if child.i < token.i and child.dep_ == "compound" and named is not None and named.kind == "AGENCY":
                return self._from_mention(child, named, mentions, memory, as_place)
        return None

    def _named_apposition(self, token: Token, mentions: dict[int, Mention], memory: ArticleMemory, as_place: bool) -> Entity | None:
        """"the UN refugee agency UNHCR", "the U.N. migration agency, IOM": a generic head named beside it."""
        for child in token.children:
            if child.dep_ in ("appos", "compound", "npadvmod") and child.i > token.i:
                named = mentions.get(child.i)
                if named is not None and named.kind in ("ORG", "AGENCY", "PERSON", "PERSON_NER", "ORG_NER", "COUNTRY"):
                    return self._from_mention(child, named, mentions, memory, as_place)
        return None

    def _structural(self, token: Token, mentions: dict[int, Mention], memory: ArticleMemory) -> Entity | None:
        """An entity read from a common-noun head and its modifiers ("Mexico's foreign ministry")."""
        lower = token.lower_
        lemma = syntax.lemma(token)
        title = self._title(token)
        if title is not None:
            return self._titled_person(token, title, mentions, memory)
        noun = self._actor_noun(token)
        if noun is None and token.pos_ == "PROPN" and lower.endswith("s"):
            noun = self._nouns.get(lower[:-1])
        if noun is None and token.pos_ == "NOUN":
            agents = agent_nouns()
            noun = next((agents[c] for c in syntax.compound_lemmas(token) if c in agents), None)
        if noun is None and lemma in _SUBUNITS:
            # "the army intelligence unit", "a police patrol", "the Lebanese army's intelligence
            # unit": a unit of the organ that names it
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            organ = self._entity(owner, mentions, memory, False) if owner is not None else None
            if organ is not None and organ.type == "GovernmentBody":
                return organ
            # the outermost organ owns the unit: "the army intelligence unit" is the army's
            noun = next((self._nouns[syntax.lemma(c)] for c in token.subtree
                         if c.i < token.i and c.dep_ in ("compound", "amod") and syntax.lemma(c) in self._nouns
                         and self._nouns[syntax.lemma(c)].kind == "organ"), None)
        if noun is None:
            return None
        if noun.needs_country and self._country_of(token, mentions, memory) is None:
            return None
        if token.pos_ == "PROPN" and self._named_by_compounds(token, mentions):
            # "the Indian Youth Congress", "the African National Congress": a name, not an organ
            span = token.doc[min(c.i for c in token.lefts if c.dep_ in ("compound", "amod")):token.i + 1]
            return self._named_organization(span, mentions)
        if noun.kind == "group":
            nationality = self._nationality(token, mentions, memory)
            if nationality is not None:
                memory.group_nationalities[noun.label] = (memory.sentence_index, nationality)
            elif any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in token.children):
                # "Myanmar refugees ... Thai authorities denied protection to the refugees": the
                # people of that name the article has just given a nationality
                seen = memory.group_nationalities.get(noun.label)
                if seen is not None and memory.sentence_index - seen[0] <= 5:
                    nationality = seen[1]
                elif len(memory.nationalities) == 1 and token.tag_ in ("NNS", "NNPS"):
                    # "the passengers", "these persons" in a story whose people are all of one
                    # nationality: those people (a bare plural, "migrants", may be anyone)
                    (nationality,) = memory.nationalities
            if nationality is None:  # "five Cuban and Yemeni men": no one nationality, but named ones
                memory.nationalities.update(c for child in token.children if child.dep_ in ("amod", "compound", "nmod")
                                            for c in self._countries_in(child, mentions, memory))
            return entities.group(self.gaz, noun.label, nationality)
        country = self._country_of(token, mentions, memory)
        if noun.kind == "org" and country is None and noun.sector in ("OPP", "PTY", "LEG") and not noun.needs_country:
            country = memory.home()  # "opposition parties" in a Dutch story are Dutch
        if noun.kind == "ngo":
            # "rights groups", "aid agencies": a country's when one is attached, else PLOVER's NGO
            if country is None:
                return entities.non_governmental(noun.sector, noun.label)
            return entities.national_organization(self.gaz, country, noun.sector, noun.label)
        if noun.kind == "org":
            return entities.national_organization(self.gaz, country, noun.sector, noun.label)
        if country is None:
            if lemma in ("country", "nation") and syntax.demonstrative(token):
                earlier = memory.recent(memory.last_state, window=3)
                if earlier is None and token.lower_ in ("country", "nation") and token.dep_ in ("nsubj", "nsubjpass") \
                        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
                    # "Burundi's minister announced the country was suspending ties": the one state
                    # the sentence has named before it
                    before = _state_before(token, mentions)
                    return entities.country(self.gaz, before) if before else None
                return earlier
            if noun.kind in ("state", "organ") and lemma not in ("country", "nation", "state") and not syntax.has_determiner(token):
                speaker = self._reported_speaker(token, mentions, memory)
                if speaker is not None and speaker.country and speaker.country not in entities.INTERNATIONAL:
                    country = speaker.country  # "the administration could begin …, Noem said"
            if country is None and noun.kind in ("state", "organ") and lemma not in ("country", "nation", "state") and not syntax.has_determiner(token) and token.dep_ in ("nsubj", "nsubjpass", "pobj", "poss") and (
                token.dep_ != "pobj" or token.head.dep_ == "agent"
            ):
                # "The Mexican government's position became evident when officials refused …":
                # unnamed officials, courts or administrations belong to the state named before them
                country = _state_before(token, mentions)
            home = memory.home_country or (memory.home() if token.dep_ in ("nsubj", "nsubjpass") else None)
            if (country is None and home and noun.kind in ("state", "organ")
                    and lemma not in ("country", "nation", "state", "side", "counterpart")
                    and all(t.lower_ == "the" for t in token.children if t.dep_ == "det")):
                # "OTTAWA — The federal government tabled ...", "the Air Force" in a US story: an
                # unqualified organ is the home state's: the dateline's, else, as the subject of a
                # clause, the story's (an object, "restrictions on officials", may be anyone's)
                country = home
            if country is None:
                if noun.kind in ("state", "organ") and token.dep_ in ("nsubj", "nsubjpass") \
                        and lemma not in ("country", "nation", "state", "side", "counterpart") \
                        and all(t.dep_ == "det" and t.lower_ == "the" for t in token.children if t.i < token.i) \
                        and not any(t.dep_ == "prep" and t.lower_ == "of" for t in token.children):
                    # "Authorities rescued 69 refugees", "Police detained 30 migrants": the state
                    # the article is about, or its organ, known once the article has been read
                    return entities.home_party(noun.kind, noun.sector, noun.label)
                return None
        if country in entities.INTERNATIONAL:
            return None
        function = self._function(token)
        if function is not None:
            ministry = entities.ministry(self.gaz, country, function)
            if lemma == "minister":
                # "Thailand's ministers of defence": ministers are the government's, whatever the ministry
                return Entity(ministry.id, ministry.label, ministry.type, ministry.country, "GOV")
            return ministry
        if noun.kind == "organ":
            return entities.organ(self.gaz, country, noun.sector, noun.label)
        return entities.country(self.gaz, country)

    def _from_mention(
        self, token: Token, mention: Mention, mentions: dict[int, Mention], memory: ArticleMemory, as_place: bool
    ) -> Entity | None:
        doc = token.doc
        kind = mention.kind
        if kind == "REGION":
            if token.tag_ in ("NNPS", "NNS") and token.lower_.endswith(("ans", "ians", "abs", "inos")):
                # "west Africans", "Central Asians": people of a region, a group of no one nationality
                words = [c.text for c in token.lefts if c.dep_ in ("amod", "compound")] + [token.text]
                return entities.group(self.gaz, " ".join(words), None)
            return None
        if kind == "PERSON" or kind == "PERSON_NER":
            return self._person(doc[mention.start:mention.end], mention, mentions, memory)
        if kind == "ORG_NER":
            return entities.unknown_organization(mention.text(doc))
        if kind == "PLACE_NER":
            return entities.place(mention.text(doc), None)
        entry = mention.entries[0]
        if kind == "ADJECTIVE":
            if _counted(token) or _one_of_a_people(token):
                # "40 Sudanese", "hundreds of Chinese", "deported a Syrian": a nationality
                # adjective counted, or one of them, is its people
                return entities.group(self.gaz, "nationals", entry.key)
            # An adjective alone is not a noun phrase head ("the Mexican"); the resolver
            # reaches adjectives through the nouns they modify.
            return None
        if kind == "AGENCY" and entry.country:
            # "Tanzania's Ministry of Home Affairs": the name is another state's agency's (India's
            # MHA); the state named before it owns this one
            name = doc[mention.start:mention.end]
            owner = self._country_of(name.root, mentions, memory, skip=name)
            if owner is not None and owner != entry.country and owner not in entities.INTERNATIONAL:
                function = self._function(name.root)
                if function is not None:
                    return entities.ministry(self.gaz, owner, function)
                return entities.organ(self.gaz, owner, entry.sector or "GOV", "{country} " + entry.label)
        if kind == "CAPITAL" and as_place:
            return entities.country(self.gaz, entry.key)
        if kind in ("CAPITAL", "SEAT") and memory.names_eu and doc[mention.start:mention.end].text == "Brussels":
            # "Brussels will commit more than €210 million" in a story that names the EU: the EU
            # by its seat, as "Washington" is the United States
            return entities.from_entry(self.gaz, self.gaz.forms["EU"][0])
        if kind == "DEMONYM":
            return entities.from_entry(self.gaz, entry)
        return entities.from_entry(self.gaz, entry)

    def _named_by_compounds(self, token: Token, mentions: dict[int, Mention]) -> bool:
        """A capitalized compound that is no country, function or title word makes a name."""
        for child in token.lefts:
            if child.dep_ not in ("compound", "amod") or not child.text[:1].isupper():
                continue
            if mentions.get(child.i) is not None or child.lower_ in function_words() or child.lower_ in self._titles:
                continue
            if child.lower_ in self._nouns or child.lower_ in _BODY_NOUNS or child.ent_type_ in ("DATE", "CARDINAL", "ORDINAL"):
                continue
            return True
        return False

    def _proper_name(self, span: Span, mentions: dict[int, Mention]) -> bool:
        """"Indian Youth Congress" is a name; "Mexico's Foreign Relations Ministry" is a country's organ."""
        for t in span:
            if t.is_punct or t.lower_ in ("the", "of", "'s", "’s", "and", "for"):
                continue
            if mentions.get(t.i) is not None and mentions[t.i].kind != "ORG_NER":
                continue
            lower, lemma = t.lower_, syntax.lemma(t)
            if lower in self._nouns or lemma in self._nouns or lower in _BODY_NOUNS or lemma in _BODY_NOUNS:
                continue
            if lower in function_words() or lower in self._titles:
                continue
            return True
        return False

    def _named_organization(self, span: Span, mentions: dict[int, Mention], home_country: str | None = None) -> Entity:
        """"the Indian Youth Congress", "Britain's Supreme Court": a name, with the country its words
        or its possessor give, and the sector its head noun gives (court: JUD), else the sector
        of an organ word in it ("Border Guard Bangladesh": COP). A state organ of no named country
        ("Zwara Security Directorate" in a story filed from Tripoli) is the dateline country's."""
        countries = {
            m.entries[0].country for i in range(span.start, span.end)
            if (m := mentions.get(i)) is not None and m.entries and m.kind in ("ADJECTIVE", "COUNTRY")
        }
        # a country word the NER swallowed into the name ("Chilean Carabineros", "Indian Youth Congress")
        countries.update(e.country for t in span for e in self.gaz.forms.get(t.text, ())
                         if e.kind in ("ADJECTIVE", "COUNTRY") and e.country and not e.ambiguous)
        for child in span.root.children:
            if child.dep_ in ("poss", "compound", "amod") and not span.start <= child.i < span.end:
                mention = mentions.get(child.i)
                if mention is not None and mention.entries and mention.kind in ("ADJECTIVE", "COUNTRY", "CAPITAL"):
                    countries.add(mention.entries[0].country)
        entity = entities.unknown_organization(span.text)
        ngo = organization_heads().get(span[-1].lower_)
        if ngo is not None:  # "Haitian Bridge Alliance" is an NGO, not Haiti
            return Entity(entity.id, entity.label, entity.type, *ngo)
        head = self._nouns.get(span.root.lemma_.lower()) or self._nouns.get(span.root.lower_.removesuffix("s"))
        if head is None or head.kind != "organ":  # "Border Guard Bangladesh", "Coast Guard Command"
            words = [t.lemma_.lower() for t in span]
            pairs = [f"{a} {b}" for a, b in zip(words, words[1:])]
            head = next((self._nouns[w] for w in pairs + words if w in self._nouns and self._nouns[w].kind == "organ"), head)
        sector = head.sector if head is not None and head.kind == "organ" else None
        if not countries and home_country and sector in _ORGAN_SECTORS:
            countries = {home_country}
        if len(countries) == 1:
            country = countries.pop()
            kind = "GovernmentBody" if sector in _ORGAN_SECTORS else entity.type
            return Entity(entity.id, entity.label, kind, country, sector)
        described = self._described_as(span)
        if described is not None and described.kind == "ngo" and not countries:
            # "the rights group Siena", "the NGO Alarm Phone Sahara": an NGO (PLOVER's code for one of no state)
            return Entity(entity.id, entity.label, entity.type, "NGO", described.sector)
        return Entity(entity.id, entity.label, entity.type, None, sector)

    def _described_as(self, span: Span):
        """The actor noun a name is introduced by ("the rights group Siena", "Siena, a rights group")."""
        words = [t for t in span.root.children if t.dep_ in ("compound", "appos", "nmod") and not span.start <= t.i < span.end]
        if span.root.dep_ == "appos":
            words.append(span.root.head)
        if span.start > 0 and span.doc[span.start - 1].pos_ == "NOUN":
            words.append(span.doc[span.start - 1])  # "local migrant rights group Siena", parsed as two subjects
        for word in words:
            modifiers = [t.lower_ for t in word.lefts if t.dep_ in ("compound", "amod")]
            phrase = " ".join([*modifiers, word.lemma_.lower()])
            for key in (phrase, " ".join(phrase.split()[-2:]), word.lemma_.lower()):
                if key in self._nouns:
                    return self._nouns[key]
        return None

    def _country_near(self, span: Span, mentions: dict[int, Mention], memory: ArticleMemory) -> str | None:
        root = span.root
        heads = [root]
        if root.dep_ == "appos":
            heads.append(root.head)
        for child in root.children:
            if child.dep_ == "appos":
                heads.append(child)
        for head in heads:
            country = self._country_of(head, mentions, memory, skip=span)
            if country:
                return country
        i = span.start - 1
        titled = False
        while i >= 0 and i >= span.start - 5:
            mention = mentions.get(i)
            if mention is not None and mention.kind in ("ADJECTIVE", "COUNTRY", "SEAT", "AGENCY", "ORG"):
                return mention.entries[0].country
            token = span.doc[i]
            if token.pos_ not in ("PROPN", "NOUN", "ADJ", "PART", "PUNCT", "DET"):
                break
            if titled and token.text == ",":
                break  # "persons of Syrian origin, Interior Minister Ioannou": the title's phrase ends at the comma
            titled = titled or token.lower_ in self._titles
            i -= 1
        return None

    def _country_of(
        self, token: Token, mentions: dict[int, Mention], memory: ArticleMemory, skip: Span | None = None
    ) -> str | None:
        """The one country the modifiers of `token` name, or None (none, or several)."""
        if any(c.lower_ == "home" and c.dep_ in ("amod", "compound", "nmod") for c in token.children) and any(
                c.tag_ == "PRP$" for c in token.children):
            # "their home countries refused to take them back": the people's own states, not the
            # state the story last named; known only when the people's nationality is
            seen = memory.last_nationality
            return seen[1] if seen is not None and memory.sentence_index - seen[0] <= 3 else None
        found: list[str] = []
        for child in token.children:
            if skip is not None and skip.start <= child.i < skip.end:
                continue
            if child.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod"):
                found.extend(self._countries_in(child, mentions, memory))
        if not found:  # "the U.S. Embassy in Brasilia" belongs to the U.S.; "officials in Bogota" to Colombia
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "in", "from", "for"):
                    for pobj in child.children:
                        if pobj.dep_ != "pobj":
                            continue
                        found.extend(self._countries_in(pobj, mentions, memory))
                        if syntax.lemma(pobj) in _ORIGIN_NOUNS:  # "individuals of Moroccan nationality"
                            for modifier in pobj.children:
                                if modifier.dep_ in ("amod", "compound", "nmod"):
                                    found.extend(self._countries_in(modifier, mentions, memory))
                        elif child.lower_ == "of" and syntax.lemma(token) in syntax.QUANTITY_HEADS and not found:
                            # "a group of migrants from China": the people counted are Chinese
                            inner = self._country_of(pobj, mentions, memory, skip)
                            found.extend([inner] if inner else [])
        unique = list(dict.fromkeys(found))
        if not unique and token.dep_ == "conj" and token.head.pos_ in ("NOUN", "PROPN"):
            # "Guatemalan police and soldiers": the soldiers are Guatemalan too
            return self._country_of(token.head, mentions, memory, skip)
        return unique[0] if len(unique) == 1 else None

    def _countries_in(self, token: Token, mentions: dict[int, Mention], memory: ArticleMemory) -> list[str]:
        """Countries named by a modifier and its coordinated siblings ("U.S. and Mexican")."""
        result = []
        for t in [token, *token.conjuncts]:
            mention = mentions.get(t.i)
            if mention is not None:
                if mention.kind in ("COUNTRY", "ADJECTIVE", "CAPITAL", "SEAT", "AGENCY", "ORG", "POLICY"):
                    country = mention.entries[0].country
                    if country:
                        result.append(country)
                elif mention.kind in ("PERSON", "PERSON_NER"):
                    person = self._person(t.doc[mention.start:mention.end], mention, mentions, memory)
                    if person is not None and person.country:
                        result.append(person.country)
                elif mention.kind == "PLACE_NER" and ((t.dep_ == "pobj" and t.head.lower_ in ("in", "of"))
                                                       or t.dep_ in ("compound", "poss")):
                    # "police in Aceh", "officials in Tapachula", "the Government of Manipur", "the
                    # Manipur government": the organs of the place's country
                    country = self.gaz.place_country(t.doc[mention.start:mention.end].text)
                    if country:
                        result.append(country)
            elif t.tag_ == "PRP$" and t.lower_ in ("its", "their", "his", "her", "our"):
                state = self._reported_speaker(t, mentions, memory)
                if state is None and t.lower_ in ("its", "their"):
                    state = self._clause_subject(t, mentions, memory) or memory.recent(memory.last_state)
                if state is None and t.lower_ in ("his", "her"):
                    subject = self._clause_subject(t, mentions, memory)
                    state = subject if subject is not None and subject.type == "Person" else memory.recent(memory.last_person)
                if state is None and t.lower_ == "our":
                    state = memory.recent(memory.last_speaker)
                if state is not None and state.country:
                    result.append(state.country)
            elif t.dep_ == "compound":
                # "Greek coast guard officers": the country modifies the compound, not the head
                for inner in t.children:
                    if inner.dep_ in ("amod", "compound", "poss", "nmod") and inner.i < t.i:
                        result.extend(self._countries_in(inner, mentions, memory))
        return result

    def _clause_subject(self, token: Token, mentions: dict[int, Mention], memory: ArticleMemory) -> Entity | None:
        """"Venezuela agreed to receive its nationals": a possessive binds to its clause's subject."""
        head = token.head
        for _ in range(8):
            if head.pos_ in ("VERB", "AUX"):
                subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
                inside = subject is not None and subject.left_edge.i <= token.i <= subject.right_edge.i
                # "the leaders of its government agreed": a subject holding the possessive cannot bind it
                if subject is not None and not inside and subject.tag_ != "PRP":
                    entity = self._entity(subject, mentions, memory, as_place=False)
                    if entity is not None and entity.type in ("Country", "GovernmentBody", "Organization", "Person"):
                        return entity
                if head.dep_ not in ("xcomp", "conj", "ccomp", "advcl", "relcl", "acl", "pcomp"):
                    return None  # ("responded by stating that it had not agreed": through the gerund)
            if head.head.i == head.i:
                return None
            head = head.head
        return None

    def _nationality(self, token: Token, mentions: dict[int, Mention], memory: ArticleMemory) -> str | None:
        country = self._country_of(token, mentions, memory) or self._fled(token, mentions)
        if country in entities.INTERNATIONAL:
            return None
        return country

    def _fled(self, token: Token, mentions: dict[int, Mention]) -> str | None:
        """"refugees fleeing the war in Sudan", "people fleeing Myanmar": the one country they flee."""
        for clause in token.children:
            if clause.dep_ in ("acl", "relcl") and syntax.lemma(clause) in ("flee", "escape"):
                found = {m.entries[0].country for t in clause.subtree if (m := mentions.get(t.i)) is not None
                         and m.kind in ("COUNTRY", "ADJECTIVE") and m.entries and m.entries[0].country}
                return found.pop() if len(found) == 1 else None
        return None

    def _function(self, token: Token) -> str | None:
        """"foreign ministry", "Ministry of Foreign Affairs", "Interior Ministry" → "foreign"/"interior"."""
        if syntax.lemma(token) not in _BODY_NOUNS and token.lower_ not in ("minister", "ministers"):
            return None
        words = function_words()
        phrases = []
        modifiers = [t for t in token.lefts if t.dep_ in ("compound", "amod", "nmod")]
        for k in range(len(modifiers)):
            phrases.append(" ".join(t.lower_ for t in modifiers[k:]))
        for prep in token.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        inner = [t.lower_ for t in pobj.lefts if t.dep_ in ("compound", "amod")] + [pobj.lower_]
                        for k in range(len(inner)):
                            phrases.append(" ".join(inner[k:]))
        for phrase in sorted(phrases, key=len, reverse=True):
            if phrase in words:
                return words[phrase]
            for word in phrase.split():
                if word in words:
                    return words[word]
        return None


def _state_before(token: Token, mentions: dict[int, Mention]) -> str | None:
    """The country if the words before `token` in its sentence name exactly one state (by name,
    adjective, capital, seat, agency or office holder)."""
    found = set()
    for i in range(syntax.sent_start(token), token.i):
        mention = mentions.get(i)
        if mention is None or not mention.entries or mention.start != i:
            continue
        entry = mention.entries[0]
        if mention.kind in ("COUNTRY", "ADJECTIVE", "CAPITAL", "SEAT", "AGENCY", "PERSON") and entry.country:
            if entry.country not in entities.INTERNATIONAL:
                found.add(entry.country)
    return found.pop() if len(found) == 1 else None


__all__ = ["ACTOR_TYPES", "ActorResolver", "ArticleMemory", "Mention"]
