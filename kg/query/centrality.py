"""The most central actors: `kg top`, with networkx.

Centrality is computed on the actor graph of asserted relations (and
movements of people to a state), one edge per pair of actors whose weight is
the number of distinct articles reporting anything between them, so that one
much-repeated story does not outweigh many independent ones.

- degree: weighted degree (how many reports tie the actor to others);
- betweenness: how often the actor lies on shortest paths between others
  (the brokers; distances are 1 / weight, so well-reported ties are short);
- pagerank: importance from being acted upon by important actors (directed,
  actor → target).
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import QueryError
from kg.query.export import Filters, network
from kg.query.graph import ACTOR_TYPES

MEASURES = ("degree", "betweenness", "pagerank")


@dataclass(frozen=True)
class Ranked:
    iri: str
    label: str
    type: str
    country: str
    score: float
    partners: int  # distinct actors it is tied to
    reports: int  # articles reporting its relations (weighted degree)


def top(store, measure: str = "degree", *, limit: int = 10, filters: Filters = Filters()) -> list[Ranked]:
    """The `limit` actors ranked highest by `measure`."""
    import networkx as nx

    if measure not in MEASURES:
        raise QueryError(f"unknown centrality measure {measure!r}; use one of {', '.join(MEASURES)}")
    directed = network(store, filters)
    actors = [n for n, data in directed.nodes(data=True) if data.get("type") in ACTOR_TYPES]
    directed = directed.subgraph(actors).copy()
    directed.remove_edges_from(nx.selfloop_edges(directed))
    directed.remove_nodes_from([n for n in list(directed) if directed.degree(n) == 0])
    if not directed:
        return []
    undirected = nx.Graph()
    undirected.add_nodes_from(directed)
    for u, v, data in directed.edges(data=True):
        weight = data["weight"] + (undirected[u][v]["weight"] if undirected.has_edge(u, v) else 0)
        undirected.add_edge(u, v, weight=weight, distance=1.0 / weight)
    if measure == "degree":
        scores = dict(undirected.degree(weight="weight"))
    elif measure == "betweenness":
        scores = nx.betweenness_centrality(undirected, weight="distance", normalized=True)
    else:
        scores = nx.pagerank(directed, weight="weight")
    reports = dict(undirected.degree(weight="weight"))
    ranked = sorted(scores, key=lambda n: (-scores[n], -reports[n], directed.nodes[n].get("label", n)))
    return [
        Ranked(
            iri=node, label=directed.nodes[node].get("label", node), type=directed.nodes[node].get("type", ""),
            country=directed.nodes[node].get("country", ""), score=float(scores[node]),
            partners=undirected.degree(node), reports=int(reports[node]),
        )
        for node in ranked[:limit]
    ]
