"""The one PDF machinery: shipped fonts, and a fetcher that goes nowhere."""

import io

import pytest
from pypdf import PdfReader

from clearinghouse.pdf import FACES, FONTS_DIR, font_css, html_to_pdf, url_fetcher


@pytest.mark.parametrize(
    "url",
    ["http://example.org/x.css", "https://example.org/f.ttf", "file:///etc/passwd",
     "ftp://example.org/a", f"file://{FONTS_DIR}/../__init__.py"],
)
def test_the_fetcher_refuses_everything_but_the_shipped_fonts(url):
    with pytest.raises(ValueError, match="refused"):
        url_fetcher().fetch(url)


def test_the_fetcher_serves_the_shipped_fonts():
    for _family, name, _weight in FACES:
        assert url_fetcher().fetch((FONTS_DIR / name).as_uri()).status == 200


def test_a_document_with_a_remote_image_still_renders_without_it():
    html = (f"<html><head><style>{font_css()} body {{ font-family: 'Noto Sans'; }}</style></head>"
            "<body><p>Kazakhstan Казахстан 哈萨克斯坦 كازاخستان</p>"
            '<img src="http://example.org/tracker.png"></body></html>')
    reader = PdfReader(io.BytesIO(html_to_pdf(html)))
    text = reader.pages[0].extract_text()
    assert "Kazakhstan" in text and "Казахстан" in text and "哈萨克斯坦" in text
