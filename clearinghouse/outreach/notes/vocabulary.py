"""The words of an Information Note in the languages notes are read in: English, French,
Spanish, Russian, Arabic and Chinese (field labels, section headings, kinds of event). Pure
data and patterns; the labels a note is rendered with are in labels.py.
"""

from __future__ import annotations

import re

# Field labels before a colon, by the field they introduce.
FIELD_LABELS = {
    "event": [
        r"Event", r"Title\s+of\s+(?:the\s+)?event", r"Title", r"Name\s+of\s+(?:the\s+)?event",
        r"Manifestation", r"[ÉE]v[éèe]nement", r"Intitul[ée]", r"Titre",
        r"Evento", r"Actividad", r"T[íi]tulo",
        r"Мероприятие", r"Название\s+мероприятия", r"Название",
        r"النشاط", r"الحدث", r"المناسبة", r"عنوان\s+النشاط",
        r"活动名称", r"活动",
    ],
    "organizers": [
        r"Organi[sz]ers?", r"Organi[sz]ed\s+by", r"Co-organi[sz]ers?", r"Hosts?", r"Hosted\s+by",
        r"Organisateurs?", r"Organisateur\(s\)", r"Organis[ée]e?s?\s+par", r"Co-organisateurs?",
        r"Organizador(?:es)?", r"Organizado\s+por", r"Organizada\s+por", r"Coorganizador(?:es)?",
        r"Организаторы?", r"Организатор\(ы\)", r"Организовано",
        r"الجهات\s+المنظمة", r"الجهة\s+المنظمة", r"المنظمون", r"المنظمين",
        r"组织方", r"主办方", r"主办单位",
    ],
    "date": [
        r"Dates?\s+and\s+(?:Venue|Place|Location)", r"(?:Venue|Place|Location)\s+and\s+Dates?",
        r"Dates?\s+et\s+lieux?", r"Lieux?\s+et\s+dates?",
        r"Fechas?\s+y\s+lugar", r"Lugar\s+y\s+fechas?", r"Fechas?\s+y\s+sede", r"Sede\s+y\s+fechas?",
        r"(?:Дата|Даты|Сроки)\s+и\s+место(?:\s+проведения)?", r"Место\s+и\s+(?:дата|даты|сроки)(?:\s+проведения)?",
        r"التاريخ\s+ومكان\s+الانعقاد", r"التاريخ\s+والمكان", r"日期和地点", r"时间和地点",
        r"Dates?", r"Fechas?", r"Дата(?:\s+проведения)?", r"Даты(?:\s+проведения)?", r"Сроки(?:\s+проведения)?",
        r"التاريخ", r"日期",
    ],
    "venue": [
        r"Venue", r"Place", r"Location", r"Lieu", r"Lugar", r"Sede", r"Место(?:\s+проведения)?",
        r"مكان\s+الانعقاد", r"المكان", r"地点",
    ],
    "participants": [r"Participants?", r"Participantes?", r"Участники", r"المشاركون",
                     r"المشاركين", r"与会者", r"参加者"],
}

_CHAIR = (
    r"Chair(?:'s|man's|person's)?\s+summary(?:\s+of\s+the\s+(?:workshop|seminar|conference|"
    r"meeting|event|training\s+course|course|training|briefing|visit|peer\s+review|dialogue|"
    r"forum|round\s*table|symposium))?"
    r"|R[ée]sum[ée]\s+(?:du\s+Pr[ée]sident(?:e)?|de\s+la\s+pr[ée]sidence)(?:\s+de\s+l'\w+)?"
    r"|Resumen\s+(?:de\s+la\s+Presidencia|del\s+Presidente|de\s+la\s+Presidenta)(?:\s+del\s+\w+)?"
    r"|Резюме\s+Председателя|موجز\s+الرئيس|主席总结"
)
SECTION_NAMES = {
    "background": (
        r"Background|Contexte|Historique|G[ée]n[ée]ralit[ée]s|Antecedentes|"
        r"Справочная\s+информация|Общие\s+сведения|Предыстория|معلومات\s+أساسية|背景"
    ),
    "highlights": (
        r"Highlights\s+of\s+(?:the\s+)?discussions?|Highlights|"
        r"Points\s+saillants(?:\s+des\s+(?:d[ée]bats|discussions))?|Faits\s+marquants(?:\s+des\s+d[ée]bats)?|"
        r"Aspectos\s+destacados(?:\s+de\s+los\s+debates)?|Puntos\s+destacados(?:\s+de\s+los\s+debates)?|"
        r"Основные\s+(?:моменты|итоги|темы)\s+(?:обсуждения|обсуждений|дискуссии)|"
        r"أبرز\s+ما\s+دار\s+في\s+المناقشات|讨论要点"
    ),
    "chair_summary": _CHAIR,
    "additional_comments": (
        r"Additional\s+comments?|Observations\s+suppl[ée]mentaires|Commentaires\s+suppl[ée]mentaires|"
        r"Autres\s+observations|Comentarios\s+adicionales|Observaciones\s+adicionales|"
        r"Дополнительные\s+(?:замечания|комментарии)|تعليقات\s+إضافية|其他意见"
    ),
}

# Kinds of event, strongest first (see parser.infer_kind).
KINDS = [
    ("peer review", r"peer[\s-]+review|examen\s+par\s+les\s+pairs|examen\s+entre\s+pairs|"
                    r"examen\s+(?:inter-?pares|entre\s+pares)|взаимн\w+\s+(?:оценк|обзор)\w*"),
    ("country visit", r"country\s+visit|visit\s+to\b|visite\s+(?:de\s+pays|au|en|à)\b|"
                      r"visita\s+(?:al?|a\s+la|de\s+pa[ií]s)\b|визит\w*\s+в\b"),
    ("training course", r"training|course\b|cours\s+de\s+formation|formation\b|"
                        r"curso\b|capacitaci[óo]n|учебн\w+\s+курс|тренинг|курс\w*\s+подготовки"),
    ("workshop", r"workshop|atelier|taller|семинар-практикум|практикум"),
    ("seminar", r"seminar|webinar|s[ée]minaire|seminario|семинар"),
    ("conference", r"conference|symposium|conf[ée]rence|conferencia|конференц"),
    ("briefing", r"briefing|r[ée]union\s+d'information|sesi[óo]n\s+informativa|брифинг"),
    ("meeting", r"meeting|dialogue|forum|consultation|round\s*table|r[ée]union|table\s+ronde|"
                r"reuni[óo]n|di[áa]logo|mesa\s+redonda|consultas|совещани|встреч|диалог|"
                r"круглый\s+стол|форум|консультаци"),
]


def alternatives(key: str) -> str:
    return "|".join(FIELD_LABELS[key])


FIELD_RE = re.compile(
    r"(?<![\w-])(?P<label>"
    + "|".join(f"(?P<{key}>{alternatives(key)})" for key in FIELD_LABELS)
    + r")[ ]*:",
    re.IGNORECASE,
)
