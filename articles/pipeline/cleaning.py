"""Stage 2 — cleaning: drop page furniture, keep paragraphs, build the body text.

A text dump of a news page is a column of lines: navigation, share widgets, photo captions
(usually printed twice), the headline block, the article's paragraphs, then bylines, credits and
comment prompts. Every line is classified by its shape alone — no outlet's exact lines are
listed here. Closing lines (credits, copyright, comment boxes) cut the page into runs; the
article is the first run holding a good share of the page's prose, and its body runs from the
first real paragraph (or the dateline paragraph) to the run's end, keeping prose only. Lines
before the body go to ``header``, credits right after it to ``trailer``; the metadata stage
reads both. HTML main text goes through the same rules, trusted a little more.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum

from .reading import RawDocument
from .result import Span


@dataclass(frozen=True)
class Dateline:
    """The dateline opening a wire story: ``WASHINGTON, June 24 (Yonhap) --``."""

    place: str  # as written: "WASHINGTON"
    day_month: str | None = None  # "June 24", "12 July"
    agency: str | None = None  # "Yonhap"
    end: int = 0  # offset just past the separator, in the paragraph it opens


@dataclass
class CleanedDocument:
    body: str  # paragraphs separated by "\n\n"
    paragraphs: list[Span] = field(default_factory=list)
    header: list[str] = field(default_factory=list)  # lines before the body (title, byline, ...)
    trailer: list[str] = field(default_factory=list)  # lines after the body (byline, credits)
    dateline: Dateline | None = None  # the dateline of the first body paragraph, if any


# ---------------------------------------------------------------------------------------------
# Shared vocabulary (the metadata stage reuses these)


def word_set(text: str) -> frozenset[str]:
    """A vocabulary written as a block of words."""
    return frozenset(text.split())


MONTH_PATTERN = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY_MONTH = rf"(?:{MONTH_PATTERN} \d{{1,2}}|\d{{1,2}} {MONTH_PATTERN})"

# ---------------------------------------------------------------------------------------------
# Full dates ("July 10, 2024", "10 July 2024", "2024-07-10", "2024년 7월 10일", "25/07/2024")

_YEAR = r"(?P<y>(?:19|20)\d{2})(?:(?=\d{1,2}:\d{2})|(?!\d))"
_MONTH = rf"(?P<mon>{MONTH_PATTERN})"
_DATE_PATTERNS = (
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})(?!\d)"),
    re.compile(
        r"(?P<y>(?:19|20)\d{2})\s*[년年]\s*(?P<m>\d{1,2})\s*[월月]\s*(?P<d>\d{1,2})\s*[일日]"
    ),
    re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}", re.I),
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", re.I),
    re.compile(r"(?<![\d.])(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?P<y>(?:19|20)\d{2})(?!\d)"),
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
# A time zone next to a numeric date tells its order: US pages write 10/01/2024 month first,
# European, British, Australian and New Zealand pages day first.
_MONTH_FIRST_ZONE_RE = re.compile(r"\b(?:E|C|M|P|AK|H)[SD]?T\b")
_DAY_FIRST_ZONE_RE = re.compile(
    r"\b(?:(?:GMT|UTC)\s?[+-]\s?\d{1,2}|BST|IST|CES?T|EES?T|WES?T|MSK|A[CEW][SD]T|NZ[SD]T)\b"
)


def find_dates(text: str, order: str = "") -> list[tuple[int, int, dt.date]]:
    """Every unambiguous full date in ``text`` as (start, end, date), in reading order.

    Numeric day/month orders are read only when they cannot be confused: "25/07/2024" is
    25 July; "07/10/2024" could be either and is skipped unless a time zone in ``text`` says
    which order the page uses ("07/10/2024 5:00 PM EDT" is 10 July) or the caller knows the
    outlet's order (``order``: "day" or "month" first).
    """
    found: list[tuple[int, int, dt.date]] = []
    taken: list[tuple[int, int]] = []
    hinted: str | None = None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            span = match.span()
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            if hinted is None and match.groupdict().get("a"):
                hinted = _numeric_order(text) or order
            day = _date_of(match, hinted)
            if day:
                found.append((*span, day))
                taken.append(span)
    return sorted(found)


def _numeric_order(text: str) -> str:
    month_first = _MONTH_FIRST_ZONE_RE.search(text) is not None
    day_first = _DAY_FIRST_ZONE_RE.search(text) is not None
    if month_first != day_first:
        return "month" if month_first else "day"
    return ""


def _date_of(match: re.Match, order: str | None = None) -> dt.date | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if groups.get("mon"):
        month = _MONTHS.get(groups["mon"].rstrip(".").casefold())
        day = int(groups["d"])
    elif groups.get("a"):
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 >= b or (a == b) or (order == "day" and b <= 12):
            day, month = a, b
        elif b > 12 >= a or (order == "month" and a <= 12):
            day, month = b, a
        else:
            return None
    else:
        month, day = int(groups["m"]), int(groups["d"])
    if month is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:  # 31 June and the like
        return None


_PLACE_WORD = r"[A-Z][A-Za-z.'’-]{0,30}"
_DATELINE_HEAD = (
    rf"(?P<place>{_PLACE_WORD}(?: {_PLACE_WORD}){{0,3}})"
    rf"(?:, {_PLACE_WORD}(?: {_PLACE_WORD}){{0,2}})??"
    rf"(?:,? (?P<date>{_DAY_MONTH})(?:,? \d{{4}})?)?"
    r"(?: ?\((?P<agency>[A-Z][\w.&/ -]{0,30}?)\))?"
    r" ?(?P<sep>--|—|–|-|:)"
)
_DATELINE_RE = re.compile(rf"^{_DATELINE_HEAD}\s+(?=\S)")
_DATELINE_ONLY_RE = re.compile(rf"^{_DATELINE_HEAD}$")
_LONG_DASHES = ("--", "—", "–")

# "Park Ji-won annajpark@koreatimes.co.kr", "BY LIM JEONG-WON [lim.jeongwon@joongang.co.kr]"
NAME_EMAIL_RE = re.compile(
    r"^(?:(?i:by)\s+)?(?P<name>[^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*){0,4}?)\s*[\[(<]?\s*"
    r"(?P<email>[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5})\s*[\])>]?\.?$"
)
_MAX_CREDIT_CHARS = 200
BYLINE_RE = re.compile(
    r"^(?i:(?:written|reported|words|story|text|posted)\s+)?(?i:by):?\s+(?P<names>[A-Z].*)$"
)
# "By defence reporter Olivia Hart": a lower-case role before the name (checked word by word).
_ROLE_FIRST_BYLINE_RE = re.compile(r"^(?i:by):?\s+(?P<names>[a-z][a-z ]{2,60}?\s[A-Z].*)$")
EMAIL_RE = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}")
# Where the names of a byline stop: a date, a separator, an e-mail address, a bracket.
_BYLINE_CUT_RE = re.compile(r"\d|\s[|•·—–-]\s|[|•·\[(<]|\s(?:on|published|updated|posted)\s")
# Lower-case words a byline may hold between names: "By Jane Smith and Tom Brown in Canberra".
_BYLINE_SMALL_WORDS = word_set(
    """
    and & in for of the staff reporter reporters writer writers correspondent correspondents
    agencies agency wires
    editor editors senior chief bureau news with de da del della der di du van von bin al el
    le la journalist columnist contributor contributing photographer producer analyst
    political politics defence defense foreign diplomatic deputy associate special
    investigative national security business economics economic world regional
    international global local health science climate environment technology sports
    features managing executive freelance parliamentary
    """
)
_MAX_BYLINE_NAME_WORDS = 12
# Trailer credits of wire copy: "Reporting by X; Editing by Y", "Compiled by the ... desk".
CREDIT_LINE_RE = re.compile(
    r"^[(\[]?\s*(?:(?:additional\s+)?reporting|writing|editing|compiled|compilation|translated|"
    r"translation|produced|graphics?|photos?\s+and\s+words|[a-z]+\s+original)\s+by\b"
    r"|\bcontributed\s+(?:to\s+)?(?:this\s+)?(?:report|story|article)\b"
    # an author's note closing the story: "Jane Doe is a senior political reporter at ..."
    r"|^[A-Z][\w'’.-]{0,30}(?: [A-Z][\w'’.-]{0,30}){1,3} is (?:a|an|the)\b[^.]{0,80}?"
    r"\b(?:reporter|correspondent|editor|journalist|writer|columnist)\b",
    re.I,
)


def name_and_email(line: str) -> re.Match | None:
    """A credit of a name and an e-mail address ("Park Ji-won annajpark@koreatimes.co.kr")."""
    if "@" not in line or len(line) > _MAX_CREDIT_CHARS:
        return None
    return NAME_EMAIL_RE.match(line)


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of ``text`` ("TOKYO (AP) —", "Canberra, 12 July:"), or None.

    Without a day the place must be in capitals ("TOKYO (AP) —", "BRUSSELS —"), so openings
    like "Yoon, who chairs the group -" or "North Korea (DPRK) - ..." are not mistaken for one.
    """
    match = _DATELINE_RE.match(text)
    if match is None:
        return None
    place, day, agency, sep = match.group("place", "date", "agency", "sep")
    if not (day or (place.isupper() and (agency or sep in _LONG_DASHES))):
        return None
    return Dateline(place=place, day_month=day, agency=agency, end=match.end())


