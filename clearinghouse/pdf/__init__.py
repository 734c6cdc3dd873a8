"""PDF documents: WeasyPrint with the fonts shipped in ``fonts/`` and a fetcher that goes nowhere.

One place for every PDF the platform writes (Information Notes, the matrix in the Committee's
layout, the matchmaking briefing, the annual outreach review). Pure Python (no Django).
The URL fetcher refuses every URL but the shipped font files and ``data:`` URLs: a document
never reaches the network or the file system (WeasyPrint had two URL-fetcher CVEs in 2026).
Fonts: Noto Sans (Latin, Cyrillic), Noto Sans Arabic, WenQuanYi Micro Hei (GB 2312 subset) for
Chinese; licences and sources in ``fonts/README.md``.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
FACES = (
    ("Noto Sans", "NotoSans-Regular.ttf", "normal"),
    ("Noto Sans", "NotoSans-Bold.ttf", "bold"),
    ("Noto Sans Arabic", "NotoSansArabic-Regular.ttf", "normal"),
    ("WenQuanYi Micro Hei", "WenQuanYiMicroHei-GB2312-subset.ttf", "normal"),
)
FONT_FAMILY = '"Noto Sans", "Noto Sans Arabic", "WenQuanYi Micro Hei", sans-serif'


def font_css() -> str:
    """@font-face rules for the shipped fonts, to put in a document's <style>."""
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; src: url("{(FONTS_DIR / name).as_uri()}"); '
        f"font-weight: {weight}; }}"
        for family, name, weight in FACES
    )


def url_fetcher():
    """A WeasyPrint URL fetcher that serves only the shipped fonts and data: URLs."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFontsFetcher(URLFetcher):
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


def html_to_pdf(html: str, attachments: tuple[tuple[str, str], ...] = ()) -> bytes:
    """Render a complete HTML document (with :func:`font_css` in its style) to PDF bytes, with
    ``attachments`` ((file name, text) pairs) embedded as files of the PDF.

    Control characters (an old record may hold some) are removed first (``core.text``).
    """
    global _FONT_CONFIG
    from weasyprint import HTML, Attachment
    from weasyprint.text.fonts import FontConfiguration

    from clearinghouse.core.text import clean_text

    html = clean_text(html)
    if _FONT_CONFIG is None:
        _FONT_CONFIG = FontConfiguration()
    embedded = [Attachment(string=clean_text(text), name=name) for name, text in attachments]
    return HTML(string=html, url_fetcher=url_fetcher(), base_url=str(FONTS_DIR)).write_pdf(
        font_config=_FONT_CONFIG, attachments=embedded or None
    )
