"""`kg serve`: the analyst's workbench in a browser.

Browse actors and their relations down to the sentences that support them, follow
a timeline, look at the network, ask SPARQL (a page, and a SPARQL 1.1 Protocol
endpoint at /sparql for SPARQL clients), and review: confirm or reject statements,
merge entities, add aliases, through kg.corrections so that every rebuild keeps them.

    app.py        the Starlette application: routes, templates, middleware
    pages.py      the HTML pages (read-only)
    review.py     the review actions (POST forms) and /unlock
    endpoint.py   /sparql, the SPARQL 1.1 Protocol
    execute.py    running a query with the server's guard, timeout, row cap and slots
    results.py    the W3C results formats of a (cut) result
    evidence.py   a relation's and an article's statements with their sources
    entities.py   search and an entity's description
    highlight.py  marking the actor, action and target words in a sentence
    security.py   token, cross-site checks, Content-Security-Policy
    stores.py     the read-only snapshot, renewed when the store changes
    urls.py       page addresses from IRIs

>>> from kg.serve import serve
>>> serve("kg-store", port=8000)   # blocks; prints the address and the review token on stderr
"""

from __future__ import annotations

import os
import sys

#: Threads for numpy's and scipy's BLAS in the server, unless the environment says otherwise.
#: The network's layout (kamada_kawai, a few dozen nodes) gains nothing from more, and beside the
#: server's own threads and other work on a 2-core machine OpenBLAS's waiting threads made the
#: first drawing at 100k statements take 4-6 s instead of 1.3 s (benchmarks/bench_serve.py).
BLAS_THREADS = "1"


def serve(location: str, *, host: str = "127.0.0.1", port: int = 8000, read_only: bool = False,
          timeout: float = 30.0, max_rows: int = 10_000, token: str | None = None, quiet: bool = False) -> None:
    """Run the web application on the store at `location` until interrupted."""
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, BLAS_THREADS)  # read when numpy is first imported: not yet
    import uvicorn

    from kg.serve.app import create_app
    from kg.serve.security import Guard
    from kg.store import KnowledgeStore

    from kg.query import summary

    with KnowledgeStore.open(location) as store:  # fail now, with kg's message, if there is no store
        whole = summary.kept(store)
    token = None if read_only else (token or Guard.new_token())
    # The network's layout libraries, loaded before the first answer rather than by the first
    # drawing: importing them is most of that drawing's second at 100k statements, and the start
    # has time to spare (docs/serve.md has both figures)
    import networkx  # noqa: F401
    import scipy.optimize  # noqa: F401

    app = create_app(location, token=token, host=host, timeout=timeout, max_rows=max_rows, warm=True)
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{port}/"
    print(f"kg serve: {address} on {location}", file=sys.stderr)
    if token:
        print(f"kg serve: review token {token} (enter it at {address}unlock, or open {address}unlock?token={token})",
              file=sys.stderr)
    else:
        print("kg serve: read-only: no changes can be made", file=sys.stderr)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"kg serve: warning: listening on {host}, not only this machine: anyone who can reach it can read the store",
              file=sys.stderr)
    if not whole:
        print(f"kg serve: {location} keeps no network summary: the network page is drawn from its relations, "
              "which takes seconds on a big store; `kg rebuild-relations` makes one", file=sys.stderr)
    sys.stderr.flush()
    uvicorn.run(app, host=host, port=port, log_level="warning" if not quiet else "error", access_log=False,
                server_header=False)