# ---------------------------------------------------------------------------------------------
# Line normalisation

_SPACE_RE = re.compile(r"\s+")
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# No brackets inside: keeps a line of thousands of "[" from being rescanned at every one.
_IMAGE_MD_RE = re.compile(r"!\[[^\[\]\n]{0,500}\]\([^()\[\]\s]{0,2000}\)")
_LINK_MD_RE = re.compile(r"\[([^\[\]\n]{1,500})\]\((?:https?:|/)[^()\[\]\s]{0,2000}\)")
_BULLET_RE = re.compile(r"^(?:[•·▪◦●■□►▶➤‣∙*]\s*|[-–]\s+)+")
# Markdown left by page-to-text converters: headings, quote marks, bold.
_HEADING_MD_RE = re.compile(r"^(?:#{1,6}|>)\s+")
_BOLD_MD_RE = re.compile(r"\*\*|__")
_TERMINAL = ".!?…。！？"
_CLOSERS = "\"'”’»)]」』"


def _normalise(line: str) -> str:
    """One line with images and link markup gone, whitespace collapsed, list bullet dropped."""
    line = _INVISIBLE_RE.sub("", line)
    if "](" in line:
        line = _LINK_MD_RE.sub(r"\1", _IMAGE_MD_RE.sub(" ", line))
    if "**" in line or "__" in line:
        line = _BOLD_MD_RE.sub("", line)
    line = _SPACE_RE.sub(" ", line).strip()
    return _BULLET_RE.sub("", _HEADING_MD_RE.sub("", line))


