"""Shared fixtures: the spaCy pipeline and a store built from the examples, each made once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="session")
def extractor():
    """The reading itself: every statement, whatever its confidence (min_confidence=0)."""
    from kg.extract import Extractor

    ex = Extractor(min_confidence=0.0)
    ex.nlp  # load once for the whole session
    return ex


@pytest.fixture(scope="session")
def default_extractor(extractor):
    """What kg build uses: statements under the fitted confidence threshold dropped."""
    from kg.extract import Extractor

    return Extractor(nlp=extractor.nlp)


@pytest.fixture(scope="session")
def example_store(tmp_path_factory, default_extractor) -> Path:
    """A store built from examples/articles as `kg build` builds it, shared read-only by the tests."""
    from kg.build import build

    path = tmp_path_factory.mktemp("stores") / "examples"
    report = build([str(EXAMPLES)], str(path), extractor=default_extractor)
    assert report.problems == []
    return path


@pytest.fixture()
def store_copy(example_store, tmp_path) -> Path:
    """A private copy of the example store, for tests that write."""
    target = tmp_path / "store"
    shutil.copytree(example_store, target, ignore=shutil.ignore_patterns("writer.lock"))
    return target


@pytest.fixture()
def extract(extractor):
    """Statements of one text: extract("Mexico denied …", date="2025-01-27")."""

    def run(text: str, date: str | None = None):
        return extractor.extract_text(text, date=date)

    return run


def triples(statements, with_negation: bool = False):
    """(actor label, type, target label) of typed statements, for compact assertions."""
    found = []
    for s in statements:
        if s.action.type is None:
            continue
        item = (s.actor.entity.label, s.action.type, s.target.entity.label if s.target else None)
        found.append(item + ((s.negated,) if with_negation else ()))
    return found


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    """Virtuoso 7 (Debian's virtuoso-opensource) on 127.0.0.1 with its own ini and database, stopped by PID.

    Installed with apt-get when absent; the tests are skipped, saying why, only when apt cannot
    install it. Set up as servers are usually run: /sparql answers anyone and lets no one write
    (the SPARQL user lacks SPARQL_UPDATE); /sparql-auth asks for Digest authentication, and the
    user `kg` may write; results are cut at 10,000 rows (Debian's ResultSetMaxRows).
    """
    import os
    import secrets
    import signal
    import subprocess
    import time
    import types
    import urllib.request

    reason = _install_virtuoso()
    if reason:
        pytest.skip(f"Virtuoso is not installed and apt-get could not install it: {reason}")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(_VIRTUOSO_INI.format(folder=folder, sql=sql_port, http=http_port), encoding="utf-8")
    log = open(folder / "server.log", "wb")
    process = subprocess.Popen(
        ["virtuoso-t", "+foreground", "+configfile", str(folder / "virtuoso.ini")],
        cwd=folder, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{http_port}"

    def stop() -> None:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.kill(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        log.close()

    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=2).read()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                stop()
                tail = (folder / "server.log").read_text(errors="replace").strip().splitlines()[-3:]
                pytest.fail(f"virtuoso-t did not start: {' / '.join(tail)}")
            time.sleep(0.3)
    password = secrets.token_hex(8)
    setup = subprocess.run(
        ["isql-vt", f"127.0.0.1:{sql_port}", "dba", "dba",
         f"exec=DB.DBA.USER_CREATE('kg', '{password}'); GRANT SPARQL_UPDATE TO \"kg\";"],
        capture_output=True, text=True, timeout=60,
    )
    if setup.returncode != 0 or "Error" in setup.stdout + setup.stderr:
        stop()
        pytest.fail(f"isql-vt could not create the user kg: {(setup.stdout + setup.stderr).strip()[-300:]}")
    yield types.SimpleNamespace(
        url=f"{base}/sparql", auth_url=f"{base}/sparql-auth", user="kg", password=password,
        port=http_port, pid=process.pid,
    )
    stop()


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now, for a server a test starts."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _install_virtuoso() -> str | None:
    """None when virtuoso-t and isql-vt are there (installing them with apt-get), else why not."""
    import os
    import subprocess

    if shutil.which("virtuoso-t") and shutil.which("isql-vt"):
        return None
    if shutil.which("apt-get") is None:
        return "this machine has no apt-get"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", "virtuoso-opensource"]
    output = ""
    for before in ([], [["apt-get", "update", "-q"]]):
        try:
            for command in [*before, install]:
                done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
                output = (done.stderr or done.stdout).strip()
        except (OSError, subprocess.TimeoutExpired) as e:
            output = str(e)
        if shutil.which("virtuoso-t") and shutil.which("isql-vt"):
            return None
    return (output.splitlines() or ["apt-get failed"])[-1]


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {folder}
MaxClientConnections = 10
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
Charset = UTF-8
EnabledGzipContent = 1

[SPARQL]
ResultSetMaxRows = 10000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
"""
