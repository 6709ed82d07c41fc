"""The receiver: a small Starlette app that accepts the site's forms and stores them.

One route per purpose: POST <endpoint><form> stores a submission, GET <endpoint>gezondheid says
"ok". What a form accepts comes from forms.validate_submission only. The checks run cheapest
first (origin, rate, form, type, size), and nothing is stored unless every check passed; a
success is only answered after the submission is committed to disk.
"""

from __future__ import annotations

import logging
import math
import re
import sys
import time
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

from markupsafe import escape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartParser
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from ..models import FeedbackForm, FeedbackSettings
from .forms import HONEYPOT, PAGE_FIELD, FieldError, render_form, validate_submission
from .storage import open_store

log = logging.getLogger("portaal.feedback")
DEFAULT_ENDPOINT = "/feedback/"
HEALTH = "gezondheid"
MAX_FIELDS = 200  # far more than any form has; bounds the parser's work on junk

MESSAGES = {
    400: "Het formulier kwam niet goed aan. Probeer het opnieuw.",
    403: "Dit formulier kan alleen worden verstuurd vanaf de website zelf.",
    404: "Dit formulier bestaat niet. Misschien is het adres veranderd.",
    405: "Op dit adres kun je alleen een formulier versturen.",
    413: "Je bericht is te lang. Maak het korter en probeer het opnieuw.",
    415: "Dit formulier kan alleen als gewoon webformulier worden verstuurd.",
    429: "Je hebt in korte tijd te vaak iets verstuurd. Wacht {seconds} seconden en probeer het dan opnieuw.",
    500: "Er ging bij ons iets mis. Je bericht is niet bewaard. Probeer het later opnieuw.",
    503: "De formulieren zijn nog niet beschikbaar. Je bericht is niet bewaard. Probeer het over een minuut opnieuw.",
}
NOT_READY_RETRY = 60  # seconds, as the 503 message says


class Refused(Exception):
    """A request that is answered with a 4xx and stores nothing."""

    def __init__(self, status: int, headers: Mapping[str, str] | None = None, **values: object):
        super().__init__(status)
        self.status = status
        self.headers = dict(headers or {})
        self.message = MESSAGES[status].format(**values)


@dataclass
class RateLimiter:
    """Sliding window per client address, in memory only: addresses never reach the disk.

    Used from the event loop only, so it needs no lock."""

    requests: int
    per_seconds: float
    _seen: dict[str, deque[float]] = field(default_factory=dict)
    _next_sweep: float = 0.0

    def check(self, client: str, at: float | None = None) -> float:
        """0 when allowed (and counted); otherwise the seconds to wait."""
        at = time.monotonic() if at is None else at
        if at >= self._next_sweep:  # forget idle clients, so memory stays bounded
            self._seen = {key: times for key, times in self._seen.items()
                          if times and times[-1] > at - self.per_seconds}
            self._next_sweep = at + self.per_seconds
        times = self._seen.setdefault(client, deque())
        while times and times[0] <= at - self.per_seconds:
            times.popleft()
        if len(times) >= self.requests:
            return times[0] + self.per_seconds - at
        times.append(at)
        return 0.0


def origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def wants_json(accept: str) -> bool:
    """True when the client ranks application/json above text/html (the JS path sends only JSON)."""
    ranks: dict[str, float] = {}
    for item in accept.split(","):
        kind, *params = [part.strip() for part in item.split(";")]
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        ranks[kind.lower()] = max(quality, ranks.get(kind.lower(), 0.0))
    json_rank = ranks.get("application/json", 0.0)
    return json_rank > 0 and json_rank >= ranks.get("text/html", 0.0)


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 before more than `limit` bytes are read."""
    length = request.headers.get("content-length")
    if length is not None:
        if not length.isdigit():
            raise Refused(400)
        if int(length) > limit:
            raise Refused(413)
    chunks, size = [], 0
    try:
        async for chunk in request.stream():  # counted as it arrives: chunked bodies have no length
            size += len(chunk)
            if size > limit:
                raise Refused(413)
            chunks.append(chunk)
    except ClientDisconnect as gone:  # the visitor left halfway: nothing to keep, not our bug
        raise Refused(400) from gone
    return b"".join(chunks)


async def parse_body(request: Request, body: bytes) -> dict[str, str]:
    """Form fields (first value of each name); 415 for other content types, 400 for junk."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        try:
            pairs = parse_qsl(body.decode("ascii"), keep_blank_values=True, encoding="utf-8", errors="strict",
                              max_num_fields=MAX_FIELDS)
        except (UnicodeDecodeError, ValueError) as error:
            raise Refused(400) from error
    elif kind == "multipart/form-data":
        try:  # Starlette would read a part that is not UTF-8 as Latin-1 and store mojibake: refuse, as above
            body.decode("utf-8")
        except UnicodeDecodeError as error:
            raise Refused(400) from error

        async def replay():
            yield body

        try:
            form_data = await MultiPartParser(request.headers, replay(), max_files=MAX_FIELDS,
                                              max_fields=MAX_FIELDS, max_part_size=len(body) + 1).parse()
        except Exception as error:  # python-multipart raises several kinds for a broken body
            raise Refused(400) from error
        pairs = []
        for name, value in form_data.multi_items():
            if isinstance(value, UploadFile):  # no form has a file field: ignored, never stored
                await value.close()
            else:
                pairs.append((name, value))
    else:  # text/plain is what a mailto-style form sends; nothing else is a form
        raise Refused(415)
    data: dict[str, str] = {}
    for name, value in pairs:
        data.setdefault(name, value)
    return data


