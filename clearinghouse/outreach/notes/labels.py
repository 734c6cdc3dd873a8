"""The words a rendered Information Note is written with, in the six UN languages.

Pure data (no Django, no gettext: the renderer is pure). The wording follows the Committee's
own notes and the glossaries of docs/translating.md: "Note d'information", "Nota
informativa", "Информационная записка", "مذكرة إعلامية", "情况说明". The parser reads every
one of these back (vocabulary.py, textclean.py, dates.py): a note rendered in any of the six
languages round-trips through the importer.
"""

from __future__ import annotations

from clearinghouse.outreach.notes.model import FOOTNOTE

LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")
RTL = ("ar",)

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Information Note",
        "event": "Event",
        "organizers": "Organizers",
        "date": "Date and Venue",
        "participants": "Participants",
        "background": "Background",
        "highlights": "Highlights of the Discussions",
        "chair": "Chair's summary",
        "additional": "Additional comments",
        "committee": "1540 Committee",
        "related": "Related events",
        "link": "Link",
        "footnote": FOOTNOTE,
    },
    "fr": {
        "title": "Note d'information",
        "event": "Manifestation",
        "organizers": "Organisateurs",
        "date": "Date et lieu",
        "participants": "Participants",
        "background": "Contexte",
        "highlights": "Points saillants des débats",
        "chair": "Résumé du Président",
        "additional": "Observations supplémentaires",
        "committee": "Comité 1540",
        "related": "Manifestations connexes",
        "link": "Lien",
        "footnote": (
            "À titre d'information uniquement - ce document ne constitue pas un rapport "
            "officiel. Les opinions exprimées ici ne représentent pas nécessairement celles du "
            "Comité 1540, des organisateurs ou des participants à la manifestation"
        ),
    },
    "es": {
        "title": "Nota informativa",
        "event": "Evento",
        "organizers": "Organizadores",
        "date": "Fecha y lugar",
        "participants": "Participantes",
        "background": "Antecedentes",
        "highlights": "Aspectos destacados de los debates",
        "chair": "Resumen de la Presidencia",
        "additional": "Comentarios adicionales",
        "committee": "Comité 1540",
        "related": "Eventos conexos",
        "link": "Enlace",
        "footnote": (
            "Solo a título informativo - no constituye un informe oficial. Las opiniones "
            "expresadas aquí no representan necesariamente las del Comité 1540, de los "
            "organizadores o de los participantes en el evento"
        ),
    },
    "ru": {
        "title": "Информационная записка",
        "event": "Мероприятие",
        "organizers": "Организаторы",
        "date": "Дата и место проведения",
        "participants": "Участники",
        "background": "Справочная информация",
        "highlights": "Основные моменты обсуждения",
        "chair": "Резюме Председателя",
        "additional": "Дополнительные замечания",
        "committee": "Комитет 1540",
        "related": "Связанные мероприятия",
        "link": "Ссылка",
        "footnote": (
            "Только для информации - не является официальным докладом. Мнения, изложенные "
            "здесь, не обязательно отражают мнения Комитета 1540, организаторов или участников "
            "мероприятия"
        ),
    },
    "ar": {
        "title": "مذكرة إعلامية",
        "event": "النشاط",
        "organizers": "الجهات المنظمة",
        "date": "التاريخ ومكان الانعقاد",
        "participants": "المشاركون",
        "background": "معلومات أساسية",
        "highlights": "أبرز ما دار في المناقشات",
        "chair": "موجز الرئيس",
        "additional": "تعليقات إضافية",
        "committee": "لجنة القرار 1540",
        "related": "أنشطة ذات صلة",
        "link": "الرابط",
        "footnote": (
            "للعلم فقط - ليست تقريرا رسميا. الآراء الواردة هنا لا تمثل بالضرورة آراء لجنة "
            "القرار 1540 أو الجهات المنظمة للنشاط أو المشاركين فيه"
        ),
    },
    "zh": {
        "title": "情况说明",
        "event": "活动",
        "organizers": "组织方",
        "date": "日期和地点",
        "participants": "与会者",
        "background": "背景",
        "highlights": "讨论要点",
        "chair": "主席总结",
        "additional": "其他意见",
        "committee": "1540委员会",
        "related": "相关活动",
        "link": "链接",
        "footnote": "仅供参考，并非正式报告。此处表达的观点不一定代表1540委员会、活动组织方或与会者的观点",
    },
}


def language_of(language: str | None) -> str:
    """One of the six: "fr-ca" -> "fr", "zh-hans" -> "zh"; anything else -> "en"."""
    code = (language or "en").lower().replace("_", "-").split("-")[0]
    return code if code in LABELS else "en"


def labels(language: str | None) -> dict[str, str]:
    return LABELS[language_of(language)]


def colon(language: str | None) -> str:
    """The colon after a label: full width in Chinese."""
    return "：" if language_of(language) == "zh" else ":"


DEFAULT_CHAIR_HEADINGS = {v["chair"].lower() for v in LABELS.values()}
