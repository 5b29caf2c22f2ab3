"""The network's edges read from the store's network summary (kg.store.summary), not its relations.

kg.query.export.typed_network reads here when the store keeps a whole summary
(its marker is there: every build, removal and correction since the store was
created, or since `kg rebuild-relations`, kept it) and the filters take or
leave whole edges. Types, negation and countries do; a date range does not (it
keeps some of an edge's relations and not others), so --since and --until
read the relations, as does a store without a summary.

An edge's weight is its own count of articles. The weight of a pair of nodes
(what a picture sizes and lays out nodes by) is the number of articles behind
any of its edges, which counts cannot give: for a pair with one edge it is that
edge's weight, for the others the union of their edges' article links.
"""

from __future__ import annotations

from kg.store.summary import EDGE_CLASS, MARKED, NETWORK_GRAPH, NetworkEdge
from kg.vocab import KG, event_class


def answers(filters) -> bool:
    """Whether the summary gives the network for these filters exactly (kg.query.export.Filters)."""
    return not filters.since and not filters.until


def kept(store) -> bool:
    """Whether the store holds a whole network summary of the version this kg writes."""
    return bool(store.query(MARKED))


def edges(store, filters) -> tuple[list[tuple[NetworkEdge, int]], dict[tuple[str, str], int]]:
    """The edges the filters keep, each with its weight, and the pairs' weights (see the module docstring).

    Countries are not applied here: they choose nodes by their description, after.
    """
    wanted = {event_class(t) for t in filters.types}
    found: dict[str, tuple[NetworkEdge, int]] = {}
    every = 0
    for row in store.select(
        f"""SELECT ?e ?a ?type ?t ?negated ?sources ?relations ?statements ?sum WHERE {{
              GRAPH <{NETWORK_GRAPH}> {{ ?e a <{EDGE_CLASS}> ; kg:actor ?a ; kg:eventType ?type ; kg:target ?t ;
                kg:negated ?negated ; kg:sourceCount ?sources ; kg:relationCount ?relations ;
                kg:statementCount ?statements ; kg:sourceSum ?sum }} }}"""
    ):
        every += 1
        if (row["negated"] and not filters.include_negated) or (wanted and row["type"] not in wanted):
            continue
        edge = NetworkEdge(row["a"], row["type"], row["t"], bool(row["negated"]), relations=int(row["relations"]),
                           statements=int(row["statements"]), source_sum=int(row["sum"]))
        found[row["e"]] = (edge, int(row["sources"]))
    for subject, values in _lists(store, "polarity", list(found), every):
        found[subject][0].polarities.update(values)
    for subject, values in _lists(store, "via", list(found), every):
        found[subject][0].roles.update(values)
    for subject, values in _lists(store, "spell", list(found), every):
        found[subject][0].spells.update(tuple(value.split("/")) for value in values)
    by_pair: dict[tuple[str, str], list[str]] = {}
    for subject, (edge, _) in found.items():
        by_pair.setdefault((edge.actor, edge.target), []).append(subject)
    pair_weights = {pair: found[members[0]][1] for pair, members in by_pair.items() if len(members) == 1}
    shared = [subject for members in by_pair.values() if len(members) > 1 for subject in members]
    articles: dict[tuple[str, str], set[str]] = {}
    for subject, values in _lists(store, "reportedIn", shared, every):
        edge = found[subject][0]
        articles.setdefault((edge.actor, edge.target), set()).update(values)
    pair_weights.update({pair: len(union) for pair, union in articles.items()})
    return list(found.values()), pair_weights


def _lists(store, name: str, subjects: list[str], every: int):
    """(edge, its values of the many-valued property kg:`name`) for the edges `subjects`, of `every` edges.

    Each edge's values come joined in one string (Oxigraph joins them in about half the time it takes
    to hand over a row per value: 44k spells, 70 ms at 100k statements; none holds a space). For most
    of the edges the whole graph is read, as asking for the edges by name costs more than the rest.
    """
    if not subjects:
        return
    wanted = set(subjects)
    if 2 * len(subjects) > every:
        chunks = [""]
    else:
        chunks = ["VALUES ?e { " + " ".join(f"<{s}>" for s in subjects[start:start + 500]) + " }"
                  for start in range(0, len(subjects), 500)]
    for chunk in chunks:
        for row in store.query(
            f"""SELECT ?e (GROUP_CONCAT(STR(?o); SEPARATOR=" ") AS ?values) WHERE {{ GRAPH <{NETWORK_GRAPH}> {{ {chunk}
                  ?e <{KG}{name}> ?o }} }} GROUP BY ?e"""
        ):
            subject = row[0].value
            if subject in wanted:
                yield subject, row[1].value.split(" ")
