"""Safe by default: who may change the store, and what a page may load.

- The server binds 127.0.0.1 and answers only requests naming this machine in
  their Host header, so a web page cannot reach it through DNS rebinding.
- Changes (review actions) need the token printed on stderr at start: the browser
  presents it once at /unlock and keeps it in a cookie of this server's own
  (HttpOnly, SameSite=Strict, named after the token so two servers never mix).
  `--read-only` turns changes off altogether.
- Each form carries a hidden value derived from the token, and a change is refused
  unless its Origin (or, lacking one, its Referer) is this server: a page elsewhere
  can neither read the value nor pass the check.
- Every answer carries a Content-Security-Policy that lets a page load nothing
  from anywhere but this server, and no inline script.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from kg.errors import KgError

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}


class Refused(KgError):
    """A change was refused; `status` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 403):
        super().__init__(message)
        self.status = status


class Guard:
    """Decides whether a request may change the store."""

    def __init__(self, token: str | None):
        self.token = token  # None: read-only
        digest = hashlib.sha256((token or "").encode()).hexdigest()
        self.cookie = "kg_serve_" + digest[:10]
        self.form_value = hmac.new((token or "").encode(), b"kg serve form", hashlib.sha256).hexdigest()[:32]

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(18)

    @property
    def read_only(self) -> bool:
        return self.token is None

    def unlocked(self, request) -> bool:
        """Whether this browser presented the token."""
        held = request.cookies.get(self.cookie, "")
        return self.token is not None and hmac.compare_digest(held.encode(), self.token.encode())

    def check_token(self, given: str) -> bool:
        return self.token is not None and hmac.compare_digest(given.strip().encode(), self.token.encode())

    def check_change(self, request, form) -> None:
        """Raise Refused unless this form may change the store."""
        if self.read_only:
            raise Refused("this server is read-only (kg serve --read-only): it makes no changes")
        same_origin(request)
        if not hmac.compare_digest(str(form.get("csrf", "")).encode(), self.form_value.encode()):
            raise Refused("the form's token is missing or stale: reload the page and try again")
        if not self.unlocked(request):
            raise Refused("changes need the token kg serve printed when it started: enter it at /unlock")


def same_origin(request) -> None:
    """Refuse a request sent from a page of another site (cross-site request forgery)."""
    own = f"{request.url.scheme}://{request.headers.get('host', '')}"
    origin = request.headers.get("origin")
    if origin and origin != "null":
        if origin != own:
            raise Refused(f"refused a change sent from another site ({origin}); changes come from this server's own pages")
        return
    referer = request.headers.get("referer", "")
    if not (referer == own or referer.startswith(own + "/")):
        raise Refused("refused a change that does not say which page sent it (no Origin or Referer header)")


def allowed_hosts(host: str) -> list[str]:
    """Host headers to answer: this machine's loopback names, and the address bound to."""
    if host in ("0.0.0.0", "::", ""):
        return ["*"]  # bound to every interface: the operator chose to be reachable by any name
    return sorted({"127.0.0.1", "localhost", "::1", "[::1]", host})


class SecurityHeaders:
    """ASGI middleware adding HEADERS to every answer (a page may widen its own CSP)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def sending(message):
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in HEADERS.items() if k.encode() not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, sending)