def _undouble(line: str) -> tuple[str, bool]:
    """A line holding the same text twice ("X X"), as caption widgets print it, as one copy."""
    half, rest = divmod(len(line), 2)
    if rest and half >= 10 and line[half] == " " and line[:half] == line[half + 1 :]:
        return line[:half], True
    return line, False


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS).endswith(tuple(_TERMINAL))


def _continues(group: list[str], line: str) -> bool:
    """Whether ``line`` is the rest of the sentence in ``group``, wrapped onto a new line."""
    previous = group[-1]
    if len(group) == 1 and _DATELINE_ONLY_RE.match(previous) and find_dateline(previous + " x"):
        return True
    first = line[:1]
    return (
        first.isalpha()
        and first.islower()
        and not _ends_sentence(previous)
        and not previous.endswith(":")
    )


_WRAP_MIN, _WRAP_MAX, _WRAP_SPREAD = 45, 100, 25  # line widths of text typed at a fixed width


def _hard_wrapped(lines: list[str]) -> bool:
    """A block typed at a fixed width: three or more lines of like length, mostly mid-sentence,
    none of them a byline or a date (a headline block is not one paragraph)."""
    if len(lines) < 3:
        return False
    shortest, longest = min(len(x) for x in lines[:-1]), max(len(x) for x in lines[:-1])
    if shortest < _WRAP_MIN or longest > _WRAP_MAX or longest - shortest > _WRAP_SPREAD:
        return False
    if len(lines[-1]) > _WRAP_MAX or any(is_byline(x) or is_date_line(x) for x in lines):
        return False
    open_ends = sum(not _ends_sentence(line) for line in lines[:-1])
    return open_ends * 2 >= len(lines) - 1


def _lines(text: str) -> list[tuple[str, bool]]:
    """Normalised non-blank lines, wrapped ones joined, each with whether it was printed twice."""
    blocks: list[list[str]] = [[]]
    for raw_line in text.splitlines():
        line = _normalise(raw_line)
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    groups: list[list[str]] = []
    for block in blocks:
        if _hard_wrapped(block):
            block = [" ".join(block)]
        # a continuation may follow a blank line too: some pages break sentences with <br><br>
        for line in block:
            if groups and _continues(groups[-1], line):
                groups[-1].append(line)
            else:
                groups.append([line])
    return [_undouble(" ".join(group)) for group in groups]


# ---------------------------------------------------------------------------------------------
# Line classification


