"""The 1540 Matrix template in the six UN languages (matrix/data/template-v1.labels.json):
every section, row and legend labelled in each language, shown on the matrix pages and in the
PDF in the reader's language; Arabic right to left; Chinese and Arabic in the shipped fonts."""

import json
import re
import unicodedata
from pathlib import Path

import pytest

from clearinghouse.matrix import labels, queries
from clearinghouse.matrix.template import read_template
from tests.pdfimage import inked_share, page_image
from tests.readers import in_language
from tests.textof import pdf_text

SHOTS = Path("/work/wt/notes/shots")
OTHERS = ["fr", "es", "ru", "ar", "zh-hans"]


def code(language: str) -> str:
    return language.split("-")[0]


def flat(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u2011", "-").replace("\u2010", "-")
    return re.sub(r"\s+", "", text)


def test_every_section_row_and_legend_has_its_label_in_each_language():
    spec = read_template()
    data = json.loads((labels.DATA_DIR / "template-v1.labels.json").read_text("utf-8"))
    rows = {labels.row_key(f.code) for f in spec.fields()}
    for language in ("fr", "es", "ru", "ar", "zh"):
        table = data["languages"][language]
        assert set(table["rows"]) == rows
        assert set(table["sections"]) == {s.code for s in spec.sections}
        assert set(table["values"]) == {"X", "?", "NA", ""}
        english = {f.label for f in spec.fields()}
        assert not english & set(table["rows"].values())  # none left in English
        assert all(s["title"] and s["note"] for s in table["sections"].values())
    assert labels.row_label("OP2.BW.01", "Manufacture / produce", "fr") == "Fabriquer / produire"
    assert labels.row_label("OP1.NPT", "x", "zh-hans") == "《不扩散核武器条约》"
    assert labels.row_label("OP1.NPT", "Treaty", "en") == "Treaty"


pytestmark = pytest.mark.django_db


def reader(client, language):
    return in_language(client, language)


@pytest.mark.parametrize("language", OTHERS)
def test_the_matrix_pdf_in_each_language(matrices, client_for, language):
    response = reader(client_for("public"), language).get("/matrix/KAZ/pdf/")
    assert response.status_code == 200
    text = flat(pdf_text(response.content))
    lang = code(language)
    for section in queries.layout().sections:
        title = labels.section_text(section.code, "title", section.title, lang)
        assert title != section.title
        head = title.split(":")[0].split("：")[0]
        if lang == "ar":  # a PDF's Arabic text layer is in visual order: its words, not phrases
            assert all(flat(w) in text for w in re.findall("[\u0600-\u06ff]{3,}", head))
        else:
            assert flat(head) in text
        assert flat(section.title.split(":")[1]) not in text  # no English section title
    npt = labels.row_label("OP1.NPT", "", lang)
    if lang != "ar":
        assert flat(npt) in text
    assert "TreatyontheNon-ProliferationofNuclearWeapons" not in text
    assert "Criminal Code, art. 283".replace(" ", "") in text  # the cells, as recorded
    if lang != "ar":  # the legend
        assert flat(dict(labels.legend(lang))["NA"]) in text
    if lang in ("ar", "zh"):
        image = page_image(response.content, 0, scale=1.0)
        assert inked_share(image) > 0.02
        image.save(SHOTS / f"matrix-{lang}-p1.png") if SHOTS.is_dir() else None


def test_the_arabic_matrix_pdf_is_right_to_left(matrices):
    from django.template.loader import render_to_string
    from django.utils import translation

    from clearinghouse.matrix import tables
    from clearinghouse.matrix.models import MatrixVersion
    from clearinghouse.registry.models import State

    state = State.objects.get(iso3="KAZ")
    version = MatrixVersion.objects.filter(matrix__state=state).order_by("number").first()
    lay = queries.layout_for(version)
    context = {"state": state, "version": version, "caveat": tables.CAVEAT,
               "sections": queries.matrix_tables(lay, queries.version_cells(version)),
               "counts": queries.section_counts(lay, version.measures), "font_css": ""}
    with translation.override("ar"):
        html = render_to_string("matrix/pdf.html", context)
    assert '<html lang="ar" dir="rtl">' in html
    assert "text-align: start" in html and '<td class="number">' in html
    assert "الفقرة 2 من المنطوق: أوجه الحظر" in html


def test_matrix_pages_in_the_readers_language(matrices, client_for):
    state = reader(client_for("public"), "ru").get("/matrix/KAZ/").content.decode()
    assert "Договор о нераспространении ядерного оружия (ДНЯО)" in state
    assert "Пункт 2 постановляющей части: запреты" in state
    assert "Treaty on the Non-Proliferation of Nuclear Weapons" not in state
    template = reader(client_for("public"), "ar").get("/matrix/template/").content.decode()
    assert "معاهدة عدم انتشار الأسلحة النووية" in template
    assert "Operative paragraph 1" not in template
    english = client_for("public").get("/matrix/template/").content.decode()
    assert "Treaty on the Non-Proliferation of Nuclear Weapons (NPT)" in english
