"""The one place that knows WeasyPrint: a template and its context in, PDF bytes out.

No request, no Celery. WeasyPrint fetches nothing but our own static files (found through
Django's staticfiles finders) and data: URIs; file:, http(s), ftp and everything else is
refused, and no redirect is ever followed because nothing goes over a network.
"""

from __future__ import annotations

import logging
import mimetypes
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

# WeasyPrint logs every layout step at INFO, starting at import; keep that out of our logs.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

from weasyprint import HTML  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

logger = logging.getLogger(__name__)

# Our assets are addressed as leerkring-static:/<path>; WeasyPrint leaves relative URLs
# unresolved against this unregistered scheme, and the fetcher then refuses them.
STATIC_SCHEME = "leerkring-static"
BASE_URL = f"{STATIC_SCHEME}:/"
PDF_VARIANT = "pdf/ua-1"

# A run of text without a break opportunity longer than this gets one every BREAK_EVERY
# characters (a zero-width space). The stylesheet's overflow-wrap would break it too, but
# WeasyPrint then measures the rest of the run again at every line: a 10,000-character "word"
# costs seconds, and every later PDF of that circle pays for it. The longest Dutch words and
# most web addresses stay whole.
BREAK_EVERY = 40
ZERO_WIDTH_SPACE = "\u200b"
_TEXT_NODE = re.compile(r">([^<]+)<")
_LONG_RUN = re.compile(rf"[^\s&;<>\u200b]{{{BREAK_EVERY + 1},}}")


class AssetRefused(ValueError):
    """A report asked for something other than our static files or a data: URI."""


class StaticOnlyFetcher(URLFetcher):
    """Serves `leerkring-static:/<path>` from the staticfiles finders, and data: URIs."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data", STATIC_SCHEME}, allow_redirects=False, fail_on_errors=False)
        # WeasyPrint logs and skips a resource that fails to load; for our own assets that
        # would make a PDF without its stylesheet, so html_to_pdf raises it afterwards.
        self.own_asset_failure: BaseException | None = None

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            # urllib's DataHandler decodes it; the protocol check above keeps it to data:.
            return super().fetch(url, headers)
        if scheme == STATIC_SCHEME:
            try:
                path = static_path_for(url)
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
            except AssetRefused:
                raise
            except BaseException as exc:  # an I/O error, or the task's soft time limit
                self.own_asset_failure = exc
                raise
        logger.warning("PDF render refused to fetch %s", url[:200])
        raise AssetRefused(f"Refused to fetch {url[:200]}")


def static_path_for(url: str) -> Path:
    parts = urlsplit(url)
    relative = unquote(parts.path).lstrip("/")
    if parts.netloc or parts.query or not relative or ".." in relative.split("/") or "\\" in relative:
        raise AssetRefused(f"Not a static asset: {url[:200]}")
    found = finders.find(relative)
    if not found or isinstance(found, list):
        raise AssetRefused(f"No such static asset: {relative[:200]}")
    path = Path(found).resolve()
    # A symlink in a static folder must not lead the renderer to files outside it.
    if not path.is_relative_to(Path(found[: -len(relative)]).resolve()):
        raise AssetRefused(f"Static asset outside its folder: {relative[:200]}")
    return path


def _break_run(match: re.Match[str]) -> str:
    run = match.group(0)
    return ZERO_WIDTH_SPACE.join(run[i : i + BREAK_EVERY] for i in range(0, len(run), BREAK_EVERY))


def breakable(html: str) -> str:
    """The HTML with a break opportunity in every long run of text (text between tags only: the
    templates escape `<` in text, so `>…<` is a text node; entities are left whole)."""
    return _TEXT_NODE.sub(lambda node: ">" + _LONG_RUN.sub(_break_run, node.group(1)) + "<", html)


def html_to_pdf(html: str) -> bytes:
    fetcher = StaticOnlyFetcher()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    if fetcher.own_asset_failure is not None:
        raise fetcher.own_asset_failure
    return pdf


def render_pdf(*, template_name: str, context: dict[str, Any]) -> bytes:
    """Render a Django template (autoescaped) to HTML, then to a tagged A4 PDF."""
    return html_to_pdf(breakable(render_to_string(template_name, context)))
