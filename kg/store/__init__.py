"""The knowledge store: statements with provenance, as an RDF dataset.

Graphs:

    kgr:graph/article/<id>   one per article: the article, its sentences, its statements
    kgr:graph/entities       every actor, place, policy and thing the statements point to
    kgr:graph/relations      statements merged across articles, and the plain triples
                             (actor plover:reject target) of relations stated as fact
    kgr:graph/network        one node per edge of the network pictures and exports, kept with
                             the relations (kg.store.summary)
    kgr:graph/ontology       ontology/kg.ttl and plover.ttl
    kgr:graph/corrections    analysts' confirmations, rejections, corrections, merges, splits,
                             renames and aliases (kg.corrections): never replaced by a build

Corrections apply wherever statements are written: `replace_article` folds
them into the article graph it writes (a rejected statement is written as a
kg:RejectedStatement, a merged entity's roles name the kept one), and
`apply_corrections` folds them into the statements already stored when the
corrections change. Relations are computed from the folded statements, so
every reader sees the corrections.

Replacing an article (or a batch of them, `replace_articles`, as `kg build`
writes) is one SPARQL update: its graph, the entities only it mentioned, and
the relations its statements touch change together or not at all. The same
update text works on the embedded Oxigraph store and on any SPARQL 1.1
endpoint.

>>> from kg.store import KnowledgeStore
>>> with KnowledgeStore.open("kg-store") as store:
...     print(store.counts())
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

from kg.errors import StoreError
from kg.model import Article, Statement
from kg.resources import ontology_dir
from kg.store import rdf, summary
from kg.store.relations import DEFAULT_WINDOW_DAYS, Support, clusters, relation_triples
from kg.vocab import (
    ID,
    KG,
    ONTOLOGY_GRAPH,
    PREFIXES,
    RELATIONS_GRAPH,
    article_graph,
    article_iri,
    event_class,
    event_property,
    iri_segment,
    statement_iri,
)

ENTITIES_GRAPH = rdf.ENTITIES_GRAPH
ARTICLE_GRAPH_PREFIX = ID + "graph/article/"
_ROLES = ("actor", "target", "destination", "originPlace", "attributedTo")


def is_remote(location: str | os.PathLike) -> bool:
    return str(location).startswith(("http://", "https://"))


@dataclass(frozen=True)
class ArticleState:
    content_hash: str
    extractor_version: str


class KnowledgeStore:
    """An open store: embedded (a folder) or remote (a SPARQL endpoint URL)."""

    def __init__(self, backend, location: str, writable: bool):
        self.backend = backend
        self.location = location
        self.writable = writable
        self._corrections = None  # kg.corrections.fold.CorrectionSet, read on first use
        self._keeps_summary = False  # whether writes keep the network summary (decided on opening to write)

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(
        cls, location: str | os.PathLike, *, write: bool = False, create: bool = False, command: str = "kg"
    ) -> "KnowledgeStore":
        """Open for reading (a snapshot; never blocks) or writing (takes the writer lock).

        Raises StoreNotFound when there is no store and `create` is false,
        StoreLocked when another process writes it.
        """
        if is_remote(location):
            from kg.store.remote import RemoteBackend

            backend = RemoteBackend(str(location))
            shown = backend.url
        else:
            from kg.store.embedded import EmbeddedBackend

            backend = EmbeddedBackend.open(location, write=write, create=create, command=command)
            shown = str(location)
        store = cls(backend, shown, write)
        if write:
            store._ensure_ontology()
            store._ensure_summary()
        return store

    def __enter__(self) -> "KnowledgeStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.backend is not None:
            self.backend.close()
            self.backend = None

    # ------------------------------------------------------------------ reading
    def query(self, sparql: str, union: bool = True):
        """Run SPARQL with kg's prefixes declared; the default graph is the union of all graphs."""
        return self.backend.query(with_prefixes(sparql), union=union)

    def select(self, sparql: str) -> list[dict[str, object]]:
        """SELECT rows as dicts of Python values (str, int, float, bool; None when unbound)."""
        results = self.query(sparql)
        names = [v.value for v in results.variables]
        return [{name: python_value(row[name]) for name in names} for row in results]

    def article_states(self) -> dict[str, ArticleState]:
        rows = self.select(
            """SELECT ?id ?hash ?version WHERE { GRAPH ?g {
                 ?a a kg:Article ; kg:articleId ?id ; kg:contentHash ?hash ; kg:extractorVersion ?version } }"""
        )
        return {row["id"]: ArticleState(row["hash"], row["version"]) for row in rows}

    def counts(self) -> dict[str, int]:
        rows = self.select(
            f"""SELECT
                 (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?s) AS ?statements)
               WHERE {{ {{ GRAPH ?g {{ ?a a kg:Article }} }} UNION {{ GRAPH ?h {{ ?s a kg:Statement }} }} }}"""
        )[0]
        relations = self.select(f"SELECT (COUNT(?r) AS ?n) WHERE {{ GRAPH <{RELATIONS_GRAPH}> {{ ?r a kg:Relation }} }}")[0]
        entities = self.select(f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e rdfs:label ?l }} }}")[0]
        return {
            "articles": int(rows["articles"] or 0),
            "statements": int(rows["statements"] or 0),
            "relations": int(relations["n"] or 0),
            "entities": int(entities["n"] or 0),
        }

    # ------------------------------------------------------------------ writing
    def replace_article(
        self,
        article: Article,
        statements: list[Statement],
        extractor_version: str,
        generated_at: datetime | None = None,
        new: bool = False,
    ) -> None:
        """Write an article's graph, replacing any earlier one, in one transaction.

        `new` says the caller knows the store has no graph for this article yet,
        which saves the queries about the graph being replaced.
        """
        self.replace_articles([(article, statements, new)], extractor_version, generated_at)

    def replace_articles(
        self,
        batch: list[tuple[Article, list[Statement], bool]],
        extractor_version: str,
        generated_at: datetime | None = None,
    ) -> None:
        """Write several articles' graphs, each replacing any earlier one, in one transaction.

        Each item is (article, its statements, new) as for `replace_article`. The store ends
        as if they had been written one by one, in order, but the relations their statements
        touch are recomputed once for the batch, not once per article: the relations of a
        busy (actor, type) pair are most of the cost of a write.
        """
        self._writable()
        # an article twice in one batch: the later copy replaces the earlier, as one by one
        batch = list({article.id: (article, statements, new) for article, statements, new in batch}.values())
        if not batch:
            return
        graphs = [article_graph(article.id) for article, _, _ in batch]
        old_entities: set[str] = set()
        pairs: set[tuple[str, str]] = set()
        for graph, (article, _, new) in zip(graphs, batch):
            if not new:
                old_entities |= self._entities_in(graph)
                pairs |= self._pairs_in(graph)
        operations = [f"DROP SILENT GRAPH <{graph}>" for graph in graphs]
        new_supports: list[Support] = []
        entity_sets: list[dict] = []
        corrected: list[str] = []
        corrections = self.corrections()
        for graph, (article, statements, _) in zip(graphs, batch):
            supports = [
                Support(
                    statement_iri(s.id), article_iri(article.id), s.actor.entity.id, event_class(s.action.type),
                    s.target.entity.id if s.target else None, s.negated, s.modality, s.date,
                    s.destination.entity.id if s.destination else None,
                )
                for s in statements
                if s.action.type
            ]
            entities = rdf.entities_of(statements)
            lines = rdf.article_graph_triples(article, statements, extractor_version, generated_at)
            if corrections:
                lines, supports, entities, folded = self._fold_article(
                    corrections, article, statements, lines, supports, entities)
                corrected += folded
            operations.append("INSERT DATA { GRAPH <%s> {\n%s\n} }" % (graph, "\n".join(lines)))
            new_supports += supports
            entity_sets.append(entities)
        pairs |= {(s.actor, s.event_type) for s in new_supports}
        supports = self._supports(pairs, exclude_graphs=graphs) + new_supports
        operations += [*self._relation_operations(pairs, supports), *self._entity_operations(entity_sets), *corrected]
        orphans = old_entities - {e for entities in entity_sets for e in entities}
        if orphans:
            operations.append(_delete_orphans(orphans))
        self.backend.update(" ;\n".join(operations))

    # ------------------------------------------------------------------ corrections
    def corrections(self):
        """The analysts' corrections (a kg.corrections.fold.CorrectionSet), read once per open store."""
        if self._corrections is None:
            from kg.corrections.fold import CorrectionSet
            from kg.corrections.records import read_all

            self._corrections = CorrectionSet(read_all(self))
        return self._corrections

    def apply_corrections(
        self,
        corrections=None,
        statements: Iterable[str] | None = None,
        *,
        entities: Iterable[str] = (),
        before: Iterable[str] = (),
        after: Iterable[str] = (),
    ) -> int:
        """Fold `corrections` into the stored statements, in one transaction; how many were rewritten.

        `corrections` (a CorrectionSet; default: the store's) is what the corrections graph holds
        once the `before` operations (a record's insert or delete) have run. `statements` (IRIs)
        are the ones a change can concern; None means every statement any correction can concern,
        and every statement folded before (so that a withdrawn correction lets go of them).
        `entities` get their forced description (label, country, sector, aliases) again;
        `after` operations run last (a withdrawn rename restoring the name it replaced).
        """
        from kg.corrections import fold

        self._writable()
        if corrections is None:
            self._corrections = None
            corrections = self.corrections()
        if statements is None:
            statements = self._statements_to_fold(corrections)
        current = self._statement_pairs(sorted(set(statements)))
        rewritten: dict[str, tuple[str, fold.Pairs, fold.Pairs]] = {}
        for subject, (graph, pairs) in current.items():
            folded = corrections.fold(subject, fold.original_pairs(pairs), fold.article_segment(graph))
            wanted = fold.original_pairs(pairs) if folded is None else folded.pairs
            if not fold.same_pairs(wanted, pairs):
                rewritten[subject] = (graph, pairs, wanted)
        operations = list(before)
        old_supports, new_supports, old_entities, new_entities = [], [], set(), set()
        for subject, (graph, pairs, wanted) in rewritten.items():
            article = ID + "article/" + fold.article_segment(graph)
            body = "\n".join(f"<{subject}> {p} {o} ." for p, o in pairs)
            operations.append(f"DELETE DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}")
            body = "\n".join(f"<{subject}> {p} {o} ." for p, o in wanted)
            operations.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}")
            for kept, into, found in ((pairs, old_supports, old_entities), (wanted, new_supports, new_entities)):
                found |= {o[1:-1] for p, o in kept if p in fold.ROLES}
                support = fold.support(subject, article, kept)
                if support is not None:
                    into.append(support)
        pairs_touched = {(s.actor, s.event_type) for s in old_supports + new_supports}
        supports = [s for s in self._supports(pairs_touched) if s.statement not in rewritten] + new_supports
        operations += self._relation_operations(pairs_touched, supports)
        operations += self._entity_operations([self._described_by(corrections, new_entities - self._described(new_entities))])
        if old_entities - new_entities:
            operations.append(_delete_orphans(old_entities - new_entities))
        operations += self._override_operations(corrections, old_entities | new_entities | set(entities))
        operations += list(after)
        if operations:
            try:
                self.backend.update(" ;\n".join(operations))
            except Exception:
                self._corrections = None  # what the store holds is what the next reader reads
                raise
        self._corrections = corrections
        return len(rewritten)

    def _fold_article(self, corrections, article: Article, statements: list[Statement], lines: list[str],
                      supports: list[Support], entities: dict):
        """An article's lines, supports and entities with the corrections folded in (at write time)."""
        from kg.corrections import fold
        from kg.corrections.records import STATEMENT_PREFIX

        touched = set()
        for s in statements:
            roles = [p.entity.id for p in (s.actor, s.target, s.destination, s.origin, s.attributed_to) if p]
            if corrections.touches(s.id, roles):
                touched.add(f"<{STATEMENT_PREFIX}{s.id}>")
        if not touched:
            return lines, supports, entities, self._override_operations(corrections, set(entities))
        grouped: dict[str, fold.Pairs] = {subject: [] for subject in touched}
        kept = []
        for line in lines:
            subject, rest = line.split(" ", 1)
            if subject in grouped:
                p, o = rest[:-2].split(" ", 1)  # each line is "<s> <p> o ."
                grouped[subject].append((p, o))
            else:
                kept.append(line)
        segment = iri_segment(article.id)
        referenced: set[str] = set()
        new_supports = [s for s in supports if f"<{s.statement}>" not in touched]
        for s in statements:
            if f"<{STATEMENT_PREFIX}{s.id}>" not in touched:
                referenced |= {p.entity.id for p in (s.actor, s.target, s.destination, s.origin, s.attributed_to) if p}
        for subject, pairs in grouped.items():
            folded = corrections.fold(subject[1:-1], pairs, segment)
            written = pairs if folded is None else folded.pairs
            kept.extend(f"{subject} {p} {o} ." for p, o in written)
            referenced |= {o[1:-1] for p, o in written if p in fold.ROLES}
            support = fold.support(subject[1:-1], article_iri(article.id), written)
            if support is not None:
                new_supports.append(support)
        described = {e: entity for e, entity in entities.items() if e in referenced}
        described.update(self._described_by(corrections, referenced - set(described) - self._described(referenced - set(described))))
        operations = []
        # the names of an entity merged away are aliases of the one it went into
        aliases = [(corrections.canonical(e), name) for e, entity in entities.items() if e not in referenced
                   and corrections.canonical(e) != e for name in (entity.label, *entity.aliases)]
        if aliases:
            operations.append(_alias_operation(aliases))
        operations += self._override_operations(corrections, referenced)
        return kept, new_supports, described, operations

    def _statements_to_fold(self, corrections) -> set[str]:
        """Every statement a correction can concern, and every one folded before."""
        from kg.corrections.records import STATEMENT_PREFIX

        found = {STATEMENT_PREFIX + s for s in corrections.by_statement}
        rows = self.select(
            f"""SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s ?p ?o VALUES ?p {{ kg:correction kg:extracted }} }}
                  FILTER(STRSTARTS(STR(?g), "{ARTICLE_GRAPH_PREFIX}")) }}"""
        )
        found |= {row["s"] for row in rows}
        sources = sorted(corrections.sources)
        roles = " ".join(f"kg:{role}" for role in _ROLES)
        for start in range(0, len(sources), 200):
            values = " ".join(f"<{e}>" for e in sources[start:start + 200])
            rows = self.select(
                f"""SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ VALUES ?e {{ {values} }} VALUES ?role {{ {roles} }}
                      ?s ?role ?e }} FILTER(STRSTARTS(STR(?g), "{ARTICLE_GRAPH_PREFIX}")) }}"""
            )
            found |= {row["s"] for row in rows}
        return found

    def _statement_pairs(self, statements: list[str]) -> dict[str, tuple[str, list[tuple[str, str]]]]:
        """statement IRI → (its article graph, its (predicate, object) pairs as N-Triples terms)."""
        found: dict[str, tuple[str, list]] = {}
        for start in range(0, len(statements), 500):
            values = " ".join(f"<{s}>" for s in statements[start:start + 500])
            for row in self.query(
                f"""SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ VALUES ?s {{ {values} }} ?s ?p ?o }}
                      FILTER(STRSTARTS(STR(?g), "{ARTICLE_GRAPH_PREFIX}")) }}"""
            ):
                subject = row["s"].value
                graph, pairs = found.setdefault(subject, (row["g"].value, []))
                pairs.append((str(row["p"]), str(row["o"])))
        return found

    def _described(self, entities: set[str]) -> set[str]:
        """Those of `entities` the entities graph describes."""
        found: set[str] = set()
        ordered = sorted(entities)
        for start in range(0, len(ordered), 500):
            values = " ".join(f"<{e}>" for e in ordered[start:start + 500])
            rows = self.select(f"SELECT DISTINCT ?e WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ VALUES ?e {{ {values} }} ?e a ?t }} }}")
            found |= {row["e"] for row in rows}
        return found

    @staticmethod
    def _described_by(corrections, entities: set[str]) -> dict:
        """Entity records for `entities` from the corrections' snapshots (those a correction describes)."""
        from kg.model import ENTITY_TYPES, Entity

        found = {}
        for e in entities:
            d = corrections.descriptions.get(e)
            if d and d.get("label") and d.get("type") in ENTITY_TYPES:
                found[e] = Entity(e, d["label"], d["type"], d.get("country"), d.get("sector"),
                                  tuple(d.get("aliases") or ()))
        return found

    @staticmethod
    def _override_operations(corrections, entities: set[str]) -> list[str]:
        """Force what entity corrections say (label, country, sector, aliases) on the described entities."""
        chosen = {e: corrections.overrides[e] for e in sorted(entities) if e in corrections.overrides}
        if not chosen:
            return []
        single, aliases = [], []
        for e, override in chosen.items():
            for predicate, value in ((rdf.RDFS_LABEL, override.label), (KG + "countryCode", override.country),
                                     (KG + "sector", override.sector)):
                if value:
                    single.append(f"(<{e}> <{predicate}> {rdf.literal(value)})")
            aliases += [(e, name) for name in sorted(override.aliases)]
        operations = []
        if single:
            values = " ".join(single)
            operations += [
                f"""DELETE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e ?p ?old }} }} WHERE {{
                      VALUES (?e ?p ?new) {{ {values} }} GRAPH <{ENTITIES_GRAPH}> {{ ?e ?p ?old }} FILTER(?old != ?new) }}""",
                f"""INSERT {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e ?p ?new }} }} WHERE {{
                      VALUES (?e ?p ?new) {{ {values} }} GRAPH <{ENTITIES_GRAPH}> {{ ?e a ?type }} }}""",
            ]
        if aliases:
            operations.append(_alias_operation(aliases))
        return operations

    def remove_article(self, article_id: str) -> bool:
        """Delete an article and everything only it supported; False if it was not there."""
        self._writable()
        graph = article_graph(article_id)
        exists = self.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        if not bool(exists):
            return False
        old_entities = self._entities_in(graph)
        pairs = self._pairs_in(graph)
        supports = self._supports(pairs, exclude_graphs=[graph])
        operations = [f"DROP SILENT GRAPH <{graph}>", *self._relation_operations(pairs, supports)]
        if old_entities:
            operations.append(_delete_orphans(old_entities))
        self.backend.update(" ;\n".join(operations))
        return True

    def update(self, sparql: str) -> None:
        self._writable()
        self.backend.update(with_prefixes(sparql))

    def rebuild_relations(self, window_days: int | None = None) -> int:
        """Recompute every relation (after a change of date window); returns how many there are."""
        self._writable()
        if window_days is not None:
            self.backend.save_settings(window_days=window_days)
        pairs = {
            (row["a"], row["t"])
            for row in self.select("SELECT DISTINCT ?a ?t WHERE { GRAPH ?g { ?s kg:actor ?a ; kg:eventType ?t } }")
        }
        # every pair recomputed: the network summary is whole again, whatever the store held before
        self._keeps_summary = True
        operations = [f"DROP SILENT GRAPH <{RELATIONS_GRAPH}>", f"DROP SILENT GRAPH <{summary.NETWORK_GRAPH}>",
                      *self._relation_operations(pairs, self._supports(pairs), dropped=True),
                      f"INSERT DATA {{ GRAPH <{summary.NETWORK_GRAPH}> {{ {summary.marker_triple()} }} }}"]
        self.backend.update(" ;\n".join(operations))
        return self.counts()["relations"]

    def publish(self, every_seconds: float = 0.0) -> None:
        """Let readers see what is committed (embedded stores publish a snapshot)."""
        if every_seconds:
            self.backend.maybe_publish(every_seconds)
        else:
            self.backend.publish()

    @property
    def window_days(self) -> int:
        return int(self.backend.settings().get("window_days", DEFAULT_WINDOW_DAYS))

    # ------------------------------------------------------------------ import / export
    def export(self, output, fmt) -> None:
        """The whole dataset in a quad format (TriG, N-Quads) to a path or binary file."""
        self.backend.dump(output, fmt)

    def import_dataset(self, source, fmt) -> None:
        """Load a TriG/N-Quads dump (as written by `export`) into this store.

        Into an embedded store that holds no article yet, a file goes through Oxigraph's bulk
        loader: several times faster and lighter than one transaction, but not atomic; an
        interrupted import leaves a store to delete and import again (there was nothing in it).
        Into a store with articles, the load is one transaction.
        """
        self._writable()
        empty = not bool(self.query("ASK { GRAPH ?g { ?a a kg:Article } }"))
        # whether the network summary is whole is for the file to say (a dump of a store that kept it
        # carries its marker); a file loaded beside other articles leaves it whole for neither
        self.backend.update(_DROP_MARKER)
        if empty and self.backend.kind == "embedded" and isinstance(source, (str, os.PathLike)):
            self.backend.bulk_load(source, fmt)
        else:
            self.backend.load(source, fmt)
        if not empty:
            self.backend.update(f"DROP SILENT GRAPH <{summary.NETWORK_GRAPH}>")
        self._keeps_summary = bool(self.query(summary.MARKED))

    def rdflib_dataset(self):
        """This store as an rdflib Dataset (embedded stores only; through oxrdflib)."""
        if self.backend.kind != "embedded":
            raise StoreError("an rdflib view is available for embedded stores; query remote ones with SPARQL")
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        return Dataset(store=OxigraphStore(store=self.backend.store))

    # ------------------------------------------------------------------ internals
    def _writable(self) -> None:
        if not self.writable:
            raise StoreError(f"store {self.location} was opened read-only")

    def _ensure_ontology(self) -> None:
        """Load the ontology into its graph when the store is new or the ontology changed."""
        files = [ontology_dir() / "kg.ttl", ontology_dir() / "plover.ttl"]
        digest = hashlib.sha256(b"".join(p.read_bytes() for p in files)).hexdigest()[:16]
        current = self.query(
            f'ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ <{ONTOLOGY_GRAPH}> kg:digest "{digest}" }} }}'
        )
        if bool(current):
            return
        import pyoxigraph

        lines = []
        for path in files:
            for triple in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE):
                lines.append(f"{triple.subject} {triple.predicate} {triple.object} .")
        lines.append(f'<{ONTOLOGY_GRAPH}> <{KG}digest> "{digest}" .')
        self.backend.update(
            f"DROP SILENT GRAPH <{ONTOLOGY_GRAPH}> ;\nINSERT DATA {{ GRAPH <{ONTOLOGY_GRAPH}> {{\n"
            + "\n".join(lines)
            + "\n} }"
        )

    def _ensure_summary(self) -> None:
        """Decide whether writes keep the network summary: yes when it is whole (its marker is there),
        or when the store is empty (then it is whole at once). A store written before kg kept it, or
        by an older summary version, keeps none until `kg rebuild-relations`; readers use its relations."""
        if bool(self.query(summary.MARKED)):
            self._keeps_summary = True
            return
        empty = not bool(self.query(
            f"ASK {{ {{ GRAPH ?g {{ ?a a kg:Article }} }} UNION {{ GRAPH <{RELATIONS_GRAPH}> {{ ?r ?p ?o }} }} }}"))
        if empty:
            self.backend.update(f"{_DROP_MARKER} ;\nINSERT DATA {{ GRAPH <{summary.NETWORK_GRAPH}> {{ {summary.marker_triple()} }} }}")
        self._keeps_summary = empty

    def _entities_in(self, graph: str) -> set[str]:
        roles = " ".join(f"kg:{role}" for role in _ROLES)
        rows = self.select(
            f"SELECT DISTINCT ?e WHERE {{ GRAPH <{graph}> {{ ?s ?role ?e VALUES ?role {{ {roles} }} }} }}"
        )
        return {row["e"] for row in rows}

    def _pairs_in(self, graph: str) -> set[tuple[str, str]]:
        rows = self.select(f"SELECT DISTINCT ?a ?t WHERE {{ GRAPH <{graph}> {{ ?s kg:actor ?a ; kg:eventType ?t }} }}")
        return {(row["a"], row["t"]) for row in rows}

    def _supports(self, pairs: Iterable[tuple[str, str]], exclude_graphs: Iterable[str] = ()) -> list[Support]:
        """Every typed statement of the given (actor, type) pairs, in all article graphs but `exclude_graphs`."""
        pairs = sorted(pairs)
        if not pairs:
            return []
        values = " ".join(f"(<{a}> <{t}>)" for a, t in pairs)
        excluded = ", ".join(f"<{graph}>" for graph in exclude_graphs)
        exclude = f"FILTER(?g NOT IN ({excluded}))" if excluded else ""
        # the destination only for the network summary: about 8% of this query's time
        destination = "OPTIONAL { ?s kg:destination ?destination }" if self._keeps_summary else ""
        rows = self.select(
            f"""SELECT ?s ?g ?a ?t ?target ?negated ?modality ?date ?destination WHERE {{
                  VALUES (?a ?t) {{ {values} }}
                  GRAPH ?g {{ ?s kg:actor ?a ; kg:eventType ?t ; kg:negated ?negated ; kg:modality ?modality .
                             OPTIONAL {{ ?s kg:target ?target }} OPTIONAL {{ ?s kg:date ?date }} {destination} }}
                  {exclude} }}"""
        )
        return [
            Support(
                row["s"], ID + "article/" + row["g"][len(ARTICLE_GRAPH_PREFIX):], row["a"], row["t"],
                row["target"], bool(row["negated"]), row["modality"], row["date"], row["destination"],
            )
            for row in rows
        ]

    def _relation_operations(self, pairs: set[tuple[str, str]], supports: list[Support], dropped: bool = False) -> list[str]:
        """Delete the relations of the (actor, type) pairs and insert them recomputed, and the pairs'
        network edges with them (`supports`: every statement of the pairs; `dropped`: the update
        drops the relations and summary graphs first)."""
        if not pairs:
            return []
        values = " ".join(f"(<{a}> <{t}>)" for a, t in sorted(pairs))
        plain = " ".join(f"(<{a}> <{event_property(t.rsplit('#', 1)[1].upper())}>)" for a, t in sorted(pairs))
        operations = [
            f"""DELETE {{ GRAPH <{RELATIONS_GRAPH}> {{ ?r ?p ?o }} }} WHERE {{
                  VALUES (?a ?t) {{ {values} }}
                  GRAPH <{RELATIONS_GRAPH}> {{ ?r <{KG}actor> ?a ; <{KG}eventType> ?t ; ?p ?o }} }}""",
            f"""DELETE {{ GRAPH <{RELATIONS_GRAPH}> {{ ?a ?p ?x }} }} WHERE {{
                  VALUES (?a ?p) {{ {plain} }} GRAPH <{RELATIONS_GRAPH}> {{ ?a ?p ?x }} }}""",
        ]
        by_key: dict[tuple, list[Support]] = {}
        for support in supports:
            by_key.setdefault(support.key, []).append(support)
        lines: list[str] = []
        groups: list[list[Support]] = []
        window = self.window_days
        for key in sorted(by_key):
            for group in clusters(by_key[key], window):
                groups.append(group)
                lines.extend(relation_triples(group))
        if lines:
            operations.append("INSERT DATA { GRAPH <%s> {\n%s\n} }" % (RELATIONS_GRAPH, "\n".join(dict.fromkeys(lines))))
        if self._keeps_summary:
            stored = [] if dropped else [(row[0].value, row[1].value, str(row[2]))
                                         for row in self.query(summary.stored_query(pairs))]
            operations += summary.operations(groups, supports, stored)
        return operations

    def _entity_operations(self, entity_sets: list[dict]) -> list[str]:
        """Describe the entities once: multi-valued facts added, single-valued ones only if missing.

        Of several descriptions of one entity (one per article of a batch), the first gives
        its single-valued facts, as it would have written one article at a time.
        """
        multi, single, seen = [], [], set()
        for entities in entity_sets:
            for entity in entities.values():
                for predicate, obj, single_valued in rdf.entity_facts(entity):
                    if not single_valued:
                        multi.append((entity.id, predicate, obj))
                    elif (entity.id, predicate) not in seen:
                        seen.add((entity.id, predicate))
                        single.append((entity.id, predicate, obj))
        multi = list(dict.fromkeys(multi))
        operations = []
        if multi:
            body = "\n".join(f"<{s}> <{p}> {o} ." for s, p, o in multi)
            operations.append(f"INSERT DATA {{ GRAPH <{ENTITIES_GRAPH}> {{\n{body}\n}} }}")
        if single:
            values = "\n".join(f"(<{s}> <{p}> {o})" for s, p, o in single)
            operations.append(
                f"""INSERT {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e ?p ?o }} }} WHERE {{
                      VALUES (?e ?p ?o) {{ {values} }}
                      FILTER NOT EXISTS {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e ?p ?any }} }} }}"""
            )
        return operations


