"""Build the pages' web fonts (WOFF2) from the fonts shipped for the PDFs.

    .venv/bin/python scripts/build_web_fonts.py

The pages name the reader's own fonts first; these two are the last resort for a device that
has no Arabic or no Chinese font (they are fetched only when a page holds such characters,
thanks to ``unicode-range`` in site.css). Same fonts, same licences as clearinghouse/pdf/fonts
(its README); WOFF2 is only their compressed form (fontTools + brotli, both installed with
WeasyPrint).
"""

from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent / "clearinghouse"
SOURCES = {
    "NotoSansArabic-Regular.ttf": "noto-sans-arabic.woff2",
    "WenQuanYiMicroHei-GB2312-subset.ttf": "wenquanyi-microhei-gb2312.woff2",
}

for source, target in SOURCES.items():
    font = TTFont(ROOT / "pdf" / "fonts" / source)
    font.flavor = "woff2"
    out = ROOT / "static" / "clearinghouse" / "fonts" / target
    font.save(out)
    print(f"{out.relative_to(ROOT.parent)}: {out.stat().st_size:,} bytes")
