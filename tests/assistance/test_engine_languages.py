"""The six UN languages: detection, stems, Chinese characters, keywords in every language."""

import pytest

from clearinghouse.assistance.engine import detect, load_taxonomy
from clearinghouse.assistance.engine.lang import analyzer, function_word_language

from .eval_data import OFFER_WRITTEN_IN, WRITTEN_IN, load


def test_detection_on_every_evaluation_text():
    base, multi = load()
    records = base["requests"] + base["offers"] + multi["requests"] + multi["offers"]
    wrong = []
    for rec in records:
        truth = WRITTEN_IN.get(rec["id"]) or OFFER_WRITTEN_IN[rec["id"]]
        text = f"{rec['title']}. {rec['description']}"
        if detect(text) != truth:
            wrong.append((rec["id"], detect(text), truth))
    assert not wrong, wrong
    assert len(records) >= 120


@pytest.mark.parametrize("text, lang", [
    ("出口管制", "zh"), ("الرقابة على الصادرات", "ar"), ("Экспортный контроль", "ru"),
    ("The Government requests training for the customs service of the country.", "en"),
    ("Le Gouvernement demande une formation pour les agents des douanes et de la police.", "fr"),
    ("El Gobierno solicita capacitación para los funcionarios de aduanas y de la policía.",
     "es"),
    ("1540", "en"),  # no letters: the default
])
def test_detection_by_script_words_and_model(text, lang):
    assert detect(text) == lang


def test_function_words_decide_only_without_doubt():
    assert function_word_language("the training of the customs and the police") == "en"
    assert function_word_language("controles fronterizos") is None  # too short: the model


@pytest.mark.parametrize("lang, words", [
    ("fr", ["législation", "législatives", "legislation"]),
    ("es", ["controles", "control"]),
    ("ru", ["экспортного", "экспортный", "экспортному"]),
    ("ar", ["التدريب", "والتدريب", "للتدريب", "تدريب"]),
    ("en", ["licensing", "licensed", "license"]),
])
def test_inflections_share_a_stem(lang, words):
    an = analyzer(lang)
    assert len({an.stem(an.normalise(w)) for w in words}) == 1


def test_chinese_terms_are_character_bigrams_without_function_characters():
    assert analyzer("zh").terms("国家行动计划的制定") == ["国家", "家行", "行动", "动计", "计划",
                                                     "制定"]


@pytest.mark.parametrize("lang, text, area", [
    ("fr", "Renforcer les contrôles à l'exportation des biens à double usage", "op3d"),
    ("es", "Fortalecer los controles fronterizos y la detección de radiación", "op3c"),
    ("ru", "Совершенствование системы экспортного контроля", "op3d"),
    ("ar", "تعزيز الرقابة على الصادرات", "op3d"),
    ("zh", "加强出口管制", "op3d"),
    ("en", "Strengthen export controls", "op3d"),
    ("ar", "إعداد خطة العمل الوطنية", "nap"),
    ("zh", "编写第一份国家报告", "reporting"),
    ("ru", "Биологическая безопасность лабораторий", "biosec"),
    ("es", "Legislación sobre armas químicas", "op2.chemical"),
])
def test_keywords_in_every_language(lang, text, area):
    inferrer = load_taxonomy().inferrer()
    found = inferrer.infer(text, lang)
    assert area in found["areas"], found["areas"]
    assert all(e in text for e in found["areas"][area])  # the words as written


def test_acronyms_are_found_in_any_language():
    inferrer = load_taxonomy().inferrer()
    assert "chemical" in inferrer.infer("Mise en œuvre de la CWC", "fr")["weapons"]
    assert "pf" in inferrer.infer("Рекомендации ФАТФ и FATF", "ru")["areas"]
    assert "nuclear" in inferrer.infer("与IAEA合作", "zh")["weapons"]


def test_taxonomy_has_every_term_in_six_languages():
    tax = load_taxonomy()
    for kind in ("areas", "weapons", "types", "concepts"):
        for term in tax.terms[kind].values():
            assert set(term.labels) == {"ar", "zh", "en", "fr", "ru", "es"}, term.code
            langs = {k for k, v in term.keywords.items() if v}
            assert langs >= {"ar", "zh", "en", "fr", "ru", "es"}, (term.code, langs)


def test_the_file_keeps_an_english_label_that_other_pages_read():
    import json

    from clearinghouse.assistance.engine.taxonomy import DEFAULT_PATH

    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    for kind in ("areas", "weapons", "types", "concepts"):
        for raw in data[kind]:
            assert isinstance(raw["label"], str) and raw["label"] == raw["labels"]["en"]
