"""People: who a name or a title stands for (a mixin of kg.extract.actors.ActorResolver).

"Colombian President Gustavo Petro", later "Petro", "the Colombian president": one person,
with the country and sector the title and the words around the name give, a dated office
from the people lexicons, or a person the article has already named by the same name (a
surname, a hyphenated part, a surname with its particles). Kept apart from the actors
module because these are the steps of names and offices, not of noun phrases.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract import entities, syntax
from kg.extract.discourse import ArticleMemory
from kg.extract.gazetteer import name_key
from kg.extract.mentions import Mention
from kg.model import Entity


class PersonResolution:
    """The person steps of ActorResolver (which supplies gaz, _titles, _resolving,
    _last_mentions, _country_near and _country_of)."""

    @staticmethod
    def _person_named_before(token: Token, memory: ArticleMemory) -> Entity | None:
        """"Abike Dabiri-Erewa spoke ... Dabiri-Erewa condemned Libya": a name the tagger no longer
        sees as a person's is the person the article has named by it (hyphenated parts joined)."""
        if token.pos_ != "PROPN":
            return None
        start = token.i
        while start > 0 and token.doc[start - 1].tag_ in ("HYPH", "NNP") and token.doc[start - 1].head.i == token.i:
            start -= 1
        for text in (token.doc[start:token.i + 1].text, token.text):
            known = memory.person_names.get(name_key(text.replace(" - ", "-")))
            if known is not None:
                memory.mark_person(known, token.i)
                return known
        return None

    def _person_at(self, token: Token, memory: ArticleMemory) -> Entity | None:
        mentions = self._last_mentions
        mention = mentions.get(token.i) if mentions else None
        if mention is not None and mention.kind in ("PERSON", "PERSON_NER"):
            return self._person(token.doc[mention.start:mention.end], mention, mentions, memory)
        return None

    def _person(self, span: Span, mention: Mention, mentions: dict[int, Mention], memory: ArticleMemory) -> Entity | None:
        # Two people in each other's apposition ("President Biden and President López
        # Obrador") would send the country search round in circles: resolve each once.
        if span.start in self._resolving:
            return None
        self._resolving.add(span.start)
        try:
            return self._person_once(span, mention, mentions, memory)
        finally:
            self._resolving.discard(span.start)

    def _person_once(self, span: Span, mention: Mention, mentions: dict[int, Mention], memory: ArticleMemory) -> Entity | None:
        name = span.text.strip()
        known = memory.person_names.get(name_key(name))
        if known is not None:
            memory.mark_person(known, span.start)
            return known
        title = self._title_near(span)
        country = self._country_near(span, mentions, memory)
        if mention.kind in ("PERSON", "PERSON_NER"):
            # the tagger's persons too: "Foreign Secretary de La Fuente", written as no alias is
            people = {p.id: p for p in self.gaz.people_named(name, memory.day)} if mention.kind == "PERSON_NER" else {
                p.id: p for entry in mention.entries for p in self.gaz.people_named(name, memory.day)}
            if len(people) > 1 and country:
                people = {k: p for k, p in people.items() if p.country == country}
            if len(people) == 1:
                known_person = next(iter(people.values()))
                entity = entities.known_person(known_person)
                if known_person.id.startswith("petrarch-"):
                    entity = self._dated(entity, known_person, title, country, memory)
                elif title and self._titles[title][0] != entity.sector:
                    # the title the text gives is the office now ("Opposition leader Peter Dutton",
                    # a minister once): its sector wins over the lexicon's dated role, not the country
                    sector, role = self._titles[title]
                    entity = Entity(entity.id, entity.label, "Person", entity.country, sector, role=role)
                memory.remember_person(entity, name, span.start)
                return entity
        sector, role = (self._titles[title] if title else (self._described_sector(span), None))
        if title and country is None and sector in ("GOV", "LEG", "MIL", "COP", "JUD"):
            # "Prime Minister Petteri Orpo" in a Finnish story: an office of the story's state, or of
            # the one state whose holder of the office the article has named
            country = memory.role_country(role) or memory.home()
        entity = entities.person(name, country, sector if country else sector, role)
        if entity.country is None and entity.sector is None and role is None:
            entity = entities.person(name, None, None, None)
        memory.remember_person(entity, name, span.start)
        return entity

    def _described_sector(self, span: Span) -> str | None:
        """"Salinas-Chavez, a 35-year-old Salvadoran national", "Ahmad, a Syrian refugee": a person
        the text describes as one of a people is of that people's sector (REF for migrants)."""
        root = span.root
        described = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
        for noun in described:
            entry = self._nouns.get(syntax.lemma(noun))
            if entry is not None and entry.kind == "group":
                return entry.sector
        return None

    def _dated(self, entity: Entity, known, title: str | None, country: str | None, memory: ArticleMemory) -> Entity:
        """A person known from PETRARCH's dictionaries (roles up to about 2015): the title the
        text gives wins over the role; a role over by the article's day makes a former official."""
        if title:
            sector, role = self._titles[title]
            return Entity(entity.id, entity.label, "Person", country or entity.country, sector, role=role)
        if not known.active_on(memory.day):
            return Entity(entity.id, entity.label, "Person", entity.country, "ELI")
        return entity

    def _titled_person(self, token: Token, title: str, mentions: dict[int, Mention], memory: ArticleMemory) -> Entity | None:
        """"the Colombian president", "Panama's President", "the president": a known office holder."""
        sector, role = self._titles[title]
        country = self._country_of(token, mentions, memory)
        if country is None:
            if token.dep_ in ("compound",):
                return None
            # "the Secretary", "the acting secretary", "the minister": the latest person named
            # whose office the title names (Rubio, secretary of state, for "the Secretary")
            return memory.recent_person_with_role(role)
        known = memory.person_roles.get((role, country))
        if known is not None:
            return known
        holder = self.gaz.office_holder(role, country, memory.day)
        if holder is not None:
            entity = entities.known_person(holder)
            memory.remember_person(entity, None, token.i)
            return entity
        label = f"{role.capitalize()} of {self.gaz.country_label(country)}"
        memory.note_role(role, country)
        return entities.person(label, country, sector, role)

    def _title(self, token: Token) -> str | None:
        """The title this head token ends ("secretary of state", "foreign minister", "president")."""
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        words = [token.lower_]
        candidates = []
        left = [t for t in token.lefts if t.dep_ in ("compound", "amod")]
        for t in reversed(left):
            words.insert(0, t.lower_)
            candidates.append(" ".join(words))
        candidates.insert(0, token.lower_)
        for prep in token.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        candidates.append(f"{token.lower_} of {pobj.lower_}")
        found = [c for c in candidates if c in self._titles]
        return max(found, key=len) if found else None

    def _title_near(self, span: Span) -> str | None:
        root = span.root
        for t in list(root.lefts):
            if t.i < span.start and t.dep_ == "compound":
                title = self._title(t)
                if title:
                    return title
        if root.dep_ == "appos":
            title = self._title(root.head)
            if title:
                return title
        for child in root.children:
            if child.dep_ == "appos":
                title = self._title(child)
                if title:
                    return title
        # "Acting Defense Secretary Robert Salesses": title words just before the name
        words = []
        i = span.start - 1
        while i >= 0 and span.doc[i].pos_ in ("PROPN", "NOUN", "ADJ") and len(words) < 4:
            words.insert(0, span.doc[i].lower_)
            i -= 1
        for k in range(len(words)):
            phrase = " ".join(words[k:])
            if phrase in self._titles:
                return phrase
        return None
