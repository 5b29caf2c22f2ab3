"""Pronouns and possessives: who "he", "it", "they", "we" and "their" stand for.

A mixin of kg.extract.actors.ActorResolver, kept apart because the choices are
discourse, not lexicon: "he" continues the previous sentence's subject rather
than the last person named, "it" is bound by the subject of the clause above
it, "we" is the speaker, "they" the group just named, and "their" after two
sides is theirs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.extract import syntax
from kg.extract.discourse import ArticleMemory, pair
from kg.model import Entity

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.mentions import Mention

PRONOUNS_PERSON = {"he", "she", "him", "her", "his", "hers"}
_PRONOUNS_STATE = {"it", "its"}
_PRONOUNS_PLURAL = {"they", "them", "their"}
_PRONOUNS_SPEAKER = {"we", "our", "us"}


def _expletive(pronoun: Token) -> bool:
    """"Trump has found it necessary to increase the tariff": "it" stands for the infinitive
    under the adjective, whose doer is the one who finds it so."""
    head = pronoun.head
    return pronoun.dep_ == "nsubj" and head.pos_ == "ADJ" and any(
        c.dep_ in ("advcl", "xcomp") and any(t.dep_ == "aux" and t.lower_ == "to" for t in c.children)
        for c in head.children)


class PronounResolution:
    """The pronoun steps of ActorResolver (which supplies _clause_subject, _person_at, _entity,
    _last_mentions)."""

    def _fronted_subject(self, token: Token, memory: ArticleMemory) -> Entity | None:
        """"Although India is not a signatory, it has given shelter ...": the subject of a clause
        fronted before the pronoun's own clause."""
        if token.dep_ != "nsubj":
            return None
        for clause in token.head.children:
            if clause.dep_ == "advcl" and clause.i < token.i:
                subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ != "PRP"), None)
                if subject is not None:
                    return self._entity(subject, self._last_mentions, memory, as_place=False)
        return None

    def _pronoun(self, token: Token, memory: ArticleMemory) -> Entity | None:
        lower = token.lower_
        if lower in PRONOUNS_PERSON:
            ahead = self._cataphora(token, memory)
            if ahead is not None:
                return ahead
            previous = self._previous_subject(token, memory)
            if previous is not None:
                return previous
            return memory.recent_person(before=token.i)
        if lower in _PRONOUNS_STATE:
            # "Panama denied migrants it had received were held": bound by the clause above it
            bound = self._clause_subject(token, self._last_mentions, memory) or self._fronted_subject(token, memory)
            if bound is not None and bound.type in ("Country", "GovernmentBody", "Organization"):
                return bound
            return memory.recent(memory.last_state)
        if lower in _PRONOUNS_SPEAKER:
            return memory.recent(memory.last_speaker)
        if lower == "their" and self._owned_by_both_sides(token, memory):
            return None  # "the two countries agreed to enhance their cooperation": their own, no third party
        if lower in ("them", "they", "their"):
            group = self._group_before(token, memory)
            if group is not None:
                return group
        if lower == "they" and token.dep_ == "nsubjpass":
            # "Police detained dozens of Ethiopians. They were placed in detention": what is done
            # to "they" was done to the people just named, not by the subject before
            people = memory.recent(memory.last_people, window=1)
            if people is not None:
                return people
        if lower in _PRONOUNS_PLURAL:
            subject = memory.recent(memory.last_subject, window=1)
            if subject is not None and subject.type in ("Country", "GovernmentBody", "Organization"):
                return subject
        if lower == "they" and token.dep_ == "nsubjpass":
            # "The trio were detained. All three are offenders. 'They will be sent to Nauru'": with no
            # state just before either, the people named a little earlier
            return memory.recent(memory.last_people, window=2)
        return None

    def _owned_by_both_sides(self, pronoun: Token, memory: ArticleMemory) -> bool:
        """A possessive "their" in a clause whose subject is two sides ("Spain and Morocco",
        "the two countries") is bound by that subject."""
        if pronoun.dep_ != "poss":
            return False
        verb = pronoun.head
        while verb.pos_ not in syntax.VERB_POS and verb.dep_ != "ROOT":
            verb = verb.head
        for subject in syntax.subject_tokens(verb):
            if subject.conjuncts or pair(subject, memory):
                return True
        return False

    def _previous_subject(self, pronoun: Token, memory: ArticleMemory) -> Entity | None:
        """"Noem went to San Salvador to talk with Bukele. ... she thanked El Salvador": a subject
        pronoun continues the previous sentence's subject, not the last person named, unless a
        person is already the subject of a clause before it in its own sentence."""
        if pronoun.dep_ not in ("nsubj", "nsubjpass") or memory.last_subject is None:
            return None
        index, subject = memory.last_subject
        if subject.type != "Person" or memory.sentence_index - index != 1:
            return None
        for token in pronoun.doc[syntax.sent_start(pronoun):pronoun.i]:
            if token.dep_ in ("nsubj", "nsubjpass") and self._person_at(token, memory) is not None:
                return None
        return subject

    def _reported_speaker(self, pronoun: Token, mentions: dict[int, Mention], memory: ArticleMemory) -> Entity | None:
        """"Mexico said it would …", "Abinader said his government will …": in reported speech,
        the pronoun is the speaker (a person for he/his/she/her, any actor for it/they/we)."""
        token = pronoun
        for _ in range(10):
            if token.head.i == token.i:
                return None
            if token.dep_ == "ccomp" and token.head.pos_ == "VERB":
                from kg.extract.lexicon import reporting_verbs

                if syntax.lemma(token.head) in reporting_verbs():
                    speaker = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
                    if speaker is None or speaker.tag_ == "PRP":
                        return None
                    entity = self._entity(speaker, mentions, memory, as_place=False)
                    if entity is None:
                        return None
                    if pronoun.lower_ in PRONOUNS_PERSON:
                        return entity if entity.type == "Person" else None
                    if pronoun.lower_ in _PRONOUNS_PLURAL and entity.type == "Person":
                        return None  # "Mulino said … they had refused": they are not Mulino
                    if pronoun.lower_ in ("it", "its") and entity.type == "Person" and not _expletive(pronoun):
                        return None  # "Chaudhry said … removing it would be difficult": a thing, not him
                    return entity
                return None
            token = token.head
        return None

    def _group_before(self, pronoun: Token, memory: ArticleMemory) -> Entity | None:
        """"A flight carrying 135 migrants landed, and authorities bused them": the nearest group before."""
        for i in range(pronoun.i - 1, syntax.sent_start(pronoun) - 1, -1):
            candidate = pronoun.doc[i]
            if candidate.pos_ in ("NOUN", "PROPN") and syntax.lemma(candidate) in self._nouns and self._nouns[syntax.lemma(candidate)].kind == "group":
                return self._structural(candidate, self._last_mentions, memory)
            mention = self._last_mentions.get(candidate.i)
            if mention is not None and mention.kind == "DEMONYM" and candidate.tag_ in ("NNS", "NNPS") \
                    and candidate.dep_ != "compound":
                # "cracking down on undocumented Syrians, arresting them": the people just named
                people = self._entity(candidate, self._last_mentions, memory, False)
                if people is not None and people.type == "PopulationGroup":
                    return people
        return memory.recent(memory.last_group, window=1)

    def _cataphora(self, pronoun: Token, memory: ArticleMemory) -> Entity | None:
        """"Despite her opposition …, Sheinbaum has remained open": the pronoun points ahead to the subject."""
        root = pronoun
        while root.head.i != root.i:
            root = root.head  # the sentence's root, without spaCy's walk of the whole sentence
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.i <= pronoun.i or pronoun.head.i == subject.i:
            return None
        return None if subject.tag_ in ("PRP",) else self._person_at(subject, memory)
