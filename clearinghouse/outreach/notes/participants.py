"""The participant-list reader: one pure module used by the note importer and the event form.

A list of participants as notes write it: groups introduced by a label and a colon
("Central Asia States: ...", "Civil society, private sector and other entities: ...",
"Organisations internationales : ..."), items separated by commas, semicolons, "and" or line
ends, in text that PDF extraction may have run together. The registry decides where names
end: a comma inside a known name ("Verification Research, Training and Information Centre")
or inside brackets is not a separator, and a label found in run-on text ("... Kazakhstan Other
States: ...") starts where the name before it ends. Empty items (mirrors strip linked names
to ", , ,") are dropped silently. Pure: the resolver comes in through :class:`Names`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clearinghouse.outreach.notes import textclean as tc
from clearinghouse.outreach.notes.model import Participant
from clearinghouse.outreach.notes.names import Names, clean_item, split_and, split_depth0

DEFAULT_GROUP = "Participants"
MAX_MERGE = 5  # pieces a comma-separated name may span

# Words that group labels are made of, in the languages notes are read in (compared folded).
LABEL_WORDS = frozenset(
    """states state countries country governments government member members other others
    international internationals regional sub-regional subregional intergovernmental
    organizations organisations organization organisation bodies body agencies agency
    institutions entities entity civil society private sector industry industries academia
    academic academics research institutes think tanks tank non-governmental ngos ngo
    observers observer participants participant experts expert representatives delegations
    delegates host hosts guests guest invited speakers partners donor donors un united nations
    system and of the from in other as well a an also parliamentarians parliaments parliament
    universities university centres centers national local relevant associations
    specialized specialised main partner
    etats etat pays autres autre membres membre organisations organisation internationales
    internationale regionales regionale sous-regionales intergouvernementales societe civile
    secteur prive milieux universitaires industrie entites observateurs participants experts
    representants delegations invites hotes partenaires et de des du la le les systeme
    nations unies organismes institutions
    estados estado paises otros otras miembros organizaciones organizacion internacionales
    internacional regionales subregionales intergubernamentales sociedad civil sector privado
    academia industria entidades observadores participantes expertos representantes
    delegaciones invitados anfitrion socios y de del las los el sistema naciones unidas
    государства государство страны другие иные члены международные региональные
    субрегиональные межправительственные организации организация гражданское общество
    частный сектор промышленность академические круги научные учреждения наблюдатели
    участники эксперты представители делегации и приглашенные система оон органы
    """.split()
)

COMMITTEE_LABEL = re.compile(
    r"^(?:the\s+)?(?:(?:1540\s+)?committee(?:\s+1540)?|le\s+comit[eé]\s+1540|comit[eé](?:\s+1540)?|"
    r"el\s+comit[eé]\s+1540|комитет(?:\s+1540)?|لجنة(?:\s+القرار)?\s+1540|1540\s*委员会)$",
    re.IGNORECASE,
)
# A group whose text says how many came rather than who: "two experts", "the Chair and one
# expert", "deux experts", "dos expertos", "два эксперта" (not "1540 Committee Chair, ...").
_QUANTITY = re.compile(
    r"^(?:one|two|three|four|five|six|seven|eight|nine|ten|several|a|an|the\s+chair|"
    r"un|une|deux|trois|quatre|cinq|plusieurs|le\s+pr[eé]sident|la\s+pr[eé]sidente|"
    r"uno|una|dos|tres|cuatro|cinco|varios|varias|el\s+presidente|la\s+presidenta|"
    r"один|одна|два|две|три|четыре|пять|несколько|председатель|"
    r"(?!1540\b)\d{1,3})\b[^,;]*\b(?:members?|experts?|representatives?|delegates?|participants?|"
    r"chair|officials?|staff|observers?|membres?|repr[eé]sentants?|d[eé]l[eé]gu[eé]s?|"
    r"miembros?|expertos?|representantes?|delegados?|"
    r"член\w*|эксперт\w*|представител\w*|делегат\w*)\b",
    re.IGNORECASE,
)
_URL_COLON = re.compile(r"(?:https?|ftp|mailto)$", re.IGNORECASE)
_CONNECTOR_END = re.compile(
    r"(?:\b(?:of|and|for|the|on|in|to|de|du|des|la|le|les|et|pour|el|los|las|del|y|para|"
    r"и|по|в|для)|[(&/-])$", re.IGNORECASE)


@dataclass
class Group:
    label: str
    items_text: str = ""
    line: int = 1  # line of the label in the text (the event form names it)


@dataclass
class Reading:
    participants: list[Participant]
    committee: str | None
    empty_groups: list[Group]


def _fold(word: str) -> str:
    import unicodedata

    word = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in word if not unicodedata.combining(c)).strip(".,;:'\"()")


def _label_words(text: str) -> list[str]:
    return [_fold(w) for w in re.findall(r"[\w'-]+", text)]


def is_label_like(text: str) -> bool:
    """Is this made only of words that group labels use ("Other States", "Civil society")?"""
    words = _label_words(text)
    return bool(words) and all(w in LABEL_WORDS for w in words)


def _colons(text: str) -> list[int]:
    """Colons that end a group label: not in "http:", "10:30" or inside brackets."""
    out, depth = [], 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif ch == ":" and depth == 0:
            before = text[max(0, i - 6):i]
            if _URL_COLON.search(before) or (i and text[i - 1].isdigit() and text[i + 1:i + 2].isdigit()):
                continue
            out.append(i)
    return out


def _is_label(text: str) -> bool:
    return is_label_like(text) or bool(COMMITTEE_LABEL.match(tc.collapse(text)))


def _split_run_on(segment: str, names: Names) -> int:
    """Where a label starts in run-on text: "Turkmenistan Other States" (offset of "Other"),
    "Trinidad and Tobago other states", "Shipping Association 1540 Committee"; or 0."""
    words = list(re.finditer(r"\S+", segment))
    if len(words) < 2 or _is_label(segment):
        return 0
    best: tuple[float, int] | None = None
    for i in range(1, len(words)):
        start, word = words[i].start(), words[i].group(0)
        tail_is_label = _is_label(segment[start:])
        if not (word[:1].isupper() or word[:1].isdigit() or tail_is_label):
            continue
        prefix = tc.collapse(segment[:start])
        conf = names.confident(prefix) or (1.0 if names.split_and(prefix) else 0.0)
        if conf and tail_is_label:
            conf += 1.0  # a known name, then label words: the likeliest cut
        if conf and (best is None or conf >= best[0]):
            best = (conf, start)
    if best is not None:
        return best[1]
    # No name before it resolves: the label is the longest tail made of label words.
    for i in range(1, len(words)):
        start, word = words[i].start(), words[i].group(0)
        if (word[:1].isupper() or word[:1].isdigit()) and _is_label(segment[start:]):
            return start
    return 0


def _label_start(text: str, start: int, colon: int, names: Names, first: bool) -> int:
    """Where the label that ends at ``colon`` begins (``start``: where this group's text may
    begin, after the previous label)."""
    before = text[start:colon]
    stripped = before.strip()
    if not stripped:
        return colon
    # Separators at depth 0 before the colon.
    seps = [m.start() for m in re.finditer(r"[,;\n]", before)]
    depth_ok = [p for p in seps if before[:p].count("(") == before[:p].count(")")]
    if not depth_ok:
        if first:
            return start + len(before) - len(before.lstrip())
        return start + _split_run_on(before, names)
    last = depth_ok[-1]
    label_from = last + 1
    extended = False
    # "Civil society, private sector and other entities:": a label that goes on after a
    # comma (its next part starts with a small letter) takes the label words before it.
    while last >= 0 and before[last] == "," and before[label_from:].strip()[:1].islower():
        previous = [p for p in depth_ok if p < last]
        head = previous[-1] + 1 if previous else 0
        chunk = before[head:last]
        if not is_label_like(chunk):
            # "UNLIREC Civil society, private sector ...": the label starts inside the chunk.
            offset = _split_run_on(chunk, names)
            if offset and is_label_like(chunk[offset:]):
                label_from, extended, last = head + offset, True, -1
            break
        label_from, last, extended = head, (previous[-1] if previous else -1), True
    segment = before[label_from:]
    offset = 0
    at_line_start = last >= 0 and before[last] == "\n"
    if "\n" not in segment.strip() and not at_line_start and (not extended or last < 0):
        offset = _split_run_on(segment, names)
    return start + label_from + offset


def split_groups(text: str, names: Names) -> list[Group]:
    """The groups of a participants field, in order. Text before the first label belongs to
    the group "Participants"."""
    text = text or ""
    groups: list[Group] = []
    cuts: list[tuple[int, int]] = []  # (label start, colon)
    start = 0
    for colon in _colons(text):
        label_start = _label_start(text, start, colon, names, first=not cuts)
        label = tc.collapse(text[label_start:colon])
        if not label or len(label.split()) > 14 or label.startswith(("//", "www")):
            continue
        cuts.append((label_start, colon))
        start = colon + 1
    lead_end = cuts[0][0] if cuts else len(text)
    if text[:lead_end].strip(" ,;.\n"):
        groups.append(Group(DEFAULT_GROUP, text[:lead_end], 1))
    for i, (label_start, colon) in enumerate(cuts):
        end = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
        groups.append(Group(tc.collapse(text[label_start:colon]), text[colon + 1:end],
                            text.count("\n", 0, label_start) + 1))
    return groups


def _known(names: Names, text: str) -> bool:
    return names.known(text)


def _lines(piece: str, names: Names, one_per_line: bool) -> list[str]:
    """A piece without commas that spans lines: one name wrapped, or one name per line.
    ``one_per_line``: the list has no commas at all, so a line end is a separator unless the
    lines plainly make one name (a known name, an open bracket, a line ending in "of")."""
    lines = [ln.strip() for ln in piece.split("\n") if ln.strip()]
    if len(lines) < 2:
        return [piece]
    decided: list[bool | None] = []  # per boundary: True = split, False = join, None = unsure
    for a, b in zip(lines, lines[1:], strict=False):
        if _known(names, f"{a} {b}"):
            decided.append(False)
        elif a.count("(") > a.count(")") or _CONNECTOR_END.search(a) or b[:1].islower():
            decided.append(False)
        elif _known(names, clean_item(a)) or _known(names, clean_item(b)) or a.endswith(")"):
            decided.append(True)
        else:
            decided.append(None)
    one_per_line = one_per_line or sum(1 for d in decided if d) >= max(1, len(decided) // 2)
    out = [lines[0]]
    for line, split in zip(lines[1:], decided, strict=False):
        if split or (split is None and one_per_line):
            out.append(line)
        else:
            out[-1] = f"{out[-1]} {line}"
    return out


def _merge_known(pieces: list[str], seps: list[str], names: Names) -> list[str]:
    """Join pieces split at commas when together they are one known name."""
    out: list[str] = []
    i = 0
    while i < len(pieces):
        taken = 1
        for j in range(min(len(pieces), i + MAX_MERGE), i + 1, -1):
            if any(s != "," for s in seps[i:j - 1]):
                continue
            joined = ", ".join(p.strip() for p in pieces[i:j])
            if _known(names, clean_item(joined)):
                taken = j - i
                out.append(joined)
                break
        if taken == 1:
            out.append(pieces[i])
        i += taken
    return out


_TRAILING_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")
_TRAILING_DIGIT = re.compile(r"(?<=[^\W\d_)])\s?\d{1,2}$")


def split_items(text: str, names: Names, *, keep_the: bool = False) -> list[tuple[str, str | None]]:
    """'A, B; C and D (host)' -> [(name, remark)], names kept as written."""
    parts, seps = split_depth0(text, ",;")
    pieces: list[str] = []
    piece_seps: list[str] = []
    for k, part in enumerate(parts):
        for n, line in enumerate(_lines(part, names, one_per_line=len(parts) == 1)):
            if pieces:
                piece_seps.append("\n" if n else (seps[k - 1] if k else ","))
            pieces.append(line)
    out: list[tuple[str, str | None]] = []
    for piece in _merge_known(pieces, piece_seps, names):
        piece = clean_item(piece, keep_the=keep_the)
        if not piece or not re.search(r"\w", piece):
            continue
        for name in split_and(piece, names):
            name = clean_item(name, keep_the=keep_the)
            remark = None
            paren = _TRAILING_PAREN.search(name)
            if paren and paren.group(1)[:1].islower():
                remark = paren.group(1).strip()
                name = name[: paren.start()].strip()
            if _TRAILING_DIGIT.search(name) and not names.confident(name):
                stripped = _TRAILING_DIGIT.sub("", name).strip()
                if names.confident(stripped):
                    name = stripped
            if name and re.search(r"\w", name):
                out.append((name, remark))
    return out


def read(text: str, names: Names) -> Reading:
    """Every participant of a participants field, resolved through ``names``."""
    participants: list[Participant] = []
    committee: str | None = None
    empty: list[Group] = []
    for group in split_groups(text, names):
        items_text = group.items_text.strip(" ,;.\n")
        flat = tc.collapse(items_text)
        if not flat.strip(" ,;."):
            empty.append(group)
            continue
        if COMMITTEE_LABEL.match(group.label):
            committee = flat
            continue
        bare = re.sub(r"^(?:the|les?|la|el|los|las)\s+", "", flat, flags=re.IGNORECASE)
        single = len(split_depth0(items_text, ",;\n")[0]) == 1
        if single and (_QUANTITY.match(flat) or bare[:1].islower()):
            entity, conf = names.lookup(group.label, role="participant", warn=False)
            participants.append(Participant(group.label, group.label, entity, conf, flat))
            continue
        for name, remark in split_items(items_text, names):
            entity, conf = names.lookup(name, role="participant", group=group.label)
            participants.append(Participant(group.label, name, entity, conf, remark))
    return Reading(participants, committee, empty)