class Kind(Enum):
    FURNITURE = "furniture"  # widgets, navigation, prompts: dropped everywhere
    STOP = "stop"  # furniture that only comes after the article ("Top 10 Stories", comments)
    CAPTION = "caption"  # photo captions and credits: dropped
    COPYRIGHT = "copyright"  # copyright notices: trailer, end the body
    CREDIT = "credit"  # "(END)", "Name email", "Reporting by ...": trailer, end the body
    BYLINE = "byline"  # "By Song Sang-ho"
    DATE = "date"  # "Published : July 10, 2024 - 09:28"
    PROSE = "prose"  # a paragraph of the article
    OTHER = "other"  # headlines, kickers, subheadings


_UI_WORDS = word_set(
    """
    settings setting font fontsize size share shares sharing button buttons facebook
    twitter kakao kakaotalk kakaostory mail email link links copy copied url print
    printer dictionary close x menu search subscribe subscription subscribers newsletter
    newsletters login logout log sign signin signup up register account comment comments
    reply replies like likes tweet whatsapp linkedin telegram reddit pinterest naver
    band weibo wechat bluesky instagram youtube tiktok flipboard pocket top go letter
    home back next previous prev more less listen audio play pause save saved bookmark
    bookmarks gift icon image images lock help social stories story related article
    articles advertisement advertising ad ads sponsored scroll continue continues
    reading below view views zoom expand collapse open toggle skip main content
    navigation nav text larger smaller reset increase decrease loading follow read
    latest news most popular trending viewed watch video videos photos gallery click
    here download app apps feedback report translate translation korean english cancel
    ok confirm submit send rss feed feeds newsroom clipboard enlarge
    """
)
_FILLER_WORDS = word_set(
    """
    to the a an on in of this that for and or our us with your you via by it at me my is
    all now
    """
)
_LETTER_WORDS_RE = re.compile(r"[^\W\d_]+")
_MAX_UI_WORDS = 8
_MAX_UI_CHARS = 200  # long lines always hold letters: they are never bare widgets

_FURNITURE_RE = re.compile(
    r"""^(?:
      (?:read|see|watch|listen)\s+(?:more|also|next|the\s+full)\b
    | also\s+read\b | related(?:\s+\w+)?\s*: | more\s+(?:on|from)\s+this\b
    | (?:sign|log)\s?(?:in|up|out)\b | (?:please\s+)?(?:log|sign)\s?in\s+to\b
    | subscribe\b | follow\s+(?:us|[\w.@'’-]+\s+on)\b | click\s+here\b | skip\s+to\b
    | jump\s+to\b | back\s+to\s+top\b | download\s+(?:our|the)\s+app\b
    | get\s+the\s+latest\b | listen\s+to\s+this\b | share\s+this\b | this\s+article\s+is\s+more
    | we\s+use\s+cookies\b | (?:please\s+)?enable\s+javascript\b | javascript\s+is\b
    | (?:story|article)\s+continues\b | scroll\s+to\s+continue\b | reading\s+time\b
    | \d+\s+min(?:ute)?s?\s+read\b | font[\s-]?size\b
    | to\s+(?:write|post|leave|view)\s+(?:a\s+)?comments?
    )""",
    re.I | re.X,
)
_MAX_FURNITURE_WORDS = 25
# Calls to action anywhere in a short line: "Get breaking news ... click here to turn on ...".
_PROMPT_RE = re.compile(
    r"\b(?:click\s+(?:here|to)|opens?\s+in\s+(?:a\s+)?new\s+(?:window|tab)|sign\s+up\s+for"
    r"|subscribe\s+(?:now|to|today)|turn\s+on\s+(?:desktop\s+)?notifications|newsletters?\b"
    r"|share\s+on\s+(?:facebook|twitter|x|linkedin|whatsapp|reddit)|community\s+guidelines)",
    re.I,
)
_MAX_PROMPT_WORDS = 15
_COUNTER_RE = re.compile(r"\(\d{1,5}/\d{1,5}\S{0,3}\)")  # "(0/250자)": a comment box counter
_BREADCRUMB_SEP_RE = re.compile(r"\s(?:[>›»/]|\|)\s")
_STOP_RE = re.compile(
    r"^(?:top\s+\d+\s+(?:stories|news|articles)|(?:more|latest)\s+(?:stories|news)\s*$"
    r"|you\s+(?:may|might)\s+also\s+like"
    r"|recommended(?:\s+(?:for\s+you|stories|articles))?\s*$|read\s+next\s*$|trending\s+now"
    r"|\d*\s*comments?\s*$|social\s+comment|to\s+(?:write|post|leave)\s+(?:a\s+)?comments?"
    r"|(?:please\s+)?(?:log|sign)\s?in\s+to\b)",
    re.I,
)
_COPYRIGHT_RE = re.compile(
    r"^(?:<\s*)?(?:copyright\b|©|\(c\)|ⓒ|저작권)|all\s+rights\s+reserved|무단\s*전재|無断転載",
    re.I,
)
_MAX_COPYRIGHT_WORDS = 30
_END_RE = re.compile(r"^(?:[-–—(\[] ?)?(?:END|ENDS|ENDIT)(?: ?[-–—)\]])?$|^-30-$|^#{3}$")

