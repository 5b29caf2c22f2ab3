"""A plain subject–verb–object baseline, for measuring what kg's reading adds.

This is the reading the project started from (textacy-style SVO triples with a
country lookup): for every verb with a subject and a direct object, the first
named actor in the subject is the actor, the first in the object the target
(else the object itself), and the verb's lemma looked up in the same lexicon
gives the type. No passives, control, coordination, nominal events, noise
filtering, negation, modality or attribution. It runs on the same parse as kg
(`kg evaluate` parses each text once and gives the docs to both).
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract import entities, lexicon
from kg.extract.actors import ActorResolver, Mention
from kg.extract.syntax import direct_object
from kg.model import Action, Entity, Participant, Statement

_NAMED = ("COUNTRY", "CAPITAL", "SEAT", "ADJECTIVE", "AGENCY", "ORG", "PERSON", "PERSON_NER", "ORG_NER", "DEMONYM")


class BaselineReader:
    def __init__(self, resolver: ActorResolver):
        self.resolver = resolver

    def read(self, parsed, extractor_version: str = "svo-baseline") -> list[Statement]:
        """Statements of a ParsedArticle, noise paragraphs included."""
        statements = []
        article = parsed.article
        for offset, doc in parsed.paragraphs:
            mentions = self.resolver.find_mentions(doc)
            for sent in doc.sents:
                for verb in sent:
                    if verb.pos_ != "VERB":
                        continue
                    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                    obj = direct_object(verb)
                    if subject is None or obj is None:
                        continue
                    actor = self._lookup(subject, mentions)
                    if actor is None:
                        continue
                    coding = lexicon.lookup(verb.lemma_.lower(), "V", ())
                    target = self._lookup(obj, mentions) or Participant(
                        entities.thing(obj.lemma_.lower()), obj.text
                    )
                    statements.append(
                        Statement(
                            article=article.id,
                            sentence=sent.text,
                            char_start=offset + sent.start_char,
                            char_end=offset + sent.end_char,
                            actor=actor,
                            action=Action(
                                verb.text,
                                verb.lemma_.lower(),
                                coding.type if coding else None,
                                coding.cameo if coding else None,
                            ),
                            target=target,
                            extractor=extractor_version,
                            predicate_offset=offset + verb.idx,
                        )
                    )
        return statements

    def _lookup(self, head: Token, mentions: dict[int, Mention]) -> Participant | None:
        """The first named entity anywhere in the phrase: the baseline's "country lookup"."""
        for token in head.subtree:
            mention = mentions.get(token.i)
            if mention is None or mention.kind not in _NAMED:
                continue
            entity = self._entity(mention, token)
            if entity is not None:
                return Participant(entity, token.doc[mention.start:mention.end].text)
        return None

    def _entity(self, mention: Mention, token: Token) -> Entity | None:
        gaz = self.resolver.gaz
        if mention.kind in ("PERSON_NER",):
            return entities.person(token.doc[mention.start:mention.end].text, None, None, None)
        if mention.kind == "ORG_NER":
            return entities.unknown_organization(token.doc[mention.start:mention.end].text)
        entry = mention.entries[0]
        if mention.kind == "PERSON":
            return entities.person(entry.label, entry.country, entry.sector, None)
        return entities.from_entry(gaz, entry)
