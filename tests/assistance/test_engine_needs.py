"""The splitter: numbered and bulleted lists in any of the six UN languages become proposed
needs; a one-need request stays one need."""

import pytest

from clearinghouse.assistance.engine import split_needs

from .eval_data import load


def texts(description):
    return [n.text for n in split_needs(description).needs]


@pytest.mark.parametrize("description, expected", [
    ("Kazakhstan requests:\n1. legislation on export control;\n2. training of licensing "
     "officers;\n3. equipment for border posts.",
     ["legislation on export control", "training of licensing officers",
      "equipment for border posts"]),
    ("The State requests: 1) a control list; 2) training of customs; and 3) detectors.",
     ["a control list", "training of customs", "detectors"]),
    ("CARICOM requests: (a) model legislation; (b) customs training; (c) national reports.",
     ["model legislation", "customs training", "national reports"]),
    ("Needs:\na) legislation\nb) training", ["legislation", "training"]),
    ("Assistance requested:\ni. legal review;\nii. control list;\niii. training;\niv. equipment",
     ["legal review", "control list", "training", "equipment"]),
    ("Needs:\n- legislation\n- licensing\n- border equipment",
     ["legislation", "licensing", "border equipment"]),
    ("Needs:\n• biosafety training\n• pathogen storage", ["biosafety training",
                                                        "pathogen storage"]),
    ("First, legislation on chemical weapons. Second, training of the National Authority.",
     ["legislation on chemical weapons", "training of the National Authority"]),
    ("Le Mali demande : Premièrement, une loi. Deuxièmement, une formation des douaniers.",
     ["une loi", "une formation des douaniers"]),
    ("Bolivia solicita. En primer lugar, una ley. En segundo lugar, capacitación.",
     ["una ley", "capacitación"]),
    ("Во-первых, закон об экспортном контроле. Во-вторых, обучение таможенников.",
     ["закон об экспортном контроле", "обучение таможенников"]),
    ("تطلب الدولة: أولاً، قانون وطني؛ ثانياً، تدريب الجمارك.", ["قانون وطني", "تدريب الجمارك"]),
    ("تطلب الدولة:\n١. قانون وطني؛\n٢. تدريب الجمارك؛\n٣. أجهزة الكشف",
     ["قانون وطني", "تدريب الجمارك", "أجهزة الكشف"]),
    ("تطلب الدولة: أ) قانون وطني؛ ب) تدريب الجمارك", ["قانون وطني", "تدريب الجمارك"]),
    ("蒙古国请求：一、起草出口管制法律；二、培训海关人员；三、提供探测设备。",
     ["起草出口管制法律", "培训海关人员", "提供探测设备"]),
    ("柬埔寨请求：\n（一）国家行动计划；\n（二）部门间协调。", ["国家行动计划", "部门间协调"]),
    ("东帝汶请求：1．刑法条款；2．培训检察官。", ["刑法条款", "培训检察官"]),
    ("请求：第一，立法；第二，培训。", ["立法", "培训"]),
    ("请求：①立法；②培训", ["立法", "培训"]),
    ("Таджикистан просит: а) план действий; б) координация.", ["план действий",
                                                              "координация"]),
    ("Le Congo demande :\n1° une loi ;\n2° une liste de contrôle.",
     ["une loi", "une liste de contrôle"]),
    ("Se solicita:\n1ª) una ley;\n2ª) capacitación.", ["una ley", "capacitación"]),
])
def test_lists_in_six_languages_become_needs(description, expected):
    split = split_needs(description)
    assert split.is_list
    assert [n.text for n in split.needs] == expected


def test_headings_restart_the_numbering():
    text = ("(Date of Request: 4 April 2008)\n\nRelated to physical protection measures:\n\n"
            "  1. Upgrade the physical protection of the nuclear power plant.\n\n"
            "Related to border controls:\n\n  1. Protection, detection and decontamination "
            "equipment")
    split = split_needs(text)
    assert [n.heading for n in split.needs] == ["Related to physical protection measures:",
                                                "Related to border controls:"]
    assert split.needs[1].full_text == ("Related to border controls: Protection, detection and "
                                        "decontamination equipment")
    assert split.preamble == "(Date of Request: 4 April 2008)"


def test_nested_lists_stay_in_their_item_and_closing_words_are_kept_apart():
    split = split_needs("The State requests:\n1. Legislation: a) CWC; b) BWC.\n2. Training of "
                        "customs.\n\nThe Government thanks the Committee.")
    assert [n.text for n in split.needs] == ["Legislation: a) CWC; b) BWC", "Training of customs"]
    assert split.postamble == "The Government thanks the Committee"
    assert split.preamble == "The State requests"
    first = split.needs[0]
    assert first.marker == "1." and first.start < first.end


@pytest.mark.parametrize("description", [
    "Kazakhstan requests training on resolution 1540 (2004) and on FATF Recommendation 7. "
    "Article 3. of the law applies.",
    "The State requests: 1. only one item to do.",
    "Morocco requests the following: i.e. the review of its law on chemicals.",
    "Uganda requests support (a) for its FIU.",
    "- a single bullet",
    "",
])
def test_one_need_stays_one_need(description):
    split = split_needs(description)
    assert not split.is_list and len(split.needs) == 1


def test_evaluation_requests_split_as_labelled():
    base, multi = load()
    for r in base["requests"]:
        assert not split_needs(r["description"]).is_list, r["id"]
    for r in multi["requests"]:
        if "needs" in r:
            continue
        labels = multi["labels"][r["id"]]
        expected = len(labels) if isinstance(labels[0], list) else 1
        assert len(split_needs(r["description"]).needs) == expected, r["id"]