# Caption shapes: "▲ ...", "| ... |" table cells, "Photo: ...", "Image source, ...", or a
# sentence followed by a photo credit — "[AFP/YONHAP]", "AFP-Yonhap", "(AP Photo/Name)".
_CAPTION_PREFIX_RE = re.compile(
    r"^(?:[▲△▶▷]|\||(?:photo(?:graph)?|picture|image|video|graphic|caption)s?"
    r"(?:\s+(?:source|credit|caption|by))?\s*[:：,]|image\s+(?:source|caption)\b"
    r"|(?:above|top|left|right|pictured|main\s+image|file)\s*:"
    r"|\(?(?:file\s+)?photo\)|getty\s+images$)",
    re.I,
)
_CREDIT_WORDS = r"[A-Z][\w&'’.-]{0,30}(?:(?: via |/| |-)[A-Z][\w&'’.-]{0,30}){0,3}"
_BRACKET_CREDIT_RE = re.compile(r"[.!?)\"”’]\s*\[[A-Z][\w /&.,-]{0,40}\]$")
_BARE_CREDIT_RE = re.compile(rf"(?P<word>[\w)]+)[.!?)][\"”’]?\s+(?P<credit>{_CREDIT_WORDS})$")
_PAREN_CREDIT_RE = re.compile(rf"[.!?][\"”’]?\s*\((?P<credit>{_CREDIT_WORDS})\)$")
_LABELLED_CREDIT_RE = re.compile(
    r"(?:credit|photo(?:graph)?|picture|image)s?\s?:\s?[^.:]{1,60}$", re.I
)
_PHOTO_CREDIT_RE = re.compile(r"\((?:[^()]{0,40}\b)?(?:photo|pictured|image)\b[^()]{0,60}\)$", re.I)
_NOT_CREDITS = frozenset({"END", "ENDS", "MORE"})
_TAIL = 120  # credits sit at the end: only the tail of a paragraph is searched

_DATE_LINE_RE = re.compile(
    rf"^(?:(?:first\s+|last\s+)?(?:published|posted|updated|modified|date[ds]?|issued)\b"
    rf"|입력|수정|등록|\d{{4}}[-./년]\s?\d{{1,2}}|{_DAY_MONTH},? \d{{4}}"
    rf"|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{{0,6}}\.?,? (?:\d|{MONTH_PATTERN}))",
    re.I,
)
_MAX_DATE_LINE_WORDS = 14
_DIGIT_RE = re.compile(r"\d")
# A stamp: a full date with nothing around it but times, labels and a short name (a publisher,
# a section, a time zone): "10:15 October 29, 2024", "Stars and Stripes • November 15, 2024",
# "KYODO NEWS - Jun 21, 2025 - 18:05 | Politics, World".
_TIME_RE = re.compile(r"(?<!\d)\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?!\d)")
_STAMP_WORD_RE = re.compile(r"[^\W\d_]+")
_STAMP_WORDS = word_set(
    """
    published posted updated modified first last on at and of the am pm a m local time
    ago hour hours min mins minute minutes edition date dated release released issued
    created filed
    """
)
_MAX_STAMP_NAME_WORDS = 6
_SENTENCE_STOP_RE = re.compile(r"[^\W\d_]{2}[.!?。！？]$")
_ABBREVIATION_END_RE = re.compile(r"(?:\b[A-Z]\.){2,}$")
_MAX_BYLINE_WORDS = 14


def _word_count(line: str) -> int:
    return line.count(" ") + 1


def _is_ui(line: str) -> bool:
    """Only widget words ("Facebook share button", "print dictionary print", "X")."""
    if len(line) > _MAX_UI_CHARS:
        return False
    words = _LETTER_WORDS_RE.findall(line.lower())
    if sum(len(w) for w in words) <= 1:
        return True
    if len(words) > _MAX_UI_WORDS:
        return False
    return all(w in _UI_WORDS or w in _FILLER_WORDS for w in words) and any(
        w in _UI_WORDS for w in words
    )


def _is_breadcrumb(line: str) -> bool:
    parts = _BREADCRUMB_SEP_RE.split(line)
    needed = 3 if " | " in line else 2
    return len(parts) >= needed and all(0 < _word_count(p.strip()) <= 4 for p in parts)