def create_app(forms: Mapping[str, FeedbackForm], store_path: Path, settings: FeedbackSettings,
               site_origin: str | None, site_dir: Path | None = None, extra_origins: Iterable[str] = (),
               *, site_base: str = "/", thanks: Mapping[str, str] | None = None) -> Starlette:
    """The receiver for `forms` (slug -> definition).

    site_origin is scheme://host[:port] of site_url, site_base its path (for the thank-you
    page); site_dir the built site, whose form page is reused to show errors; thanks the address
    of each form's thank-you page (plan.thank_you_pages; by default the site plan's own scheme)."""
    store = open_store(store_path)
    endpoint = settings.endpoint or DEFAULT_ENDPOINT
    prefix = urlsplit(endpoint).path or "/"
    allowed = {origin.lower().rstrip("/") for origin in (site_origin, *extra_origins) if origin}
    # An endpoint on another host than the site needs absolute links back to the site.
    site_link = (site_origin or "") + site_base if origin_of(endpoint) not in (None, site_origin) else site_base
    limiter = RateLimiter(settings.rate_limit.requests, settings.rate_limit.per_seconds)
    if thanks is None:
        from ..plan import thanks_address
        thanks = {slug: thanks_address(slug) for slug in forms}
    view = Pages(site_dir, site_link, endpoint, thanks)

    def check_origin(request: Request) -> None:
        """Only the site's own origin may post.

        Browsers send Origin on every cross-origin POST (and Chromium on same-origin form posts
        too), so a missing Origin is not a browser on another site. It is accepted when there is
        also no Referer (curl-style local tools) or the Referer is the site itself."""
        own = {f"{request.url.scheme}://{request.headers.get('host', '')}".lower()} if not allowed else set()
        origin = request.headers.get("origin")
        if origin is not None:
            if origin.lower().rstrip("/") not in allowed | own:
                raise Refused(403)
            return
        referer = request.headers.get("referer")
        if referer is not None and origin_of(referer) not in allowed | own:
            raise Refused(403)

    def answer(request: Request, slug: str, form: FeedbackForm) -> Response:
        if wants_json(request.headers.get("accept", "")):
            return JSONResponse({"ok": True, "message": form.thanks}, status_code=201)
        return RedirectResponse(view.thanks_url(slug), status_code=303)

    async def submit(request: Request) -> Response:
        slug = request.path_params["form"]
        check_origin(request)
        wait = limiter.check(request.client.host if request.client else "onbekend")
        if wait:
            seconds = max(1, math.ceil(wait))
            raise Refused(429, {"Retry-After": str(seconds)}, seconds=seconds)
        form = forms.get(slug)
        if form is None:
            raise Refused(404)
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in ("application/x-www-form-urlencoded", "multipart/form-data"):
            raise Refused(415)  # before reading: a refused body is never read in full
        data = await parse_body(request, await read_body(request, settings.max_body_bytes))
        if data.get(HONEYPOT, "").strip():  # a bot: same answer as a person gets, nothing kept
            return answer(request, slug, form)
        answers, errors = validate_submission(form, data)
        if errors:
            if wants_json(request.headers.get("accept", "")):
                return JSONResponse({"ok": False, "message": "Er ging iets mis",
                                     "errors": [{"field": e.field, "message": e.message} for e in errors]},
                                    status_code=422)
            return view.invalid(slug, form, data, errors)
        await run_in_threadpool(store.add, slug, answers)  # committed before anything is answered
        return answer(request, slug, form)

    async def health(request: Request) -> Response:
        return PlainTextResponse("ok")

    def refusal(request: Request, status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
        return refusal_response(view, request.headers.get("accept", ""), status, message, headers)

    async def on_refused(request: Request, refused: Refused) -> Response:
        return refusal(request, refused.status, refused.message, refused.headers)

    async def on_http(request: Request, error: HTTPException) -> Response:
        status = error.status_code if error.status_code in MESSAGES else 400
        return refusal(request, status, MESSAGES[status].format(seconds=1), error.headers)

    async def on_bug(request: Request, error: Exception) -> Response:
        # A bug in portaal (or a failing disk): the server logs the traceback; the visitor sees none.
        log.error("interne fout bij %s %s: %s", request.method, request.url.path, type(error).__name__)
        return refusal(request, 500, MESSAGES[500])

    app = Starlette(
        routes=[Route(prefix + HEALTH, health, methods=["GET"]),
                Route(prefix + "{form}", submit, methods=["POST"])],
        exception_handlers={Refused: on_refused, HTTPException: on_http, Exception: on_bug},
    )
    app.state.store = store
    app.add_middleware(ResponseHeaders, allowed=allowed)
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("portaal feedback: %(message)s"))
        log.addHandler(handler)
    return app


