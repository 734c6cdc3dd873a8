"""Reason codes -> sentences in the six UN languages (pure; labels from the taxonomy).

``render(reason, lang)`` gives one sentence; ``render_all`` a tuple. The English sentences are
those the engine has always written. Numbers in sentences are for people: the decimal comma
is used in French, Spanish and Russian (machine formats never go through here).
"""

from __future__ import annotations

from .models import Reason
from .taxonomy import Taxonomy, load_taxonomy

UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")

LANGUAGE_NAMES = {
    "en": {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian",
           "es": "Spanish", "pt": "Portuguese", "de": "German", "ja": "Japanese",
           "ko": "Korean", "fa": "Persian", "tr": "Turkish", "uk": "Ukrainian", "kk": "Kazakh",
           "ky": "Kyrgyz", "tg": "Tajik", "uz": "Uzbek", "tk": "Turkmen", "sw": "Swahili",
           "id": "Indonesian", "ms": "Malay", "th": "Thai", "vi": "Vietnamese", "hi": "Hindi",
           "ur": "Urdu", "it": "Italian", "nl": "Dutch", "mn": "Mongolian", "hy": "Armenian",
           "ka": "Georgian", "az": "Azerbaijani", "sr": "Serbian", "sq": "Albanian",
           "mk": "Macedonian", "ro": "Romanian"},
    "fr": {"ar": "arabe", "zh": "chinois", "en": "anglais", "fr": "français", "ru": "russe",
           "es": "espagnol", "pt": "portugais", "de": "allemand"},
    "es": {"ar": "árabe", "zh": "chino", "en": "inglés", "fr": "francés", "ru": "ruso",
           "es": "español", "pt": "portugués", "de": "alemán"},
    "ru": {"ar": "арабский", "zh": "китайский", "en": "английский", "fr": "французский",
           "ru": "русский", "es": "испанский", "pt": "португальский", "de": "немецкий"},
    "ar": {"ar": "العربية", "zh": "الصينية", "en": "الإنكليزية", "fr": "الفرنسية",
           "ru": "الروسية", "es": "الإسبانية", "pt": "البرتغالية", "de": "الألمانية"},
    "zh": {"ar": "阿拉伯文", "zh": "中文", "en": "英文", "fr": "法文", "ru": "俄文", "es": "西班牙文",
           "pt": "葡萄牙文", "de": "德文"},
}

