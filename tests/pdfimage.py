"""Look at a generated PDF as a person would: render a page to an image (pdfium, from PyPI).

No system tool (poppler's pdftoppm is not on a fresh machine); the tests render with pypdfium2.
"""

import pypdfium2


def page_image(pdf: bytes, page: int = 0, scale: float = 0.6):
    """The page as a PIL image."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[page].render(scale=scale).to_pil()
    finally:
        document.close()


def inked_share(image) -> float:
    """Share of the page's pixels that are not white (a blank page gives 0)."""
    grey = image.convert("L")
    histogram = grey.histogram()
    return 1 - sum(histogram[245:]) / (grey.width * grey.height)