def refusal_response(view: Pages, accept: str, status: int, message: str,
                     headers: Mapping[str, str] | None = None) -> Response:
    """A refusal as JSON for the form script, or as a Dutch page for a browser without it."""
    if wants_json(accept):
        return JSONResponse({"ok": False, "message": message}, status_code=status, headers=headers)
    return view.problem(status, message, headers)


def not_ready(site_link: str, endpoint: str = DEFAULT_ENDPOINT):
    """The receiver before any forms exist (the preview's first build failed): 503 for every request."""
    view = Pages(None, site_link, endpoint)

    async def app(scope, receive, send):
        if scope["type"] != "http":
            return
        accept = Request(scope).headers.get("accept", "")
        seconds = str(NOT_READY_RETRY)
        await refusal_response(view, accept, 503, MESSAGES[503], {"Retry-After": seconds})(scope, receive, send)

    return ResponseHeaders(app, set())


class ResponseHeaders:
    """Answers about residents' input are never cached or sniffed. When the receiver runs on
    another host than the site, the site's script may read the JSON answer (CORS)."""

    def __init__(self, app, allowed: set[str]):
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        origin = dict(scope["headers"]).get(b"origin", b"")

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = [*message.get("headers", []), (b"cache-control", b"no-store"),
                           (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin")]
                if origin and origin.decode("latin-1").lower().rstrip("/") in self.allowed:
                    headers += [(b"access-control-allow-origin", origin), (b"vary", b"Origin")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


# --- HTML answers (the no-JavaScript path) ---------------------------------------------

TITLES = {400: "Het formulier kwam niet goed aan", 403: "Versturen is niet toegestaan", 404: "Formulier niet gevonden",
          405: "Hier valt niets te bekijken", 413: "Je bericht is te lang", 415: "Het formulier kwam niet goed aan",
          429: "Even wachten", 500: "Er ging iets mis", 503: "Formulieren nog niet beschikbaar"}
BACK = "Ga met de knop Terug van je browser naar het formulier. Vaak staat je tekst er dan nog."
# The form element that render_form wrote, with the error summary a previous attempt put before it.
FORM_BLOCK = r'(?:<div class="portaal-error-summary"[^>]*>.*?</div>\s*)?<form class="portaal-form"[^>]*' \
             r'data-feedback-form="{slug}"[^>]*>.*?</form>'
ACTION = re.compile(r'\saction="([^"]*)"')
LINK = re.compile(r'(\s(?:href|src|action|poster)=")([^"#][^"]*)(")')
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
STYLE = ("body{font-family:system-ui,sans-serif;line-height:1.5;max-width:40rem;margin:2rem auto;padding:0 1rem;"
         "color:#1a1a1a;background:#fff}a{color:#0b57a4}.portaal-honeypot,.portaal-visually-hidden{position:absolute;"
         "width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}.portaal-error-summary{border:"
         "4px solid #b3261e;padding:0 1rem}.portaal-field-error{color:#b3261e;font-weight:bold}"
         ".portaal-field{border:0;margin:0 0 1.5rem;padding:0}.portaal-label,legend{display:block;font-weight:bold}"
         ".portaal-answer{display:block}input,textarea{font:inherit;max-width:100%}")


def html_page(title: str, body: str) -> str:
    """A minimal valid Dutch page: nothing loaded from anywhere, readable without any CSS file."""
    return ('<!doctype html>\n<html lang="nl"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{STYLE}</style></head><body><main>{body}</main></body></html>\n")


class Pages:
    """Thank-you redirects and error pages, preferably the built site's own form page."""

    def __init__(self, site_dir: Path | None, site_link: str, endpoint: str, thanks: Mapping[str, str] | None = None):
        self.site_dir = site_dir.resolve() if site_dir else None
        self.site_link = site_link  # the site's base, as a path or (other host) a full URL
        self.endpoint = endpoint
        self.thanks = thanks or {}  # form slug -> address of its thank-you page, from the route table

    def thanks_url(self, slug: str) -> str:
        return f"{self.site_link}{self.thanks.get(slug, '')}"

    def problem(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> HTMLResponse:
        back = f"<p>{BACK}</p>" if status in (400, 413, 415, 429, 503) else ""
        body = (f"<h1>{escape(TITLES.get(status, TITLES[500]))}</h1><p>{escape(message)}</p>{back}"
                f'<p><a href="{escape(self.site_link)}">Naar de website</a></p>')
        return HTMLResponse(html_page(TITLES.get(status, TITLES[500]), body), status_code=status, headers=headers)

    def invalid(self, slug: str, form: FeedbackForm, data: Mapping[str, str], errors: list[FieldError]) -> HTMLResponse:
        """422: the form again with the answers given and a summary of what to fix (GOV.UK style)."""
        page = data.get(PAGE_FIELD, "")
        for relative in (f"feedback/{slug}/", page):
            built = self._built_page(relative, slug)
            if built is None:
                continue
            html, block, url = built
            action = ACTION.search(block.group(0)[block.group(0).find("<form"):])
            action = unescape(action.group(1)) if action else ""
            if not action or action.startswith("mailto:"):  # a site built without a receiver
                action = self.endpoint + slug
            rendered = render_form(form, slug, action, page=page, values=data, errors=errors)
            html = html[:block.start()] + str(rendered) + html[block.end():]  # str: Markup + str would escape
            html = html.replace("<title>", "<title>Fout: ", 1)
            return HTMLResponse(self._absolute_links(html, url), status_code=422)
        rendered = render_form(form, slug, self.endpoint + slug, page=page, values=data, errors=errors)
        body = f"<h1>{escape(form.title)}</h1>{rendered}"
        return HTMLResponse(html_page("Er ging iets mis", body), status_code=422)

    def _built_page(self, relative: str, slug: str) -> tuple[str, re.Match[str], str] | None:
        """The built page at a site-relative address that holds this form, if there is one."""
        if self.site_dir is None or not relative or SCHEME.match(relative) or "\\" in relative:
            return None
        relative = relative.split("#")[0].split("?")[0].lstrip("/")
        file = (self.site_dir / relative / "index.html") if not relative.endswith(".html") else self.site_dir / relative
        try:
            file = file.resolve()
            if not file.is_relative_to(self.site_dir) or not file.is_file():  # never outside the site
                return None
            html = file.read_text(encoding="utf-8")
        except (OSError, ValueError):
            return None
        block = re.search(FORM_BLOCK.format(slug=re.escape(slug)), html, re.S)
        if block is None:
            return None
        folder = file.parent.relative_to(self.site_dir).as_posix()
        return html, block, self.site_link + ("" if folder == "." else folder + "/")

    @staticmethod
    def _absolute_links(html: str, page_url: str) -> str:
        """The page is answered at the form's address, not its own: relative links must not move."""
        def fix(match: re.Match[str]) -> str:
            value = match.group(2)
            if value.startswith("/") or SCHEME.match(value):
                return match.group(0)
            return f"{match.group(1)}{escape(urljoin(page_url, unescape(value)))}{match.group(3)}"

        return LINK.sub(fix, html)