# Sentences: {lang: {key: template}}; {c} is a signed contribution, {sim} a similarity.
T: dict[str, dict[str, str]] = {
    "en": {
        "area": "Area: {parts} ({c})", "area.sep": "; ",
        "area.none": "Area: none stated or recognised in the request ({c})",
        "rel.exact": "exact match on {r}",
        "rel.offer_broader": "offer covers the broader {o}, which includes requested {r}",
        "rel.offer_narrower": "requested {r}; offer covers part of it: {o}",
        "rel.sibling": "same branch: requested {r}, offer covers {o}",
        "rel.related": "related: requested {r}, offer covers {o}",
        "rel.none": "no offer area matches requested {r}",
        "src.given": "given", "src.inferred": "inferred", "src.from": "inferred from {q}",
        "weapons": "Weapons", "types": "Type", "verb.weapons": "covers", "verb.types": "provides",
        "set.request_none": "{name}: the request names none (neutral, {c})",
        "set.offer_any": "{name}: the offer is not specific (neutral, {c})",
        "weapons.all": "Weapons: both cover {common} ({c})",
        "types.all": "Type: offer provides {common}, requested ({c})",
        "set.partly": "{name}: partly: requested {rl}; offer {verb} {ol} ({c})",
        "set.none": "{name}: requested {rl}; offer {verb} {ol} (no overlap, {c})",
        "language.common": "Language: both in {langs} ({c})",
        "language.none": "Language: request in {rl}, offer in {ol} (no common language, {c})",
        "text": "Text similarity {sim}: shared terms {terms} ({c})", "nothing": "none",
        "concepts": "Shared concepts {sim}: {labels}{quotes} ({c})", "concepts.from": " (from {q})",
        "eligibility.any": "Eligible: the offer is open to any State",
        "eligibility.named": "Eligible: the offer names {state}",
        "eligibility.in_group": "Eligible: {state} is in {group}",
        "eligibility.not": "Not eligible: {state} is not in {groups}",
        "eligibility.organisation_all":
            "Eligible: all {total} member States of {organisation} qualify ({groups})",
        "eligibility.organisation_some":
            "Eligible for {count} of the {total} member States of {organisation}: {members} "
            "({groups})",
        "eligibility.organisation_not":
            "Not eligible: no member State of {organisation} is in {groups}",
        "validity.ended": "Not valid: the offer ended on {vt}, before the request date {d}",
        "validity.not_started": "Not valid: the offer starts on {vf}, after the request date {d}",
        "validity.runs": "Valid: the offer runs {vf} to {vt}, covering the request date {d}",
        "open_start": "open start", "open_end": "open end",
        "load": "Provider load: {used} of {cap} engagement{plural} in use ({c})",
        "load.full": "; no capacity left for a new engagement",
        "pinned": "Pinned by an expert", "excluded": "Excluded by an expert",
        "not_relevant": "Not relevant: no area in common, text similarity {t} below {mt} and "
                        "concept similarity {k} below {mk}",
        "and": " and ", "quote": "'{}'", "list": ", ",
    },
    "fr": {
        "area": "Domaine : {parts} ({c})", "area.sep": " ; ",
        "area.none": "Domaine : aucun indiqué ni reconnu dans la demande ({c})",
        "rel.exact": "correspondance exacte : {r}",
        "rel.offer_broader": "l'offre couvre le domaine plus large {o}, qui inclut le domaine "
                             "demandé {r}",
        "rel.offer_narrower": "domaine demandé {r} ; l'offre en couvre une partie : {o}",
        "rel.sibling": "même branche : domaine demandé {r}, l'offre couvre {o}",
        "rel.related": "domaine connexe : domaine demandé {r}, l'offre couvre {o}",
        "rel.none": "aucun domaine de l'offre ne correspond au domaine demandé {r}",
        "src.given": "indiqué", "src.inferred": "déduit", "src.from": "déduit de {q}",
        "weapons": "Armes", "types": "Type d'assistance", "verb.weapons": "couvre",
        "verb.types": "fournit",
        "set.request_none": "{name} : la demande n'en indique aucun (neutre, {c})",
        "set.offer_any": "{name} : l'offre n'est pas limitée (neutre, {c})",
        "weapons.all": "Armes : la demande et l'offre couvrent {common} ({c})",
        "types.all": "Type d'assistance : l'offre fournit {common}, comme demandé ({c})",
        "set.partly": "{name} : en partie : demandé {rl} ; l'offre {verb} {ol} ({c})",
        "set.none": "{name} : demandé {rl} ; l'offre {verb} {ol} (aucun recoupement, {c})",
        "language.common": "Langue : langue commune : {langs} ({c})",
        "language.none": "Langue : demande en {rl}, offre en {ol} (aucune langue commune, {c})",
        "text": "Similarité textuelle {sim} : termes communs {terms} ({c})", "nothing": "aucun",
        "concepts": "Notions communes {sim} : {labels}{quotes} ({c})",
        "concepts.from": " (d'après {q})",
        "eligibility.any": "Admissible : l'offre est ouverte à tout État",
        "eligibility.named": "Admissible : l'offre désigne {state}",
        "eligibility.in_group": "Admissible : {state} fait partie de {group}",
        "eligibility.not": "Non admissible : {state} ne fait pas partie de {groups}",
        "eligibility.organisation_all":
            "Admissible : les {total} États membres de {organisation} remplissent les "
            "conditions ({groups})",
        "eligibility.organisation_some":
            "Admissible pour {count} des {total} États membres de {organisation} : {members} "
            "({groups})",
        "eligibility.organisation_not":
            "Non admissible : aucun État membre de {organisation} ne fait partie de {groups}",
        "validity.ended": "Non valide : l'offre a pris fin le {vt}, avant la date de la "
                          "demande ({d})",
        "validity.not_started": "Non valide : l'offre commence le {vf}, après la date de la "
                                "demande ({d})",
        "validity.runs": "Valide : période de l'offre : {vf} – {vt}, ce qui couvre la date de "
                         "la demande ({d})",
        "open_start": "début non fixé", "open_end": "fin non fixée",
        "load": "Charge du fournisseur : {used} engagement(s) en cours sur {cap} ({c})",
        "load.full": " ; plus de capacité pour un nouvel engagement",
        "pinned": "Retenu d'office par un expert", "excluded": "Exclu par un expert",
        "not_relevant": "Non pertinent : aucun domaine commun, similarité textuelle {t} "
                        "inférieure à {mt} et similarité des notions {k} inférieure à {mk}",
        "and": " et ", "quote": "« {} »", "list": ", ",
    },
    "es": {
        "area": "Ámbito: {parts} ({c})", "area.sep": "; ",
        "area.none": "Ámbito: ninguno indicado ni reconocido en la solicitud ({c})",
        "rel.exact": "coincidencia exacta: {r}",
        "rel.offer_broader": "la oferta abarca el ámbito más amplio {o}, que incluye el ámbito "
                             "solicitado {r}",
        "rel.offer_narrower": "ámbito solicitado {r}; la oferta cubre una parte: {o}",
        "rel.sibling": "misma rama: ámbito solicitado {r}, la oferta cubre {o}",
        "rel.related": "ámbito conexo: ámbito solicitado {r}, la oferta cubre {o}",
        "rel.none": "ningún ámbito de la oferta corresponde al ámbito solicitado {r}",
        "src.given": "indicado", "src.inferred": "deducido", "src.from": "deducido de {q}",
        "weapons": "Armas", "types": "Tipo de asistencia", "verb.weapons": "abarca",
        "verb.types": "ofrece",
        "set.request_none": "{name}: la solicitud no indica ninguno (neutro, {c})",
        "set.offer_any": "{name}: la oferta no está limitada (neutro, {c})",
        "weapons.all": "Armas: la solicitud y la oferta abarcan {common} ({c})",
        "types.all": "Tipo de asistencia: la oferta ofrece {common}, como se solicita ({c})",
        "set.partly": "{name}: en parte: se solicita {rl}; la oferta {verb} {ol} ({c})",
        "set.none": "{name}: se solicita {rl}; la oferta {verb} {ol} (sin coincidencia, {c})",
        "language.common": "Idioma: idioma común: {langs} ({c})",
        "language.none": "Idioma: solicitud en {rl}, oferta en {ol} (ningún idioma común, {c})",
        "text": "Similitud textual {sim}: términos comunes {terms} ({c})", "nothing": "ninguno",
        "concepts": "Nociones comunes {sim}: {labels}{quotes} ({c})",
        "concepts.from": " (según {q})",
        "eligibility.any": "Admisible: la oferta está abierta a cualquier Estado",
        "eligibility.named": "Admisible: la oferta menciona a {state}",
        "eligibility.in_group": "Admisible: {state} forma parte de {group}",
        "eligibility.not": "No admisible: {state} no forma parte de {groups}",
        "eligibility.organisation_all":
            "Admisible: los {total} Estados miembros de {organisation} cumplen las condiciones "
            "({groups})",
        "eligibility.organisation_some":
            "Admisible para {count} de los {total} Estados miembros de {organisation}: "
            "{members} ({groups})",
        "eligibility.organisation_not":
            "No admisible: ningún Estado miembro de {organisation} forma parte de {groups}",
        "validity.ended": "No válida: la oferta terminó el {vt}, antes de la fecha de la "
                          "solicitud ({d})",
        "validity.not_started": "No válida: la oferta comienza el {vf}, después de la fecha "
                                "de la solicitud ({d})",
        "validity.runs": "Válida: período de la oferta: {vf} – {vt}, lo que abarca la fecha de "
                         "la solicitud ({d})",
        "open_start": "inicio abierto", "open_end": "final abierto",
        "load": "Carga del proveedor: {used} de {cap} compromisos en curso ({c})",
        "load.full": "; no queda capacidad para un nuevo compromiso",
        "pinned": "Fijado por un experto", "excluded": "Excluido por un experto",
        "not_relevant": "No pertinente: ningún ámbito en común, similitud textual {t} inferior "
                        "a {mt} y similitud de nociones {k} inferior a {mk}",
        "and": " y ", "quote": "«{}»", "list": ", ",
    },
    "ru": {
        "area": "Область: {parts} ({c})", "area.sep": "; ",
        "area.none": "Область: в запросе не указана и не распознана ({c})",
        "rel.exact": "точное совпадение: {r}",
        "rel.offer_broader": "предложение охватывает более широкую область {o}, включающую "
                             "запрошенную область {r}",
        "rel.offer_narrower": "запрошенная область {r}; предложение охватывает её часть: {o}",
        "rel.sibling": "та же ветвь: запрошена область {r}, предложение охватывает {o}",
        "rel.related": "смежная область: запрошена область {r}, предложение охватывает {o}",
        "rel.none": "ни одна область предложения не соответствует запрошенной области {r}",
        "src.given": "указано", "src.inferred": "выведено", "src.from": "выведено из {q}",
        "weapons": "Оружие", "types": "Вид помощи", "verb.weapons": "охватывает",
        "verb.types": "предусматривает",
        "set.request_none": "{name}: в запросе не указано (нейтрально, {c})",
        "set.offer_any": "{name}: предложение не ограничено (нейтрально, {c})",
        "weapons.all": "Оружие: запрос и предложение охватывают {common} ({c})",
        "types.all": "Вид помощи: предложение предусматривает {common}, как запрошено ({c})",
        "set.partly": "{name}: частично: запрошено {rl}; предложение {verb} {ol} ({c})",
        "set.none": "{name}: запрошено {rl}; предложение {verb} {ol} (нет совпадений, {c})",
        "language.common": "Язык: общий язык — {langs} ({c})",
        "language.none": "Язык: языки запроса — {rl}, языки предложения — {ol} (нет общего "
                         "языка, {c})",
        "text": "Сходство текстов {sim}: общие термины {terms} ({c})", "nothing": "нет",
        "concepts": "Общие понятия {sim}: {labels}{quotes} ({c})",
        "concepts.from": " (по словам {q})",
        "eligibility.any": "Соответствует условиям: предложение открыто для любого государства",
        "eligibility.named": "Соответствует условиям: в предложении названо государство {state}",
        "eligibility.in_group": "Соответствует условиям: {state} входит в {group}",
        "eligibility.not": "Не соответствует условиям: {state} не входит в {groups}",
        "eligibility.organisation_all":
            "Соответствует условиям: все государства — члены {organisation} ({total}) "
            "отвечают условиям ({groups})",
        "eligibility.organisation_some":
            "Соответствует условиям для {count} из {total} государств — членов "
            "{organisation}: {members} ({groups})",
        "eligibility.organisation_not":
            "Не соответствует условиям: ни одно государство — член {organisation} не входит "
            "в {groups}",
        "validity.ended": "Недействительно: срок предложения истёк {vt}, до даты запроса ({d})",
        "validity.not_started": "Недействительно: предложение действует с {vf}, после даты "
                                "запроса ({d})",
        "validity.runs": "Действительно: срок действия предложения: {vf} – {vt}, что "
                         "охватывает дату запроса ({d})",
        "open_start": "без даты начала", "open_end": "без даты окончания",
        "load": "Загрузка поставщика: задействовано {used} из {cap} ({c})",
        "load.full": "; нет возможности для нового обязательства",
        "pinned": "Закреплено экспертом", "excluded": "Исключено экспертом",
        "not_relevant": "Не подходит: нет общей области, сходство текстов {t} ниже {mt}, "
                        "сходство понятий {k} ниже {mk}",
        "and": " и ", "quote": "«{}»", "list": ", ",
    },
    "ar": {
        "area": "المجال: {parts} ({c})", "area.sep": "؛ ",
        "area.none": "المجال: لم يُحدَّد أي مجال في الطلب ولم يُتعرَّف عليه ({c})",
        "rel.exact": "تطابق تام: {r}",
        "rel.offer_broader": "يشمل العرض المجال الأوسع {o} الذي يتضمن المجال المطلوب {r}",
        "rel.offer_narrower": "المجال المطلوب {r}؛ يغطي العرض جزءاً منه: {o}",
        "rel.sibling": "الفرع نفسه: المجال المطلوب {r}، ويغطي العرض {o}",
        "rel.related": "مجال ذو صلة: المجال المطلوب {r}، ويغطي العرض {o}",
        "rel.none": "لا يطابق أي مجال من مجالات العرض المجال المطلوب {r}",
        "src.given": "محدد في الطلب", "src.inferred": "مستنتج", "src.from": "مستنتج من {q}",
        "weapons": "الأسلحة", "types": "نوع المساعدة", "verb.weapons": "يشمل",
        "verb.types": "يقدم",
        "set.request_none": "{name}: لا يحدد الطلب أياً منها (محايد، {c})",
        "set.offer_any": "{name}: العرض غير مقيد (محايد، {c})",
        "weapons.all": "الأسلحة: يشمل الطلب والعرض {common} ({c})",
        "types.all": "نوع المساعدة: يقدم العرض {common} كما هو مطلوب ({c})",
        "set.partly": "{name}: جزئياً: المطلوب {rl}؛ العرض {verb} {ol} ({c})",
        "set.none": "{name}: المطلوب {rl}؛ العرض {verb} {ol} (لا تداخل، {c})",
        "language.common": "اللغة: لغة مشتركة: {langs} ({c})",
        "language.none": "اللغة: لغات الطلب: {rl}، ولغات العرض: {ol} (لا توجد لغة مشتركة، {c})",
        "text": "تشابه النصوص {sim}: المصطلحات المشتركة {terms} ({c})", "nothing": "لا شيء",
        "concepts": "المفاهيم المشتركة {sim}: {labels}{quotes} ({c})",
        "concepts.from": " (استناداً إلى {q})",
        "eligibility.any": "مؤهل: العرض مفتوح لأي دولة",
        "eligibility.named": "مؤهل: يذكر العرض {state}",
        "eligibility.in_group": "مؤهل: {state} ضمن {group}",
        "eligibility.not": "غير مؤهل: {state} ليست ضمن {groups}",
        "eligibility.organisation_all":
            "مؤهل: جميع الدول الأعضاء في {organisation} ({total}) مستوفية للشروط ({groups})",
        "eligibility.organisation_some":
            "مؤهل لـ {count} من أصل {total} من الدول الأعضاء في {organisation}: {members} "
            "({groups})",
        "eligibility.organisation_not":
            "غير مؤهل: لا توجد دولة عضو في {organisation} ضمن {groups}",
        "validity.ended": "غير سارٍ: انتهى العرض في {vt}، قبل تاريخ الطلب ({d})",
        "validity.not_started": "غير سارٍ: يبدأ العرض في {vf}، بعد تاريخ الطلب ({d})",
        "validity.runs": "سارٍ: مدة العرض: {vf} – {vt}، بما يشمل تاريخ الطلب ({d})",
        "open_start": "دون تاريخ بدء", "open_end": "دون تاريخ انتهاء",
        "load": "عبء مقدم المساعدة: {used} من أصل {cap} من الالتزامات قيد التنفيذ ({c})",
        "load.full": "؛ لا توجد قدرة متبقية لالتزام جديد",
        "pinned": "ثبّته خبير", "excluded": "استبعده خبير",
        "not_relevant": "غير ذي صلة: لا يوجد مجال مشترك، وتشابه النصوص {t} أقل من {mt}، "
                        "وتشابه المفاهيم {k} أقل من {mk}",
        "and": " و", "quote": "«{}»", "list": "، ",
    },
    "zh": {
        "area": "领域：{parts}（{c}）", "area.sep": "；",
        "area.none": "领域：请求中未注明也未识别出任何领域（{c}）",
        "rel.exact": "完全匹配：{r}",
        "rel.offer_broader": "援助提议涵盖更宽的领域{o}，其中包括所请求的{r}",
        "rel.offer_narrower": "所请求的{r}；援助提议涵盖其中一部分：{o}",
        "rel.sibling": "同一分支：所请求的{r}，援助提议涵盖{o}",
        "rel.related": "相关领域：所请求的{r}，援助提议涵盖{o}",
        "rel.none": "援助提议没有与所请求的{r}相符的领域",
        "src.given": "已注明", "src.inferred": "推断", "src.from": "依据{q}推断",
        "weapons": "武器", "types": "援助类型", "verb.weapons": "涵盖", "verb.types": "提供",
        "set.request_none": "{name}：请求未注明（中性，{c}）",
        "set.offer_any": "{name}：援助提议不限（中性，{c}）",
        "weapons.all": "武器：请求和援助提议均涵盖{common}（{c}）",
        "types.all": "援助类型：援助提议提供所请求的{common}（{c}）",
        "set.partly": "{name}：部分相符：请求{rl}；援助提议{verb}{ol}（{c}）",
        "set.none": "{name}：请求{rl}；援助提议{verb}{ol}（无重合，{c}）",
        "language.common": "语言：共同语言为{langs}（{c}）",
        "language.none": "语言：请求使用{rl}，援助提议使用{ol}（无共同语言，{c}）",
        "text": "文本相似度{sim}：共同词语{terms}（{c}）", "nothing": "无",
        "concepts": "共同概念{sim}：{labels}{quotes}（{c}）", "concepts.from": "（依据{q}）",
        "eligibility.any": "符合条件：援助提议向所有国家开放",
        "eligibility.named": "符合条件：援助提议点名{state}",
        "eligibility.in_group": "符合条件：{state}属于{group}",
        "eligibility.not": "不符合条件：{state}不属于{groups}",
        "eligibility.organisation_all": "符合条件：{organisation}的全部{total}个成员国均符合条件"
                                        "（{groups}）",
        "eligibility.organisation_some": "对{organisation}的{total}个成员国中的{count}个符合条件："
                                         "{members}（{groups}）",
        "eligibility.organisation_not": "不符合条件：{organisation}没有成员国属于{groups}",
        "validity.ended": "无效：援助提议已于{vt}结束，早于请求日期（{d}）",
        "validity.not_started": "无效：援助提议自{vf}开始，晚于请求日期（{d}）",
        "validity.runs": "有效：援助提议有效期为{vf}至{vt}，涵盖请求日期（{d}）",
        "open_start": "不限开始日期", "open_end": "不限结束日期",
        "load": "提供方负荷：{cap}项承诺中已有{used}项在执行（{c}）",
        "load.full": "；已无能力承担新的承诺",
        "pinned": "专家已锁定", "excluded": "专家已排除",
        "not_relevant": "不相关：无共同领域，文本相似度{t}低于{mt}，概念相似度{k}低于{mk}",
        "and": "和", "quote": "“{}”", "list": "、",
    },
}


