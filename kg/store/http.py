"""HTTP for remote stores, on http.client: what urllib does not do for a SPARQL server.

    HttpClient.request(method, url, body, headers, read=None) -> Response
      ├── keeps one connection per server open (a build sends thousands of requests)
      ├── HTTP 401: answers the server's challenge, Digest or Basic, with the store's
      │   credentials, and only for the origins (scheme, host, port) they were given for
      ├── HTTP 301/302/307/308: follows (at most 5) with the same method and body; 303 as GET;
      │   credentials never go to another origin (urllib's redirect keeps an Authorization
      │   header added with add_header, whatever the new host)
      ├── a refused, reset or closed connection, a truncated body, an unreadable body
      │   (`read` raises Truncated), HTTP 502/503/504: tried again after 0.5, 1 and 2 s,
      │   then one RemoteStoreError line
      └── any other answer: returned (status, headers, body) for the caller to judge

Every message shows URLs through `redact`: never a user name or password.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import socket
import ssl
import time
import urllib.parse
from base64 import b64encode
from collections.abc import Callable
from dataclasses import dataclass

from kg.errors import RemoteStoreError

RETRY_DELAYS = (0.5, 1.0, 2.0)
"""Seconds to wait before the second, third and fourth attempt."""

MAX_REDIRECTS = 5
RETRY_STATUSES = {502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}
_USER_AGENT = "kg (migration-diplomacy knowledge graph)"


class Truncated(Exception):
    """A response body that cannot be read (cut short, malformed); raised by a `read` callback."""


def redact(url: str) -> str:
    """The URL without user name and password: http://user:pw@host:1/x -> http://host:1/x."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:
        return "(an unreadable URL)"
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{port}" if port else "")
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def origin(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of a URL, the port made explicit."""
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or (443 if scheme == "https" else 80)


@dataclass
class Response:
    status: int
    reason: str
    headers: http.client.HTTPMessage
    body: bytes
    url: str  # after redirects
    value: object = None  # what `read` made of the body

    def detail(self) -> str:
        """The server's explanation in one line: its first line of text (HTML tags dropped)."""
        text = self.body.decode("utf-8", "replace")
        if "html" in (self.headers.get("Content-Type") or "").lower() or text.lstrip().startswith("<"):
            text = " ".join(re.sub(r"(?is)<(script|style|head)\b.*?</\1>|<[^>]+>", " ", text).split())
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        line = " ".join(lines[0].split()) if lines else ""
        return (line[:300] + "…") if len(line) > 300 else (line or f"HTTP {self.status} {self.reason}".strip())


@dataclass
class _Challenge:
    scheme: str  # "digest" or "basic"
    params: dict[str, str]
    count: int = 0  # Digest nonce count
    preemptive: bool = False  # answered successfully: later requests send the answer at once


class HttpClient:
    """Requests to one store's endpoints, with its credentials scoped to their origins."""

    def __init__(
        self,
        user: str | None,
        password: str | None,
        trusted: set[tuple[str, str, int]],
        timeout: float = 120.0,
        delays: tuple[float, ...] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.user = user
        self.password = password or ""
        self.trusted = trusted
        self.timeout = timeout
        self.delays = RETRY_DELAYS if delays is None else delays
        self.sleep = sleep
        self._connections: dict[tuple[str, str, int], http.client.HTTPConnection] = {}
        self._challenges: dict[tuple[str, str, int], _Challenge] = {}

    def close(self) -> None:
        for connection in self._connections.values():
            connection.close()
        self._connections.clear()

    # ------------------------------------------------------------------ retries
    def request(
        self, method: str, url: str, body: bytes = b"", headers: dict[str, str] | None = None,
        read: Callable[[Response], object] | None = None,
    ) -> Response:
        """Send with retries; `read(response)` may parse a 2xx body and raise Truncated to retry."""
        delays = self.delays
        attempt, waited = 0, 0.0
        while True:
            attempt += 1
            try:
                response = self._follow(method, url, body, dict(headers or {}))
                if response.status in RETRY_STATUSES:
                    problem = (f"{redact(response.url)} answered HTTP {response.status} "
                               f"{RETRY_STATUSES[response.status]}", "the server is overloaded, restarting or "
                               "behind a proxy that lost it: try again later, or check the server's log")
                else:
                    if read is not None and 200 <= response.status < 300:
                        response.value = read(response)
                    return response
            except Truncated as e:
                problem = (f"{redact(url)} sent a response kg cannot read ({e})",
                           "the connection was cut or the server failed while answering: check the server's log")
            except http.client.IncompleteRead as e:
                problem = (f"{redact(url)} sent a truncated response ({len(e.partial)} bytes of "
                           f"{len(e.partial) + (e.expected or 0)})",
                           "the connection was cut while the server answered: check the server's log and the network")
            except http.client.RemoteDisconnected:
                problem = (f"{redact(url)} closed the connection without answering",
                           "the server may have crashed, or a proxy cut the request: check the server's log")
            except ConnectionRefusedError:
                problem = (f"cannot reach SPARQL endpoint {redact(url)}: connection refused", "is the server running?")
            except ConnectionError as e:  # reset, aborted, broken pipe
                problem = (f"{redact(url)} dropped the connection ({_reason(e)})",
                           "the server may have crashed or restarted: check it and run the command again")
            if attempt > len(delays):
                tries = f"tried {attempt} times over {waited:.1f} s" if attempt > 1 else "tried once"
                raise RemoteStoreError(f"{problem[0]} ({tries}); {problem[1]}")
            self.sleep(delays[attempt - 1])
            waited += delays[attempt - 1]

    # ------------------------------------------------------------------ redirects
    def _follow(self, method: str, url: str, body: bytes, headers: dict[str, str]) -> Response:
        first = url
        for _hop in range(MAX_REDIRECTS + 1):
            response = self._authenticated(method, url, body, headers)
            location = response.headers.get("Location")
            if response.status not in (301, 302, 303, 307, 308) or not location:
                if response.status == 401 and self.user is not None and origin(url) not in self.trusted:
                    raise RemoteStoreError(
                        f"{redact(first)} redirected to {redact(url)}, another server, which asks for credentials; "
                        f"kg sends the store's credentials only to the server they were given for: "
                        f"point --store at {redact(url)} if you trust it"
                    )
                return response
            target = urllib.parse.urljoin(url, location.strip())
            if urllib.parse.urlsplit(target).scheme not in ("http", "https"):
                raise RemoteStoreError(f"{redact(url)} redirected to {redact(target)}, which is no HTTP URL; check --store")
            if response.status == 303:
                method, body = "GET", b""
                headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
            url = target
        raise RemoteStoreError(f"{redact(first)} redirected more than {MAX_REDIRECTS} times (last to {redact(url)}); "
                               "check --store")

    # ------------------------------------------------------------------ authentication
    def _authenticated(self, method: str, url: str, body: bytes, headers: dict[str, str]) -> Response:
        key = origin(url)
        if self.user is None or key not in self.trusted:
            return self._send(method, url, body, headers)
        challenge = self._challenges.get(key)
        sent = {**headers, "Authorization": self._answer(challenge, method, url, body)} if challenge else headers
        response = self._send(method, url, body, sent)
        if response.status != 401:
            return response
        fresh = _pick(response.headers.get_all("WWW-Authenticate") or [])
        if fresh is None:
            return response
        if challenge is not None and not fresh.params.get("stale", "").lower() == "true" and not challenge.preemptive:
            return response  # answered this very challenge, and it was refused
        fresh.preemptive = False
        self._challenges[key] = fresh
        response = self._send(method, url, body, {**headers, "Authorization": self._answer(fresh, method, url, body)})
        if response.status != 401:
            fresh.preemptive = True  # later requests answer it at once
        return response

    def _answer(self, challenge: _Challenge, method: str, url: str, body: bytes) -> str:
        if challenge.scheme == "basic":
            return "Basic " + b64encode(f"{self.user}:{self.password}".encode()).decode()
        return _digest(challenge, self.user or "", self.password, method, _target(url), body)

    # ------------------------------------------------------------------ one exchange
    def _send(self, method: str, url: str, body: bytes, headers: dict[str, str]) -> Response:
        key = origin(url)
        headers = {"User-Agent": _USER_AGENT, **headers}
        for fresh_try in (False, True):
            connection = self._connection(key)
            reused = connection.sock is not None
            try:
                connection.request(method, _target(url), body=body or None, headers=headers)
                answer = connection.getresponse()
                data = answer.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                connection.close()
                if reused and not fresh_try:
                    continue  # the server had closed the idle kept-alive connection
                raise
            except socket.gaierror as e:
                connection.close()
                raise RemoteStoreError(f"cannot reach SPARQL endpoint {redact(url)}: unknown host "
                                       f"{key[1]!r} ({_reason(e)}); check the URL") from None
            except ssl.SSLError as e:
                connection.close()
                raise RemoteStoreError(f"TLS failed with {redact(url)}: {_reason(e)}; check the server's certificate") from None
            except TimeoutError:
                connection.close()
                raise RemoteStoreError(f"{redact(url)} did not answer within {self.timeout:.0f} s; the server is busy "
                                       "or the request too heavy: try again later") from None
            except http.client.IncompleteRead:
                connection.close()
                raise
            except http.client.HTTPException as e:
                connection.close()
                raise RemoteStoreError(f"{redact(url)} did not answer in HTTP ({type(e).__name__}); "
                                       "is it a SPARQL endpoint?") from None
            except ConnectionError:
                connection.close()
                raise
            except OSError as e:
                connection.close()
                raise RemoteStoreError(f"cannot reach SPARQL endpoint {redact(url)}: {_reason(e)}; "
                                       "check the URL and the network") from None
            if answer.will_close:
                connection.close()
            return Response(answer.status, answer.reason, answer.headers, data, url)
        raise AssertionError("unreachable")

    def _connection(self, key: tuple[str, str, int]) -> http.client.HTTPConnection:
        connection = self._connections.get(key)
        if connection is None:
            scheme, host, port = key
            kind = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
            connection = kind(host, port, timeout=self.timeout)
            self._connections[key] = connection
        return connection


def _target(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _reason(error: BaseException) -> str:
    text = getattr(error, "strerror", None) or getattr(error, "reason", None) or str(error) or type(error).__name__
    return " ".join(str(text).split())


# ---------------------------------------------------------------------- challenges
_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_PARAM = re.compile(rf'\s*({_TOKEN})\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,]*)\s*(?:,|$)')
_SCHEME = re.compile(rf"\s*,?\s*({_TOKEN})(?=\s|$|,)")


def parse_challenges(values: list[str]) -> list[_Challenge]:
    """The challenges of WWW-Authenticate header values, in order (RFC 9110 §11.6.1)."""
    found = []
    for value in values:
        position = 0
        while position < len(value):
            scheme = _SCHEME.match(value, position)
            if scheme is None:
                break
            position = scheme.end()
            params: dict[str, str] = {}
            while True:
                param = _PARAM.match(value, position)
                if param is None:
                    break
                raw = param.group(2)
                if raw.startswith('"'):
                    raw = re.sub(r"\\(.)", r"\1", raw[1:-1])
                params[param.group(1).lower()] = raw
                position = param.end()
            found.append(_Challenge(scheme.group(1).lower(), params))
    return found


def _pick(values: list[str]) -> _Challenge | None:
    """Digest (an algorithm kg computes) before Basic; None when neither is offered."""
    challenges = parse_challenges(values)
    for challenge in challenges:
        if challenge.scheme == "digest" and challenge.params.get("algorithm", "MD5").upper() in _HASHES:
            return challenge
    for challenge in challenges:
        if challenge.scheme == "basic":
            return challenge
    return None


_HASHES = {
    "MD5": hashlib.md5, "MD5-SESS": hashlib.md5,
    "SHA-256": hashlib.sha256, "SHA-256-SESS": hashlib.sha256,
}


def _digest(challenge: _Challenge, user: str, password: str, method: str, uri: str, body: bytes,
            cnonce: str | None = None) -> str:
    """The Authorization header answering a Digest challenge (RFC 7616; qop auth or auth-int)."""
    params = challenge.params
    algorithm = params.get("algorithm", "MD5").upper()
    h = _HASHES[algorithm]

    def hexdigest(text: str | bytes) -> str:
        return h(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()

    realm, nonce = params.get("realm", ""), params.get("nonce", "")
    cnonce = cnonce or os.urandom(8).hex()
    challenge.count += 1
    nc = f"{challenge.count:08x}"
    ha1 = hexdigest(f"{user}:{realm}:{password}")
    if algorithm.endswith("-SESS"):
        ha1 = hexdigest(f"{ha1}:{nonce}:{cnonce}")
    offered = [q.strip() for q in params.get("qop", "").split(",") if q.strip()]
    qop = "auth" if "auth" in offered else ("auth-int" if "auth-int" in offered else None)
    ha2 = hexdigest(f"{method}:{uri}" + (f":{hexdigest(body)}" if qop == "auth-int" else ""))
    if qop:
        response = hexdigest(f"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}")
    else:
        response = hexdigest(f"{ha1}:{nonce}:{ha2}")
    fields = [f'username="{_quote(user)}"', f'realm="{_quote(realm)}"', f'nonce="{_quote(nonce)}"',
              f'uri="{_quote(uri)}"', f"algorithm={params.get('algorithm', 'MD5')}", f'response="{response}"']
    if "opaque" in params:
        fields.append(f'opaque="{_quote(params["opaque"])}"')
    if qop:
        fields += [f"qop={qop}", f"nc={nc}", f'cnonce="{cnonce}"']
    return "Digest " + ", ".join(fields)


def _quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
