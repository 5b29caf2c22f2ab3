"""kg: a knowledge-graph builder for news about migration diplomacy.

Who did what to whom, when, and says who: articles are read (kg.read), turned
into actor–action–target statements coded with PLOVER/CAMEO (kg.extract),
stored with their provenance in an RDF store (kg.store) and queried with
SPARQL, networkx paths, lookups and exports (kg.query).

Importing kg is cheap: each stage is imported when it is used.
"""

__version__ = "0.1.0"