def reader_language(lang: str | None) -> str:
    """One of the six UN languages for a reader's language code ("zh-hans" -> "zh")."""
    code = (lang or "en").split("-")[0].split("_")[0].lower()
    return code if code in UN_LANGUAGES else "en"


def _num(x: float, lang: str, signed: bool = False) -> str:
    x = round(x, 2) + 0.0  # never "-0.00" (a tiny penalty, or -0.0 read back from JSON)
    text = f"{x:+.2f}" if signed else f"{x:.2f}"
    return text.replace(".", ",") if lang in ("fr", "es", "ru") else text


def _join(items: list[str], lang: str) -> str:
    t = T[lang]
    if len(items) <= 1:
        return "".join(items)
    return t["list"].join(items[:-1]) + t["and"] + items[-1]


def _quoted(words, lang: str) -> str:
    return T[lang]["list"].join(T[lang]["quote"].format(w) for w in words)


def language_name(code: str, lang: str) -> str:
    return LANGUAGE_NAMES[lang].get(code) or LANGUAGE_NAMES["en"].get(code, code)


def _label(tax: Taxonomy, kind: str, code: str, lang: str, display: bool = True) -> str:
    term = tax.terms[kind].get(code)
    if term is None:
        return code
    return term.display_in(lang) if display and kind == "areas" else term.label_in(lang)