_DROP_MARKER = f"DELETE WHERE {{ GRAPH <{summary.NETWORK_GRAPH}> {{ <{summary.NETWORK_GRAPH}> <{KG}summaryVersion> ?v }} }}"


def _alias_operation(aliases: list[tuple[str, str]]) -> str:
    """Add skos:altLabel names to the entities the entities graph describes."""
    values = " ".join(f"(<{e}> {rdf.literal(name)})" for e, name in sorted(set(aliases)))
    return f"""INSERT {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e <{rdf.SKOS_ALT}> ?name }} }} WHERE {{
          VALUES (?e ?name) {{ {values} }} GRAPH <{ENTITIES_GRAPH}> {{ ?e a ?type }} }}"""


def _delete_orphans(candidates: set[str]) -> str:
    """Delete the descriptions of entities no article graph points to any more."""
    values = " ".join(f"<{e}>" for e in sorted(candidates))
    roles = " ".join(f"<{KG}{role}>" for role in _ROLES)
    return f"""DELETE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e ?p ?o }} }} WHERE {{
          VALUES ?e {{ {values} }}
          GRAPH <{ENTITIES_GRAPH}> {{ ?e ?p ?o }}
          FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?role ?e VALUES ?role {{ {roles} }} }}
                               FILTER(STRSTARTS(STR(?g), "{ARTICLE_GRAPH_PREFIX}")) }} }}"""


def with_prefixes(sparql: str) -> str:
    """Declare kg's prefixes (kg:, kgr:, plover:, cameo:, prov:, ...) unless the query redeclares them."""
    declared = {line.split()[1].rstrip(":").lower() for line in sparql.splitlines() if line.strip().upper().startswith("PREFIX") and len(line.split()) > 1}
    head = "".join(f"PREFIX {name}: <{uri}>\n" for name, uri in PREFIXES.items() if name not in declared)
    return head + sparql


def python_value(term) -> object:
    """An Oxigraph term as a Python value: IRIs and strings as str, numbers and booleans typed."""
    if term is None:
        return None
    value = term.value
    datatype = getattr(term, "datatype", None)
    if datatype is not None:
        kind = datatype.value.rsplit("#", 1)[-1]
        if kind in ("integer", "long", "int", "nonNegativeInteger"):
            return int(value)
        if kind in ("decimal", "double", "float"):
            return float(value)
        if kind == "boolean":
            return value == "true"
    return value


__all__ = ["ArticleState", "KnowledgeStore", "is_remote", "python_value", "with_prefixes"]