def _is_furniture(line: str) -> bool:
    if _is_ui(line) or _COUNTER_RE.search(line) or _is_breadcrumb(line):
        return True
    words = _word_count(line)
    if words <= _MAX_FURNITURE_WORDS and _FURNITURE_RE.match(line) is not None:
        return True
    return words <= _MAX_PROMPT_WORDS and _PROMPT_RE.search(line) is not None


def credit_tail(line: str) -> str | None:
    """The photo or agency credit ending ``line`` ("AFP-Yonhap", "(Yonhap)"), if any."""
    tail = line[-_TAIL:]
    for pattern in (_BRACKET_CREDIT_RE, _PHOTO_CREDIT_RE, _LABELLED_CREDIT_RE):
        match = pattern.search(tail)
        if match:
            return match.group(0).lstrip('.!?)"”’ ')
    match = _BARE_CREDIT_RE.search(tail)
    # "Gen. Kim" or "U.S. Forces" end sentences too: a credit follows a real word or a bracket.
    if match and match.group("credit") not in _NOT_CREDITS:
        word = match.group("word")
        if word.endswith(")") or len(word) >= 4:
            return match.group("credit")
    return None


def _paren_credit(line: str) -> bool:
    """Whether ``line`` is a sentence closed by an agency credit in parentheses: "(Yonhap)"."""
    match = _PAREN_CREDIT_RE.search(line[-_TAIL:])
    return match is not None and match.group("credit") not in _NOT_CREDITS


def _is_caption(line: str) -> bool:
    return _CAPTION_PREFIX_RE.match(line) is not None or credit_tail(line) is not None


def byline_names(line: str) -> str | None:
    """The names part of a byline ("By Jane Smith and Tom Brown | July 10" -> "Jane Smith and
    Tom Brown"), or None when the line is a sentence that merely starts with "By"."""
    match = BYLINE_RE.match(line) or _ROLE_FIRST_BYLINE_RE.match(line)
    if match is None or _word_count(line) > _MAX_BYLINE_WORDS:
        return None
    names = match.group("names")
    if "@" in names:
        names = EMAIL_RE.sub(" ", names)
    names = _BYLINE_CUT_RE.split(names, maxsplit=1)[0]
    names = names.strip(" ,;:")
    words = names.replace(",", " ").split()
    if not words or len(words) > _MAX_BYLINE_NAME_WORDS:
        return None
    if any(not w[:1].isupper() and w.lower() not in _BYLINE_SMALL_WORDS for w in words):
        return None
    return names


def is_byline(line: str) -> bool:
    """Whether ``line`` is a byline ("By Song Sang-ho"), not a sentence ("By the end ...")."""
    return byline_names(line) is not None


def is_date_line(line: str) -> bool:
    """A line stating when the page was published or updated."""
    if _word_count(line) > _MAX_DATE_LINE_WORDS or _DIGIT_RE.search(line) is None:
        return False
    return _DATE_LINE_RE.match(line) is not None or _is_stamp(line)


def _is_stamp(line: str) -> bool:
    """A full date among times and a few capitalised words, not a sentence or a byline."""
    if BYLINE_RE.match(line) or (_SENTENCE_STOP_RE.search(line[-3:]) and not line.endswith("m.")):
        return False
    dates = find_dates(line)
    if not dates:
        return False
    rest, previous = [], 0
    for start, end, _ in dates:
        rest.append(line[previous:start])
        previous = end
    rest.append(line[previous:])
    words = _STAMP_WORD_RE.findall(_TIME_RE.sub(" ", " ".join(rest)))
    names = [w for w in words if w.casefold() not in _STAMP_WORDS]
    return len(names) <= _MAX_STAMP_NAME_WORDS and not any(w[0].islower() for w in names)


def is_prose(line: str) -> bool:
    """A paragraph of running text: sentences ending in terminal punctuation."""
    words = _word_count(line)
    text = line
    if _paren_credit(text):
        text = text[: text.rindex("(")].rstrip()
    end = text.rstrip(_CLOSERS)
    if not any(c.islower() for c in text) and any(c.isupper() for c in text):
        return False  # shouted lines are banners and calls to action
    if end.endswith(("…", "...")):
        return words >= 15  # a shorter one is a teaser cut off by the page
    if end.endswith((".", "。")):
        enough = words >= 3 or len(end) >= 20  # CJK sentences have no spaces
        return enough and not (words < 20 and _ABBREVIATION_END_RE.search(end))
    if end.endswith(("?", "!", "？", "！")):
        # headlines end in "?" too: a question paragraph is long or quotes someone
        return words >= 15 or any(q in text for q in '"“”')
    if end.endswith(":"):
        return words >= 8
    return words >= 40