def render(reason: Reason, lang: str = "en", taxonomy: Taxonomy | None = None) -> str:
    """The sentence of one reason in ``lang`` (one of the six UN languages; else English)."""
    lang = reader_language(lang)
    tax = taxonomy or load_taxonomy()
    t = T[lang]
    p = reason.params
    code = reason.code
    if code == "legacy":  # a sentence stored before reasons were kept as codes: as written
        return str(p.get("text", ""))
    c = _num(p["contribution"], lang, signed=True) if "contribution" in p else ""
    if code == "area":
        parts = []
        for part in p["parts"]:
            r = _label(tax, "areas", part["requested"], lang)
            o = _label(tax, "areas", part["offered"], lang) if part["offered"] else ""
            core = t[f"rel.{part['relation']}"].format(r=r, o=o)
            if part["source"] == "given":
                src = t["src.given"]
            elif part["evidence"]:
                src = t["src.from"].format(q=_quoted(part["evidence"][:3], lang))
            else:
                src = t["src.inferred"]
            parts.append(f"{core} ({src})" if lang != "zh" else f"{core}（{src}）")
        return t["area"].format(parts=t["area.sep"].join(parts), c=c)
    if code == "area.none":
        return t["area.none"].format(c=c)
    kind, _, case = code.partition(".")
    if kind in ("weapons", "types"):
        def labels(codes):
            return _join([_label(tax, kind, x, lang) for x in codes], lang)
        name, verb = t[kind], t[f"verb.{kind}"]
        if case == "all":
            return t[f"{kind}.all"].format(common=labels(p["common"]), c=c)
        return t[f"set.{case}"].format(name=name, verb=verb, rl=labels(p["requested"]),
                                       ol=labels(p["offered"]), c=c)
    if code == "language.common":
        return t[code].format(langs=_join([language_name(x, lang) for x in p["common"]], lang),
                              c=c)
    if code == "language.none":
        return t[code].format(rl=_join([language_name(x, lang) for x in p["requested"]], lang),
                              ol=_join([language_name(x, lang) for x in p["offered"]], lang),
                              c=c)
    if code == "text":
        terms = _quoted(p["terms"], lang) if p["terms"] else t["nothing"]
        return t["text"].format(sim=_num(p["similarity"], lang), terms=terms, c=c)
    if code == "concepts":
        names = [_label(tax, *name.split(":", 1), lang, display=False) for name in p["concepts"]]
        labels = T[lang]["list"].join(names) if names else t["nothing"]
        quotes = t["concepts.from"].format(q=_quoted(reason.quotes, lang)) if reason.quotes else ""
        return t["concepts"].format(sim=_num(p["similarity"], lang), labels=labels,
                                    quotes=quotes, c=c)
    if kind == "eligibility":
        args = dict(p)
        if "groups" in p:
            args["groups"] = _join(list(p["groups"]), lang)
        if "members" in p:
            args["members"] = T[lang]["list"].join(p["members"])
        return t[code].format(**args)
    if kind == "validity":
        vf = str(p["valid_from"]) if p.get("valid_from") else t["open_start"]
        vt = str(p["valid_to"]) if p.get("valid_to") else t["open_end"]
        return t[code].format(vf=vf, vt=vt, d=str(p["date"]))
    if code == "load":
        plural = "s" if p["capacity"] > 1 else ""
        text = t["load"].format(used=p["used"], cap=p["capacity"], plural=plural, c=c)
        return text + (t["load.full"] if p["full"] else "")
    if code in ("pinned", "excluded"):
        return t[code]
    if code == "not_relevant":
        return t[code].format(t=_num(p["text"], lang), mt=_num(p["min_text"], lang),
                              k=_num(p["concepts"], lang), mk=_num(p["min_concepts"], lang))
    raise ValueError(f"unknown reason code {code!r}")


def render_all(reasons, lang: str = "en", taxonomy: Taxonomy | None = None) -> tuple[str, ...]:
    return tuple(render(r, lang, taxonomy) for r in reasons)
