"""A State's matrix as PDF, in the Committee's layout (WeasyPrint).

The HTML comes from the template ``matrix/pdf.html``; fonts are those shipped for the
Information Notes (``clearinghouse/outreach/notes/fonts``) and the URL fetcher refuses every
URL but those font files and ``data:`` URLs.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.template.loader import render_to_string

from clearinghouse.outreach.notes.render import FONTS_DIR

FACES = (
    ("Noto Sans", "NotoSans-Regular.ttf", "normal"),
    ("Noto Sans", "NotoSans-Bold.ttf", "bold"),
    ("Noto Sans Arabic", "NotoSansArabic-Regular.ttf", "normal"),
    ("WenQuanYi Micro Hei", "WenQuanYiMicroHei-GB2312-subset.ttf", "normal"),
)


def font_css() -> str:
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; src: url("{(FONTS_DIR / name).as_uri()}"); '
        f"font-weight: {weight}; }}"
        for family, name, weight in FACES
    )


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFontsFetcher(URLFetcher):
        """Only the shipped fonts and data: URLs; anything else is refused."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith("file://"):
                path = Path(unquote(urlparse(url).path)).resolve()
                if path.parent == FONTS_DIR and path.is_file():
                    return URLFetcherResponse(url, path.read_bytes(), status=200)
            raise ValueError(f"refused to fetch {url!r}: only the shipped fonts are allowed")

    return LocalFontsFetcher(allowed_protocols=("file", "data"))


_FONT_CONFIG = None


def render_pdf(context: dict) -> bytes:
    """The PDF of ``matrix/pdf.html`` rendered with ``context`` (state, version, tables, counts)."""
    global _FONT_CONFIG
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    if _FONT_CONFIG is None:
        _FONT_CONFIG = FontConfiguration()
    html = render_to_string("matrix/pdf.html", {**context, "font_css": font_css()})
    return HTML(string=html, url_fetcher=_fetcher(), base_url=str(FONTS_DIR)).write_pdf(
        font_config=_FONT_CONFIG
    )