def _classify(line: str) -> Kind:
    words = _word_count(line)
    if _END_RE.match(line):
        return Kind.CREDIT
    if words <= _MAX_COPYRIGHT_WORDS and _COPYRIGHT_RE.search(line):
        return Kind.COPYRIGHT
    if (
        words <= _MAX_BYLINE_WORDS
        and "@" in line
        and (name_and_email(line) or EMAIL_RE.fullmatch(line))
    ):
        return Kind.CREDIT
    if words <= 2 * _MAX_BYLINE_WORDS and CREDIT_LINE_RE.search(line):
        return Kind.CREDIT
    if words <= _MAX_FURNITURE_WORDS and _STOP_RE.match(line):
        return Kind.STOP
    if is_date_line(line):
        return Kind.DATE
    if _is_furniture(line):
        return Kind.FURNITURE
    if _is_caption(line):
        return Kind.CAPTION
    if is_byline(line):
        return Kind.BYLINE
    if is_prose(line):
        return Kind.PROSE
    return Kind.OTHER


# ---------------------------------------------------------------------------------------------
# Layout: where the body starts and ends


@dataclass
class _Unit:
    text: str
    kind: Kind
    doubled: bool = False  # printed twice: a caption widget, or a repeated headline


def _units(raw: RawDocument) -> list[_Unit]:
    kinds: dict[str, Kind] = {}  # pages repeat their widgets; classify each text once
    units = []
    for text, doubled in _lines(raw.text):
        kind = kinds.get(text)
        if kind is None:
            kind = kinds[text] = _classify(text)
        units.append(_Unit(text, kind, doubled))
    for unit in units:
        if unit.doubled and unit.kind is Kind.PROSE:
            unit.kind = Kind.CAPTION
    # A caption printed as two identical paragraphs in a row: both copies go.
    for first, second in zip(units, units[1:], strict=False):
        if first.text == second.text and first.kind is Kind.PROSE:
            first.kind = second.kind = Kind.CAPTION
    if not any(u.kind is Kind.PROSE for u in units):
        # no sentence punctuation at all: long lines are the best guess at paragraphs
        for unit in units:
            if unit.kind is Kind.OTHER and _word_count(unit.text) >= 8:
                unit.kind = Kind.PROSE
    return units


# Lines that close an article: credits, copyright, a closing byline. In a text dump a "Most read"
# or comments box does too; in HTML main text such a box is a mid-article leftover.
_BOUNDARIES = {
    "text": (Kind.COPYRIGHT, Kind.CREDIT, Kind.BYLINE, Kind.STOP),
    "html": (Kind.COPYRIGHT, Kind.CREDIT, Kind.BYLINE),
}
_SKIPPED = (Kind.FURNITURE, Kind.STOP, Kind.CAPTION)


def _is_body_prose(unit: _Unit, kind: str) -> bool:
    """Prose that can be a body paragraph (in a text dump, a credit-closed line is a caption)."""
    return unit.kind is Kind.PROSE and (kind == "html" or not _paren_credit(unit.text))


def _segments(units: list[_Unit], kind: str) -> list[tuple[int, int]]:
    """Runs of lines between article-closing lines, as (first, end) index pairs."""
    boundaries = _BOUNDARIES.get(kind, _BOUNDARIES["text"])
    segments, first = [], 0
    for i, unit in enumerate(units):
        if unit.kind in boundaries:
            segments.append((first, i))
            first = i + 1
    segments.append((first, len(units)))
    return segments


def _main_segment(units: list[_Unit], kind: str) -> tuple[int, int] | None:
    """The run holding the article: the first with at least half the most prose any run has.

    Teaser lists and nav hold little prose; a comment thread after the article may hold more
    than the article itself, hence the first large run rather than the largest.
    """
    segments = _segments(units, kind)
    sizes = [sum(len(u.text) for u in units[f:e] if _is_body_prose(u, kind)) for f, e in segments]
    largest = max(sizes)
    if largest:
        return next(seg for seg, size in zip(segments, sizes, strict=True) if size * 2 >= largest)
    # only credit-closed prose: take it rather than nothing
    return next(
        ((f, e) for f, e in segments if any(u.kind is Kind.PROSE for u in units[f:e])), None
    )


_SOLID_WORDS = 8  # the article starts with a real paragraph, not a stray short line
_SOLID_CHARS = 40  # the same for scripts written without spaces
_DATELINE_WINDOW = 8  # the dateline paragraph is among the first prose lines
_MAX_STANDFIRST = 2  # prose lines that may sit above a date line as a summary


def _solid(text: str) -> bool:
    return _word_count(text) >= _SOLID_WORDS or (" " not in text and len(text) >= _SOLID_CHARS)


def _body_start(units: list[_Unit], first: int, end: int, kind: str) -> int:
    prose = [i for i in range(first, end) if _is_body_prose(units[i], kind)]
    if not prose:
        prose = [i for i in range(first, end) if units[i].kind is Kind.PROSE]
    for i in prose[:_DATELINE_WINDOW]:
        if find_dateline(units[i].text):
            return i
    prose = [i for i in prose if _solid(units[i].text)] or prose
    # A byline or date line after the first prose lines: those were a standfirst.
    candidates = set(prose)
    start, seen, marker = prose[0], 0, False
    for j in range(start, end):
        if j in candidates:
            if marker:
                start, marker = j, False
            seen += 1
            if seen > _MAX_STANDFIRST:
                break
        elif units[j].kind in (Kind.BYLINE, Kind.DATE):
            marker = True
    return start


# A line without final punctuation inside the body is a subheading unless it is long and reads
# like running text (mostly lower-case words); HTML main text is trusted a little more.
_LONG_LINE_WORDS = {"html": 10, "text": 25}


def _reads_as_prose(line: str, kind: str) -> bool:
    words = line.split()
    if len(words) < _LONG_LINE_WORDS.get(kind, 25):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    return capitalised * 2 < len(words)


def _is_name_like(line: str) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not any(c.isdigit() for c in line)
    )


def clean(raw: RawDocument) -> CleanedDocument:
    """The article's paragraphs, with the lines around them sorted into header and trailer."""
    units = _units(raw)
    segment = _main_segment(units, raw.kind)
    if segment is None:
        return CleanedDocument(body="", header=_header(units))
    start = _body_start(units, *segment, raw.kind)
    end = segment[1]
    body_ids = [
        i
        for i in range(start, end)
        if units[i].kind is Kind.PROSE
        or (units[i].kind is Kind.OTHER and _reads_as_prose(units[i].text, raw.kind))
    ]
    last = body_ids[-1]
    if raw.kind != "html":
        # agency-credited lines are captions, except the wire credit closing the last paragraph
        body_ids = [i for i in body_ids if i == last or not _paren_credit(units[i].text)]
    paragraphs = [units[i].text for i in body_ids]
    spans: list[Span] = []
    offset = 0
    for text in paragraphs:
        spans.append(Span(offset, offset + len(text)))
        offset += len(text) + 2
    return CleanedDocument(
        body="\n\n".join(paragraphs),
        paragraphs=spans,
        header=_header(units[:start]),
        trailer=_trailer(units[last + 1 :]),
        dateline=find_dateline(paragraphs[0]),
    )


_HEADER_TOP = 20
_HEADER_NEAR = 80
_HEADER_KINDS = (Kind.OTHER, Kind.BYLINE, Kind.DATE, Kind.CREDIT, Kind.PROSE)


def _header(units: list[_Unit]) -> list[str]:
    """The lines above the body that are not furniture or captions: the page's top lines and
    those nearest the body (a long run of navigation in between says nothing)."""
    lines = [
        u.text
        for u in units
        if u.kind in _HEADER_KINDS and not (u.kind is Kind.PROSE and _paren_credit(u.text))
    ]
    if len(lines) > _HEADER_TOP + _HEADER_NEAR:
        lines = lines[:_HEADER_TOP] + lines[-_HEADER_NEAR:]
    return lines


_TRAILER_KINDS = (Kind.CREDIT, Kind.COPYRIGHT, Kind.BYLINE, Kind.DATE)
_TRAILER_WINDOW = 12  # lines after the article that may still be its credits


def _trailer(units: list[_Unit]) -> list[str]:
    """Credits after the last body paragraph; a bare name right after it counts as one.

    The credits end where other content starts — a comment box, a "Top 10" list, a paragraph
    of something else — so bylines and dates of teasers and comments never count.
    """
    trailer: list[str] = []
    first = True
    seen = 0
    for unit in units:
        if unit.kind in (Kind.STOP, Kind.PROSE) or seen == _TRAILER_WINDOW:
            break
        if unit.kind in _TRAILER_KINDS or (
            first and unit.kind is Kind.OTHER and _is_name_like(unit.text)
        ):
            trailer.append(unit.text)
        if unit.kind not in _SKIPPED:
            first = False
            seen += 1
    return trailer
