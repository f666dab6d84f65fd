"""Stage 6b — events: summits, meetings, briefings, visits, declarations, sanctions, ...

Events come from trigger words in sentences: meeting and document nouns ("met with", "press
briefing", "a call with", "held talks"), and verbs that tell an occurrence without one (military
actions and incidents, "summoned the ambassador", "ratified", "signed into law", "launched a
monitoring team", "released a report"). Common words count only when their clause is dated.
References to known summits become one event each, keyed by the summit's slug. Definite
mentions ("the briefing", "their tour", "Wednesday's talks") refer back to an event already
found instead of creating a new one, and repeated mentions of the same occurrence are merged.

Dates come from the trigger's own clause (the nearest date not taken by another trigger, not
across "three days after", not a "since" bound), else from the other side of such a link, else
from the event it took place at, else from the speaker's earlier "said on Tuesday", else from
the day of the news for what the lead tells in the present perfect or what an undated formal
statement says, else from the summit the article is covering.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from . import dates
from .dates import DateExpression, DateMention, SummitMention
from .knowledge import Knowledge, SummitInfo
from .result import (
    ActorKind,
    ActorRef,
    ArticleMeta,
    EventResult,
    EventType,
    FuzzyDate,
    NamesResult,
    PersonResult,
    Precision,
    QuoteResult,
    Span,
)

# --- triggers -----------------------------------------------------------------------------------

_MINISTERS = r"(?:foreign|defen[cs]e|finance|trade|economy|economic)\s+ministers"


@dataclass(frozen=True)
class _Spec:
    type: EventType
    noun: str  # what a definite mention of the event would call it
    keywords: tuple[str, ...]  # lower-case words the pattern cannot match without
    regex: re.Pattern
    needs_date: bool = False  # common words that name an occurrence only when it is dated


def _spec(
    kind: EventType,
    noun: str,
    keywords: tuple[str, ...],
    *parts: str,
    case: bool = False,
    needs_date: bool = False,
) -> _Spec:
    flags = 0 if case else re.I
    return _Spec(kind, noun, keywords, re.compile("".join(parts), flags), needs_date)


_TRIGGERS: list[_Spec] = [
    _spec(
        EventType.MINISTERIAL,
        "meeting",
        ("ministers",),
        rf"\bmeeting\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?{_MINISTERS}\b",
    ),
    _spec(
        EventType.MINISTERIAL,
        "meeting",
        ("ministers",),
        rf"\b{_MINISTERS}(?:'|’)?\s+(?:meeting|talks|gathering|conference)\b",
    ),
    _spec(
        EventType.MINISTERIAL,
        "meeting",
        ("ministers",),
        rf"\b{_MINISTERS}\s+(?:of\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){{0,3}}\s+)?",
        r"(?:(?:met|gathered|convened)\b|(?=(?:on\s+[A-Z]\w+\s+)?(?:formally\s+)?(?:met|gathered",
        r"|convened|adopted|approved|endorsed)\b))",
    ),
    _spec(
        EventType.MINISTERIAL,
        "meeting",
        ("ministerial",),
        r"\bministerial(?:\s+(?:meeting|talks|consultations|dialogue))?\b",
    ),
    _spec(
        EventType.BILATERAL,
        "meeting",
        ("bilateral", "one-on-one"),
        r"\b(?:bilateral|one-on-one)\s+(?:meetings?|talks|summit)\b",
    ),
    _spec(
        EventType.BILATERAL,
        "meeting",
        ("met", "meet"),
        r"\b(?:met|meets|meet|meeting|meetings)\s+with\b",
    ),
    _spec(
        EventType.BILATERAL,
        "meeting",
        ("met",),
        r"\b(?i:met)\s+(?=(?:the\s+|his\s+|her\s+)?[A-Z])",
        case=True,
    ),
    _spec(
        EventType.BILATERAL,
        "meeting",
        ("talks",),
        r"\b(?:held|hold|holds|holding)\s+(?:[\w-]+\s+){0,2}?talks\s+with\b",
    ),
    _spec(EventType.BILATERAL, "meeting", ("talks",), r"\btalks\s+with\b"),
    _spec(EventType.BILATERAL, "meeting", ("meeting",), r"\bmeetings?\s+between\b"),
    _spec(  # "talks in Washington on Wednesday between X and Y"
        EventType.BILATERAL,
        "meeting",
        ("talks",),
        r"\btalks\s+(?:in\s+[A-Z][\w-]+\s+)?(?:on\s+[A-Z][a-z]+day\s+)?between\b",
        case=True,
    ),
    _spec(EventType.BILATERAL, "summit", ("summit",), r"\bsummit\s+(?:with|between)\b"),
    _spec(
        EventType.BILATERAL,
        "meeting",
        ("call", "talks", "conversation"),
        r"\b(?:phone|telephone|video)\s+(?:call|talks|conversation)\s+with\b",
    ),
    _spec(EventType.SUMMIT, "summit", ("summit",), r"\bsummits?\b"),
    _spec(
        EventType.SUMMIT,
        "meeting",
        ("talks", "meeting", "gathering"),
        r"\b(?:talks|meeting|meetings|gathering)\b",
    ),
    _spec(
        EventType.BRIEFING,
        "briefing",
        ("briefing", "conference"),
        r"\b(?:(?:joint\s+)?(?:press|news|media)\s+(?:briefing|conference)|briefing)\b",
    ),
    _spec(
        EventType.VISIT,
        "visit",
        ("visit", "tour", "trip", "arrive", "travel", "crossed", "landed"),
        r"\b(?:visit|visits|visited|visiting|toured|tour|trip\s+to|arrived\s+(?:in|at)"
        r"|arrives\s+in|landed\s+(?:in|at)|travel(?:s|l?ed)?\s+to|crossed\s+into)\b",
    ),
    _spec(
        EventType.STATEMENT,
        "statement",
        ("statement", "declaration", "communiq"),
        r"\b(?:joint\s+)?(?:statement|declaration|communiqu[eé])\b",
    ),
    _spec(
        EventType.STATEMENT,
        "statement",
        ("critici", "condemn", "denounc", "slammed", "protested"),
        r"\b(?:Ministry|Office|Kremlin|Pentagon|spokesperson|spokesman|spokeswoman|Staff",
        r"|Command|[Gg]overnment)\b",
        r"[^.;\"“”]{0,40}?\b(?:criticized|criticised|condemned|denounced|slammed|protested"
        r"|warned\s+of|threatened)\b",
        case=True,
    ),
    _spec(
        EventType.SANCTION,
        "sanction",
        ("sanctions",),
        r"\b(?:impos\w*|slap\w*|announc\w*|levied|levy|plac\w*|unveil\w*|introduc\w*",
        r"|expand\w*|adopt\w*)\s+(?:[\w-]+\s+){0,5}?sanctions\b",
    ),
    _spec(
        EventType.SANCTION,
        "sanction",
        ("sanction", "blacklisted"),
        r"\b(?:new|fresh|additional|unilateral|independent)\s+sanctions\b|\bsanctioned\b",
        r"|\bblacklisted\b",
    ),
    _spec(
        EventType.LAUNCH,
        "launch",
        ("launch", "fire", "test"),
        r"\b(?:launch(?:ed|es|ing)?|test-fir(?:ed|es|e|ing)|fired|test(?:ed|s)?|lifted\s+off"
        r"|blasted\s+off)\b",
        needs_date=True,  # "has fired more than 20 missiles this year" is a tally
    ),
    _spec(
        EventType.VOTE,
        "vote",
        ("veto", "vot", "resolution"),
        r"\bveto(?:ed|es)?\b|\bvot(?:ed|es|e|ing)\s+(?:[A-Z][a-z]+day\s+)?(?:on|for|against|to)\b",
        r"|\b(?:adopted|passed|rejected)\s+(?:a\s+|the\s+)?(?:[\w-]+\s+){0,4}?resolution\b",
    ),
    _spec(
        EventType.AGREEMENT,
        "agreement",
        ("sign",),
        r"\bsign(?:ed|s|ing)?\s+(?:a|an|the|their)?\s*",
        r"(?:(?!communiqu|statement|declaration)[^.;]){0,60}?",  # a communique is a statement
        r"\b(?:treat(?:y|ies)|agreements?|pacts?|accords?|memorand(?:um|a)|MOUs?|deals?)\b",
    ),
    _spec(
        EventType.AGREEMENT,
        "agreement",
        ("establishment",),
        r"\bestablishment\s+of\s+(?:a|an|the)\s+[^.;,]{0,50}?",
        r"\b(?:program|programme|partnership|framework|mechanism)\b",
    ),
    _spec(
        EventType.OTHER,
        "other",
        ("establishment", "opening", "launch of"),
        r"\b(?:establishment|opening|launch)\s+of\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?",
        r"(?:mission|embassy|office|liaison\s+office|consulate|hotline)\b",
    ),
    _spec(
        EventType.BILATERAL,
        "meeting",
        ("met", "meet", "talked", "spoke", "sat down"),
        r"\b(?:met|talked|spoke|sat\s+down)\b(?!\s+(?:with|to)\s+(?:reporters|journalists|media))",
    ),
    _spec(
        EventType.BILATERAL,
        "meeting",
        ("meet",),
        r"\b(?i:meets?)\s+(?=(?:the\s+|his\s+|her\s+)?[A-Z])",
        case=True,
    ),
    _spec(EventType.BRIEFING, "briefing", ("briefed",), r"\bbriefed\b"),
    _spec(
        EventType.VOTE,
        "vote",
        ("approved", "passed", "adopted", "ratified", "voted"),
        r"\b(?:parliament|lower\s+house|upper\s+house|national\s+assembly|assembly|senate",
        r"|congress|duma|legislature|lawmakers|cabinet)\b(?:(?!\bnot\b|n['’]t\b|\bnever\b|\byet\s+to\b)[^.;])"
        r"{0,40}?\b(?:approved|passed|adopted",
        r"|ratified|voted)\b",
        needs_date=True,
    ),
    _spec(
        EventType.VOTE,
        "vote",
        ("election",),
        r"\b(?:presidential|parliamentary|general|legislative|snap|local|upper\s+house)\s+",
        r"elections?\b",
        needs_date=True,
    ),
    _spec(
        EventType.AGREEMENT,
        "agreement",
        ("agree", "deal"),
        r"\b(?:agreed\s+(?:to|on)|agree\s+on|reached\s+(?:an?\s+)?(?:agreement|deal)",
        r"|struck\s+(?:an?\s+)?(?:agreement|deal))\b",
        needs_date=True,
    ),
    _spec(
        EventType.AGREEMENT,
        "agreement",
        ("signed",),
        r"\b(?:treaty|agreement|pact|accord|deal),?\s+(?:that\s+|which\s+)?(?:[\w'’-]+\s+){0,6}?",
        r"signed\b",
    ),
    _spec(
        EventType.OTHER,
        "other",
        ("drill", "exercise", "patrol", "manoeuvre", "maneuver", "war game"),
        r"\b(?:drills?|exercises?|patrols?|manoeuvres|maneuvers|war\s+games)\b",
        needs_date=True,
    ),
]

# Occurrences told by a verb rather than a meeting or document noun: military actions and
# incidents, diplomatic steps, legal and political acts, publications. Most are common words
# that report an occurrence only when the clause says when (``needs_date``).
_AIRCRAFT = r"(?:bombers?|jets?|aircraft|planes?|fighters?|drones?|helicopters?|warplanes?)"
_VESSELS = (
    r"(?:ships?|vessels?|destroyers?|frigates?|carriers?|warships?|submarines?|cruisers?"
    r"|fleet|flotilla|boats?)"
)
_ENVOYS = (
    r"(?:ambassadors?|envoys?|diplomats?|charg[eé]s?\s+d['’]affaires|attach[eé]s?|consuls?"
    r"|embassy\s+staff)"
)
_BODIES = (
    r"(?:team|group|mechanism|panel|task\s+force|taskforce|body|cent(?:re|er)|coalition"
    r"|initiative|network|secretariat|command|hotline)"
)
_DOCUMENTS = (
    r"(?:report|assessment|white\s+paper|review|findings|study|strategy|plan|roadmap"
    r"|guidelines)"
)
_TRIGGERS += [
    _spec(
        EventType.OTHER,
        "other",
        ("airspace",),
        r"\b(?:violat\w*|enter(?:ed|ing|s)?|intru\w*|breach\w*|incursions?\s+into)\s+",
        r"(?:into\s+)?(?:[\w'’-]+\s+){0,3}?airspace\b",
        r"|\bairspace\s+(?:violations?|incursions?|intrusions?|breach(?:es)?)\b",
        needs_date=True,
    ),
    _spec(
        EventType.OTHER,
        "other",
        ("flew", "flown"),
        r"\b(?:flew|flown)\b(?!\s+(?:back\s+)?(?:to|home|in\s+from)\b)",
        needs_date=True,
    ),
    _spec(
        EventType.OTHER,
        "other",
        ("sailed", "transit", "passed", "steamed"),
        r"\b(?:sailed|transited|steamed|passed)\s+(?:through|between|near|past|around)\b",
        r"|\btransits?\s+(?:of|through)\b",
        needs_date=True,
    ),
    _spec(
        EventType.OTHER,
        "other",
        ("struck", "attack", "shelled", "bomb", "strike", "raid", "assault"),
        r"\b(?:struck|shelled|bombarded|bombed)\b",
        r"|\b(?:launch\w*|carried\s+out|conducted|mounted|staged)\s+(?:an?\s+|the\s+)?",
        r"(?:[\w'’-]+\s+){0,2}?(?:strikes?|attacks?|raids?|assault|offensive)\b",
        r"|\b(?:air|missile|drone|rocket|artillery)\s+(?:strikes?|attacks?|raids?)\s+on\b",
        needs_date=True,
    ),
    _spec(
        EventType.OTHER,
        "other",
        ("fire", "used", "released"),
        r"\bfir(?:ed|ing)\s+(?:[\w'’-]+\s+){0,2}?(?:warning\s+shots|shots|water\s+cannons?",
        r"|flares|artillery|shells|rounds|torpedo(?:es)?)\b",
        r"|\bused\s+(?:[\w'’-]+\s+){0,2}?(?:flares|water\s+cannons?|sonar|lasers?)\b",
        r"|\breleased\s+(?:[\w'’-]+\s+){0,4}?(?:chaff|flares)\b",
        needs_date=True,
    ),
    _spec(
        EventType.OTHER,
        "other",
        (
            "blew",
            "blown",
            "demolish",
            "detonat",
            "demolition",
            "shot down",
            "downed",
            "intercepted",
        ),
        r"\b(?:blew\s+up|blown\s+up|demolish(?:ed|es)|detonated|demolition|shot\s+down|downed"
        r"|intercepted)\b",
        needs_date=True,
    ),
    _spec(
        EventType.OTHER,
        "other",
        ("captur", "seiz", "detain", "prisoner"),
        r"\b(?:captur\w*|seiz\w*|detain\w*|took)\s+(?:[\w'’-]+\s+){0,4}?",
        r"(?:soldiers|troops|servicemen|prisoners?|sailors|crew|fishermen|tankers?|vessels?)\b",
        r"|\b(?:soldiers|troops|servicemen|sailors|crew\s+members)\s+(?:[\w'’-]+\s+){0,3}?",
        r"(?:were|had\s+been|have\s+been)\s+(?:captured|taken\s+prisoner|detained)\b",
        needs_date=True,
    ),
    _spec(EventType.OTHER, "other", ("parade",), r"\b(?:military\s+)?parades?\b", needs_date=True),
    _spec(
        EventType.OTHER,
        "other",
        ("protest", "rall", "demonstrat"),
        r"\b(?:protest(?:ed|ers)|rallied|demonstrators|demonstrated)\s+(?:gathered\s+)?",
        r"(?:outside|in\s+front\s+of|near|at|in)\b",
        needs_date=True,
    ),
    _spec(
        EventType.OTHER,
        "other",
        ("alert", "warning"),
        r"\bissu(?:ed|es)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?",
        r"(?:emergency|evacuation|missile|air[- ]raid)\s+(?:alert|warning)s?\b",
        needs_date=True,
    ),
    _spec(
        EventType.OTHER,
        "other",
        ("activit", "sail", "operation"),
        r"\b(?:maritime|naval|joint)\s+(?:cooperative\s+)?(?:activity|activities|sail(?:ing)?s?",
        r"|operations?)\b",
        needs_date=True,
    ),
    _spec(
        EventType.OTHER,
        "other",
        ("incident", "collision", "clash", "explosion", "intercept"),
        r"\b(?:incident|collision|clash(?:es)?|explosions?|intercepts?|interception)\b",
        needs_date=True,
    ),
    _spec(
        EventType.OTHER,
        "other",
        ("expel", "summon", "recall", "persona non grata"),
        r"\b(?:expel\w*|summon\w*|recall\w*)\s+(?:[\w'’.-]+\s+){0,5}?",
        _ENVOYS,
        r"\b|\b",
        _ENVOYS,
        r"\s+(?:[\w'’-]+\s+){0,4}?(?:was|were|had\s+been|has\s+been|have\s+been)\s+",
        r"(?:expelled|summoned|recalled)\b|\bpersona\s+non\s+grata\b",
    ),
    _spec(
        EventType.OTHER,
        "other",
        ("embass", "consulate"),
        r"\b(?:clos\w*|shut\w*|suspend\w*|reopen\w*|open(?:ed|s)?)\s+(?:down\s+)?",
        r"(?:[\w'’-]+\s+){0,3}?(?:embassy|embassies|consulates?)\b",
        needs_date=True,
    ),
    _spec(
        EventType.OTHER,
        "other",
        ("launch", "set up", "establish", "formed", "created", "inaugurat", "unveil"),
        r"\b(?:launch(?:ed|es)?|set\s+up|established|formed|created|inaugurated|unveiled)\s+",
        r"(?:an?\s+|the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,4}?",
        _BODIES,
        r"\b|\b",
        _BODIES,
        r"\s+(?:was|were|has\s+been|had\s+been)\s+(?:formally\s+|officially\s+)?",
        r"(?:launched|set\s+up|established|formed|created|inaugurated)\b",
        needs_date=True,
    ),
    _spec(
        EventType.OTHER,
        "other",
        ("released", "published", "issued", "unveil", "announced"),
        r"\b(?:released|published|issued|unveil(?:ed|s)|announced)\s+",
        r"(?:an?\s+|the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,4}?",
        _DOCUMENTS,
        r"\b",
        needs_date=True,
    ),
    _spec(
        EventType.OTHER,
        "other",
        ("sworn", "swearing", "inaugurat", "office", "became", "becomes"),
        r"\b(?:sworn\s+in|swearing-in|inaugurat(?:ed|ion)|took\s+office|assumed\s+office",
        r"|takes\s+office)\b|\bbec(?:ame|omes)\s+(?:[\w'’-]+\s+){0,4}?(?:prime\s+minister|president",
        r"|chancellor|premier)\b",
        needs_date=True,
    ),
    _spec(
        EventType.OTHER,
        "other",
        ("applied", "application", "joined", "became", "accession"),
        r"\b(?:applied|application)\s+to\s+join\b|\b(?:formally\s+)?joined\s+",
        r"(?:the\s+)?(?=[A-Z])|\bbec(?:ame|omes)\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,2}?",
        r"(?:member|ally)\b|\baccession\s+(?:documents|ceremony|protocol)\b",
        needs_date=True,
    ),
    _spec(
        EventType.OTHER,
        "other",
        ("address",),
        r"\baddress(?:ed|es)\s+(?:a\s+|the\s+)?(?:[\w'’-]+\s+){0,2}?(?:meeting|session|parliament",
        r"|congress|assembly|nation|summit|conference|forum|lawmakers|troops|soldiers|sailors",
        r"|service\s+(?:members|personnel)|rally|crowd|supporters)\b",
        needs_date=True,
    ),
    _spec(  # a state ratifying by decree or law; a chamber's vote is a vote (above)
        EventType.AGREEMENT,
        "agreement",
        ("ratif",),
        r"\bratif(?:ied|ies|ying|ication\s+of)\b",
        needs_date=True,
    ),
    _spec(
        EventType.OTHER,
        "other",
        ("flag",),
        r"\bflags?\s+(?:[\w'’-]+\s+){0,3}?(?:raised|hoisted|lowered)\b|\bflag-raising\b",
        r"|\b(?:raised|hoisted)\s+(?:the|its|their)\s+(?:[\w'’-]+\s+){0,2}?flag\b",
        needs_date=True,
    ),
    _spec(  # "said on Thursday, through the state-run news agency": a statement, not a remark
        EventType.STATEMENT,
        "statement",
        ("through", "via", "state media", "state-run", "state tv"),
        r"\b(?:said|announced|declared|warned|stated)\s+(?:[\w'’,-]+\s+){0,3}?(?:through|via|in)",
        r"\s+(?:the\s+|its\s+)?(?:official\s+)?(?:state[- ]run\s+|state\s+)?(?:media|news\s+agency",
        r"|KCNA|Korean\s+Central\s+News\s+Agency|TV|television|radio)\b",
        r"|\bstate\s+media\s+(?:said|announced)\b(?=\s+(?:on\s+)?[A-Z][a-z]+day)",
        needs_date=True,
    ),
    _spec(
        EventType.VOTE,
        "vote",
        ("elect", "referendum", "leadership"),
        r"\belect(?:s|ed)?\s+(?:a\s+|its\s+|their\s+|the\s+)?(?:new\s+)?(?:leader|president",
        r"|prime\s+minister|chancellor|speaker|premier)\b|\breferendum\b|\bby-elections?\b",
        r"|\bleadership\s+(?:election|race|vote|contest|ballot)\b",
        needs_date=True,
    ),
    _spec(
        EventType.AGREEMENT,
        "agreement",
        ("sign",),
        r"\bsign(?:ed|s|ing)?\s+(?:[\w'’-]+\s+){0,3}?(?:into\s+law|law|decree|bill|legislation)\b",
        needs_date=True,
    ),
    _spec(
        EventType.STATEMENT,
        "statement",
        ("announced", "declared"),
        r"\b(?:announced|declared)\b(?=\s+(?:on\s+|in\s+|last\s+)?(?:[A-Z][a-z]+day|Jan|Feb|Mar",
        r"|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d|last|this|yesterday|today)|\s+that\b)",
        needs_date=True,
    ),
    _spec(
        EventType.BILATERAL,
        "meeting",
        ("phone", "telephone", "call", "conversation"),
        r"\b(?:spoke|speaks|talked|talks|held\s+(?:[\w-]+\s+)?(?:talks|call))\s+(?:by|over\s+the|on\s+the)",
        r"\s+(?:phone|telephone)\s+(?:with|to)\b",
        r"|\b(?:a|an|their|his|her)\s+(?:[\w-]+\s+){0,2}?(?:call|conversation|exchange)\s+with\b",
    ),
    _spec(
        EventType.BILATERAL,
        "meeting",
        ("talks",),
        r"\b(?:held|hold|holds|holding)\s+(?:[\w-]+\s+){0,2}?talks\b(?!\s+with\b)",
    ),
    _spec(
        EventType.BILATERAL,
        "meeting",
        ("host",),
        r"\bhost(?:ed|s|ing)\s+(?=(?:the\s+|his\s+|her\s+|visiting\s+)?[A-Z]"
        r"|the\s+(?:leaders|heads\s+of\s+(?:state|government))\s+of\s)",
        case=True,
    ),
]

# Occurrences of domestic politics and law, and of diplomacy, phrased without a meeting noun.
# All are common words that report an occurrence only when their clause is dated.
_TRIGGERS += [
    _spec(
        EventType.OTHER,
        "other",
        ("martial law", "emergency", "decree", "order"),
        r"\b(?:declar\w*|impos\w*|proclaim\w*|lift\w*|revok\w*|rescind\w*)\s+",
        r"(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,2}?(?:martial\s+law|(?:state\s+of\s+)?emergency",
        r"|decree|order)\b",
        needs_date=True,
    ),
    _spec(
        EventType.OTHER,
        "other",
        ("resign", "stepped down", "steps down", "arrest", "indict", "raid", "removed", "ousted"),
        r"\b(?:resign(?:ed|s)|stepped\s+down|steps\s+down|(?:was|were|been)\s+(?:formally\s+)?",
        r"(?:arrested|indicted|detained|removed\s+from\s+office|ousted)|raided|removed\s+",
        r"(?:\w+\s+){0,3}?from\s+office)\b",
        needs_date=True,
    ),
    _spec(  # typed like a bare "talks": by who takes part
        EventType.SUMMIT,
        "meeting",
        ("dialogue", "consultations", "two-plus-two", "2+2"),
        r"\b(?:strategic|security|defen[cs]e|foreign\s+policy|high-level)\s+(?:dialogue",
        r"|consultations)\b|\b(?:two-plus-two|2\+2)(?:\s+(?:[\w-]+\s+)?(?:talks|meeting",
        r"|dialogue|consultations))?",
        needs_date=True,
    ),
    _spec(
        EventType.VISIT,
        "visit",
        ("fly", "flies", "flew", "flown", "leave", "left", "depart"),
        r"\b(?:fl(?:y|ies|ew|own|ying)\s+(?:in)?to|flew\s+in\s+to|leav(?:e|es|ing)\s+for|left\s+for",
        r"|depart(?:s|ed|ing)?\s+for)\s+(?=(?:the\s+)?[A-Z])",
        case=True,
        needs_date=True,
    ),
    _spec(  # an institution's dated reaction: "China's foreign ministry said on Monday"
        EventType.STATEMENT,
        "statement",
        ("said", "hit back", "reacted", "responded"),
        r"\b(?:[Mm]inistry|Kremlin|State\s+Department|[Ee]mbassy|[Mm]ission)",
        r"(?:\s+(?:of|to)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})?",
        r"\s+(?:said|hit\s+back|reacted|responded)\b",
        r"(?=\s+(?:on\s+|late\s+on\s+|early\s+on\s+)?(?:[A-Z][a-z]+day|Jan|Feb|Mar|Apr|May|Jun",
        r"|Jul|Aug|Sep|Oct|Nov|Dec|\d|yesterday|today|hours\s+later|later\s+that))",
        case=True,
        needs_date=True,
    ),
    _spec(
        EventType.VOTE,
        "vote",
        ("election", "voters", "polls", "impeach"),
        r"\belection\s+(?:victory|win|defeat|loss)\b|\b(?:won|lost)\s+(?:the\s+|a\s+)?",
        r"(?:[\w'’-]+\s+){0,2}?election\b|\bvoters\s+(?:[\w'’-]+\s+){0,3}?(?:ousted|elected",
        r"|chose|rejected|backed|went\s+to\s+the\s+polls)\b|\bwent\s+to\s+the\s+polls\b",
        r"|\b(?:voted\s+to\s+)?impeach(?:ed|es)?\b",
        needs_date=True,
    ),
    _spec(
        EventType.AGREEMENT,
        "agreement",
        ("sign", "brokered"),
        r"\bsign(?:ed|s|ing)?\s+(?:more\s+than\s+|some\s+|about\s+)?(?:\d+\s+|[a-z]+\s+)?",
        r"(?:[\w-]+\s+){0,2}?(?:documents|contracts|protocols?|declarations?)\b",
        r"|\bbrokered\s+(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,3}?(?:deal|agreement|truce|ceasefire)\b",
        needs_date=True,
    ),
    _spec(
        EventType.OTHER,
        "other",
        ("speech", "address"),
        r"\b(?:in|during|gave|delivered)\s+(?:a|an|his|her|its|the)\s+(?:[\w'’-]+\s+){0,2}?",
        r"(?:speech|televised\s+address|address\s+to)\b",
        needs_date=True,
    ),
]

_LAUNCH_OBJECT_RE = re.compile(
    r"\b(?:missiles?|rockets?|satellites?|ICBMs?|SLBMs?|projectiles?|warheads?|Hwasong[\w-]*)\b",
    re.I,
)
_HYPOTHETICAL_RE = re.compile(
    r"\b(?:would|could|might|may|should|must|if|whether|unless|never)\s+(?:[\w-]+\s+){0,1}$"
    r"|\b(?:would|could|might|may|will)\s+be\s+(?:able|allowed|free)\s+to\s+$",
    re.I,
)
# Not an occurrence: negated, merely considered or planned, habitual.
_UNREAL_RE = re.compile(
    r"\b(?:not|no|never|without|absence\s+of|considering|considered|planned|planning|hopes?\s+to"
    r"|invitations?\s+to|invited\s+to|offered\s+to|proposals?\s+to|calls?\s+for|called\s+for"
    r"|agreed\s+to|agree\s+to|pledged\s+to|vowed\s+to"
    r"|hoping|proposed|possible|potential|continues?\s+to|keeps?|repeatedly|regularly|every)\s+"
    r"(?:[\w'’-]+\s+){0,3}$",
    re.I,
)
# A recurring occasion is an occurrence only when the clause says which one.
_ANNUAL_RE = re.compile(r"\b(?:annual|yearly|routine)\s+(?:[\w'’-]+\s+){0,3}$", re.I)
# Definite mentions refer back only through nouns ("the briefing"), not verbs ("the North fired").
_NOUN_STARTS = frozenset(
    re.findall(
        r"\S+",
        "summit summits meeting meetings talks gathering briefing press news media joint visit "
        "tour trip statement declaration communique communiqué bilateral ministerial launch vote "
        "resolution establishment drill drills exercise exercises patrol patrols incident "
        "incidents demolition explosion explosions intrusion intrusions incursion incursions "
        "violation flight flights attack attacks strike strikes parade ceremony",
    )
)
_DEFINITE_RE = re.compile(
    r"\b(?:the|this|that|these|those|their|his|her|its|such)\s+(?:[\w'’-]+\s+){0,3}$"
    # "Wednesday's talks", "last week's meeting"
    r"|\b(?:[A-Z][a-z]+day|yesterday|today|week|month|year)['’]s\s+(?:[\w'’-]+\s+)?$",
    re.I,
)
_VERB_BETWEEN_RE = re.compile(
    r"\b(?:held|holds?|holding|have|has|had|was|were|is|are|will|did|made|began|begin"
    r"|conducted|staged|launched|carried|started|said|says|took|take|joined)\b",
    re.I,
)
# "a separate briefing", "the first Freedom Edge exercise": not the event already named
_SEPARATE_RE = re.compile(
    r"\b(?:separate|another|other|new|fresh|earlier|previous|first|second|third|fourth|fifth"
    r"|last|next)\s+(?:[\w'’-]+\s+){0,2}$",
    re.I,
)
_GENERIC_SUMMIT_BEFORE_RE = re.compile(r"\b(?:previous|past|future|next|annual|all)\s+$", re.I)
_SPEECH_RE = re.compile(
    r"\b(?:said|says|told|spoke|remarks?|added|stressed|noted|highlighted|shared|expressed"
    r"|emphasi[sz]ed|described|urged|called|comments?|announced|praised|welcomed|warned"
    r"|pledged|vowed|reiterated|underscored|raised|discussed)\b",
    re.I,
)
_SAME_DAY_AFTER_RE = re.compile(
    r"\b(?:told|gave|held|at)\s+(?:a|an|the|their)\s+(?:joint\s+)?(?:news|press)\s+"
    r"(?:conference|briefing)\s+(?:right\s+|immediately\s+|shortly\s+)?(?:afterward|afterwards)\b",
    re.I,
)
_AFTERWARD_RE = re.compile(r"\b(?:afterward|afterwards|after that|subsequently|then)\b", re.I)
_VISITING_ADJECTIVE_RE = re.compile(r"^visiting\s+(?!(?:the|a|an|his|her|their|its)\b)[a-z]")
_TITLE_RE = re.compile(
    r"\b(?:[A-Z][\w'’-]*\s+){1,5}(?:Declaration|Statement|Communiqu[eé]|Program(?:me)?|Treaty)\b"
)
_GROUP_RE = re.compile(
    r"\b(?P<who>[A-Z][\w.]*)\s+(?P<group>ambassadors|envoys|officials|delegation|lawmakers"
    r"|ministers|leaders|diplomats)\b"
)
_ANONYMOUS_RE = re.compile(
    r"\b(?:[Aa]n?|[Aa]nother)\s+(?:[\w.-]+\s+){0,3}?"
    r"(?:official|spokesperson|spokesman|spokeswoman|diplomat)\b"
)
_QUOTED_NAME_RE = re.compile(r"[\"“]([^\"“”]{3,60})[\"”]")
_PARTNERS_RE = re.compile(
    r"\b(?:Indo-Pacific|Asia[- ]Pacific)\s+(?:partners|Partners\s+4|Four)\b|\b(?:IP4|AP4)\b"
)
_PLACE_AFTER_RE = re.compile(
    r"\b(?:in|at)\s+(?:the\s+)?(?P<place>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}"
    r"(?:,\s+D\.C\.)?)"
)
_DESTINATION_RE = re.compile(
    r"\b(?:visit(?:s|ed|ing)?|trip|tour(?:ed)?|travel(?:l?ed)?|arrived|crossed)"
    r"\s+(?:to\s+|of\s+|in\s+|into\s+)?"
    r"(?:the\s+)?$"
)

# Nouns that definite mentions use, and the event types they can refer back to.
_NOUN_TYPES: dict[str, set[EventType]] = {
    "meeting": {EventType.BILATERAL, EventType.MINISTERIAL, EventType.SUMMIT, EventType.OTHER},
    "summit": {EventType.SUMMIT, EventType.BILATERAL},
    "briefing": {EventType.BRIEFING},
    "visit": {EventType.VISIT},
    "statement": {EventType.STATEMENT},
    "sanction": {EventType.SANCTION},
    "launch": {EventType.LAUNCH, EventType.OTHER},
    "vote": {EventType.VOTE},
    "agreement": {EventType.AGREEMENT},
    "other": {EventType.OTHER},
}
_SIDELINES_RE = re.compile(
    r"\bon the (?:sidelines|margins) of\s+(?:the\s+)?(?:[\w'’-]+\s+)?$", re.I
)
_MEETING_LIKE = {EventType.BILATERAL, EventType.MINISTERIAL, EventType.SUMMIT, EventType.OTHER}
_MEETINGS = {EventType.BILATERAL, EventType.MINISTERIAL, EventType.SUMMIT}
_LONG_QUOTE = 60  # shorter quoted phrases are names or scare quotes, not speech
_LOOK_BACK = 40  # earlier events a mention may refer to; keeps hostile input linear
_MAX_TRIGGERS = 600  # far more than any article has
_MAX_SENTENCES = 12  # sentences kept per event for its place, name and setting
_REACH = 300  # how far within its sentence a trigger looks for its subject and setting


@dataclass(frozen=True)
class _Trigger:
    type: EventType
    noun: str
    span: Span
    text: str
    needs_date: bool = False
    family: int = -1  # the pattern it came from: mentions of one kind of occurrence


@dataclass(frozen=True)
class _Actor:
    span: Span
    ref: ActorRef
    label: str  # display form
    person: PersonResult | None = None


@dataclass
class _Draft:
    type: EventType
    trigger: _Trigger
    sentence: Span
    participants: list[ActorRef] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    date: FuzzyDate | None = None
    end_date: FuzzyDate | None = None
    date_reason: str = ""
    place: str | None = None
    host_country: str | None = None
    parent: str | None = None
    reference: str | None = None
    name: str = ""
    sentences: list[Span] = field(default_factory=list)
    future: bool = False
    separate: bool = False  # "a separate briefing": not the occasion of the lead
    pending: bool = False  # needs a date that only a link ("days after") can still give
    weak: bool = False  # dated by the report of it ("..., state media reported on Tuesday")
    destination: str | None = None  # a visit's country: one visitor's trip there is one visit


# --- the document context -----------------------------------------------------------------------


class _Document:
    """Everything the stage needs about one article, computed once."""

    def __init__(self, body: str, meta: ArticleMeta, names: NamesResult, knowledge: Knowledge):
        self.body = body
        self.meta = meta
        self.names = names
        self.knowledge = knowledge
        self.anchor = meta.published
        self.sentences = dates.sentence_spans(body)
        self.paragraphs = dates.paragraph_spans(body)
        self.quotes = [q for q in dates.quote_regions(body) if q.end - q.start > _LONG_QUOTE]
        self.expressions = dates.scan_dates(body)
        self.dates = dates.resolve_all(self.expressions, self.anchor)
        self.actors = _actors(names)
        self.places = _place_gazetteer(knowledge)
        mentions = dates.find_summit_mentions(body, knowledge, self.expressions)
        self.references: list[tuple[SummitMention, SummitInfo]] = [
            (m, s) for m in mentions if (s := dates.choose_summit(m, self.anchor))
        ]
        self.used_times = {t.span for m, _ in self.references for t in m.times}
        self.reference_spans = _union(m.span for m, _ in self.references)
        self.reference_words = _union(m.trigger for m, _ in self.references)
        self.links = [e.span for e in self.expressions if e.kind == "link"]
        self.known_people = {p.name: p for p in knowledge.people}
        self.trigger_spans: list[Span] = []  # set once triggers are scanned

    def link_between(self, a: Span, b: Span) -> bool:
        """Whether "three days after" and the like stand between two spans."""
        low, high = min(a.end, b.end), max(a.start, b.start)
        return any(low <= s.start and s.end <= high for s in dates.between(self.links, low, high))

    def trigger_between(self, a: Span, b: Span) -> bool:
        """Whether another trigger stands between a time and a trigger (it is that one's),
        unless it is the setting of the first ("signed at a summit in June")."""
        low, high = min(a.end, b.end), max(a.start, b.start)
        for span in dates.between(self.trigger_spans, low, high):
            if span.end > high or 0 <= b.start - span.end <= 1 or 0 <= span.start - b.end <= 1:
                continue  # past the range, or part of the same name ("Summit Declaration")
            setting = _SETTING_BEFORE_RE.search(
                self.body, max(low - 1, span.start - 30), span.start
            )
            if setting is None or b.start > a.start:
                return True
        return False

    def text(self, span: Span) -> str:
        return self.body[span.start : span.end]

    def in_quote(self, position: int) -> bool:
        return dates.inside(position, self.quotes) is not None

    def in_reference(self, position: int) -> bool:
        return dates.inside(position, self.reference_spans) is not None

    def in_reference_word(self, position: int) -> bool:
        return dates.inside(position, self.reference_words) is not None

    def paragraph_index(self, position: int) -> int:
        return bisect_right(self.paragraphs, position, key=_span_start) - 1

    def sentence_of(self, position: int) -> Span:
        return dates.containing(self.sentences, position) or Span(position, position)

    def clause(self, trigger: _Trigger, sentence: Span) -> Span:
        """The part of the sentence an event's participants are looked for in."""
        start = max(sentence.start, trigger.span.start - 90)
        end = min(sentence.end, trigger.span.end + 110)
        before = self.body[start : trigger.span.start]
        if ";" in before:
            start += before.rindex(";") + 1
        after = self.body[trigger.span.end : end]
        if ";" in after:
            end = trigger.span.end + after.index(";")
        return Span(start, end)

    def actors_in(self, span: Span, *, skip_references: bool = True) -> list[_Actor]:
        return [
            a
            for a in dates.between(self.actors, span.start, span.end, key=_actor_start)
            if not self.in_quote(a.span.start)
            and not (skip_references and self.in_reference(a.span.start))
        ]


def _own_clause(doc: _Document, trigger: _Trigger, clause: Span) -> Span:
    """The clause of a trigger within its window, cut at the nearest break on each side: a
    speech verb, a relative clause, "after", a link ("a week after")."""
    start = clause.start
    for match in _OWN_CLAUSE_BREAK_RE.finditer(doc.body, clause.start, trigger.span.start):
        start = match.end()
    stop = _OWN_CLAUSE_BREAK_RE.search(doc.body, trigger.span.end, clause.end)
    return Span(start, stop.start() if stop else clause.end)


_OWN_CLAUSE_BREAK_RE = re.compile(
    r"[;\"“”]|:(?=\s)|\b(?:said|says|told|added|reported|according|after|before|since|while"
    r"|when|whereas|because|following)\b|,\s+(?:who|which|whose|where|and|but)\b",
    re.I,
)


def _may_name(mention: _Trigger, draft: _Draft) -> bool:
    """Whether a definite noun can name an occurrence of the catch-all type."""
    if mention.noun == "meeting":
        return draft.trigger.noun == "meeting"
    if mention.noun == "launch":
        return draft.trigger.text.lower().startswith("launch")
    return True


def _before(sentence: Span, trigger: _Trigger, reach: int = _REACH) -> Span:
    """The part of the sentence before a trigger, no further back than ``reach`` (a run-on
    sentence of hostile input must not make every trigger read all of it)."""
    return Span(max(sentence.start, trigger.span.start - reach), trigger.span.start)


def _around(sentence: Span, trigger: _Trigger, reach: int = _REACH) -> Span:
    return Span(
        max(sentence.start, trigger.span.start - reach), min(sentence.end, trigger.span.end + reach)
    )


def _actor_start(actor: _Actor) -> int:
    return actor.span.start


def _mention_start(mention: DateMention) -> int:
    return mention.span.start


def _union(spans) -> list[Span]:
    """Overlapping spans merged, sorted: for fast "is this position inside one" lookups."""
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged


def _actors(names: NamesResult) -> list[_Actor]:
    actors: list[_Actor] = []
    for person in names.people:
        ref = ActorRef(ActorKind.PERSON, person.name)
        actors += [_Actor(span, ref, person.name, person) for span in person.mentions]
    for country in names.countries:
        ref = ActorRef(ActorKind.COUNTRY, country.code)
        actors += [_Actor(span, ref, country.name) for span in country.mentions]
    for org in names.organizations:
        ref = ActorRef(ActorKind.ORGANIZATION, org.code)
        actors += [_Actor(span, ref, org.code) for span in org.mentions]
    return sorted(actors, key=lambda a: a.span)


def _place_gazetteer(knowledge: Knowledge) -> dict[str, str | None]:
    """Known place names (capitals, summit cities) -> ISO code of their country."""
    places: dict[str, str | None] = {}
    for country in knowledge.countries:
        for capital in country.capitals:
            places[capital] = country.code
    for summit in knowledge.summits:
        places.setdefault(summit.city, summit.country)
    return places


# --- finding events -----------------------------------------------------------------------------


def find_events(
    body: str, meta: ArticleMeta, names: NamesResult, knowledge: Knowledge
) -> list[EventResult]:
    """Events the article reports or refers to, one per occurrence, in order of first mention."""
    doc = _Document(body, meta, names, knowledge)
    finder = _Finder(doc)
    finder.run()
    return finder.results()


class _Finder:
    def __init__(self, doc: _Document):
        self.doc = doc
        self.drafts: list[_Draft] = []
        self.by_reference: dict[str, _Draft] = {}
        # (position, draft) of every mention so far, for definite mentions to refer back to.
        self.history: list[tuple[int, _Draft, str]] = []
        # sentence -> (event it says it took place at or right after, "at" or "after")
        self.settings: dict[Span, tuple[_Draft, str]] = {}

    def run(self) -> None:
        items: list[tuple[int, object]] = [
            (m.trigger.start, (m, s)) for m, s in self.doc.references
        ]
        triggers = _triggers(self.doc)
        self.doc.trigger_spans = [t.span for t in triggers]
        items += [(t.span.start, t) for t in triggers]
        for _, item in sorted(items, key=lambda i: i[0]):
            if isinstance(item, _Trigger):
                self._trigger(item)
            else:
                self._reference(*item)
        for link in self.doc.expressions:
            if link.kind == "link":
                self._link(link)
        for draft in self.drafts:
            self._complete(draft)

    # "A, three days after B": each side dated from the other

    def _link(self, link: DateExpression) -> None:
        doc = self.doc
        sentence = doc.sentence_of(link.span.start)
        end = _clause_end(doc.body, link.span.end, min(sentence.end, link.span.end + 160))
        mentions = [(p, d) for p, d, _ in self.history[-_LOOK_BACK * 4 :]]
        before = [d for p, d in mentions if sentence.start <= p < link.span.start]
        if not before and doc.body[sentence.start : link.span.start].strip(" ,") == "":
            # "Hours before the meeting, X fired": the object ends at the comma, the main
            # clause follows it
            comma = doc.body.find(",", link.span.end, min(sentence.end, link.span.end + 100))
            if comma < 0:
                return
            end = comma
            before = [d for p, d in mentions if comma < p < sentence.end]
        after = [d for p, d in mentions if link.span.end <= p < end]
        if not before or not after:
            return
        earlier = next((d for d in reversed(before) if d.date is not None), before[-1])
        sign = link.direction  # +1: "after" (the later clause happened first), -1: "before"
        if earlier.date is not None:
            moved = dates.shift(earlier.date, link.unit, -sign * link.offset, vague=link.vague)
            for draft in after:
                if draft.date is None and draft is not earlier:
                    draft.date, draft.date_reason = moved, f"'{link.text.strip()}' the event before"
            return
        dated = next((d for d in after if d.date is not None), None)
        if dated is not None and earlier.reference is None:
            earlier.date = dates.shift(dated.date, link.unit, sign * link.offset, vague=link.vague)
            earlier.date_reason = f"'{link.text.strip()}' the event after"

    # references to known summits

    def _reference(self, mention: SummitMention, summit: SummitInfo) -> None:
        draft = self.by_reference.get(summit.slug)
        participants = [ActorRef(ActorKind.ORGANIZATION, summit.organization)]
        participants += [
            a.ref
            for a in self.doc.actors_in(mention.sentence, skip_references=False)
            if a.ref.kind is ActorKind.PERSON
        ]
        if draft is None:
            draft = _Draft(
                type=EventType.SUMMIT,
                trigger=_Trigger(EventType.SUMMIT, "summit", mention.trigger, "summit"),
                sentence=mention.sentence,
                reference=summit.slug,
                name=summit.name,
                date=dates.day_date(summit.start),
                end_date=dates.day_date(summit.end) if summit.end != summit.start else None,
                date_reason=f"reference dates of {summit.name}",
                place=summit.city,
                host_country=summit.country,
            )
            self.by_reference[summit.slug] = draft
            self.drafts.append(draft)
        _add_participants(draft, participants)
        self.history.append((mention.trigger.start, draft, "summit"))
        if mention.at:
            self.settings.setdefault(mention.sentence, (draft, "at"))

    # trigger words

    def _trigger(self, trigger: _Trigger) -> None:
        doc = self.doc
        sentence = doc.sentence_of(trigger.span.start)
        before = doc.body[max(sentence.start, trigger.span.start - 40) : trigger.span.start]
        first_word = trigger.text.split()[0].lower()
        determiner = _DEFINITE_RE.search(before)
        definite = first_word in _NOUN_STARTS and (
            bool(determiner)
            and not _SEPARATE_RE.search(before)
            and not _VERB_BETWEEN_RE.search(determiner.group())  # "their navies held drills"
            or bool(re.search(r"\bsuch\s+$", before))  # "the first such visit"
        )
        if definite and trigger.noun in _NOUN_TYPES:
            target = self._antecedent(trigger, sentence, before)
            if target is not None and not _with_someone_else(doc, trigger, sentence, target):
                self._refer(target, trigger, sentence, before)
                return
        if trigger.type is EventType.LAUNCH and not _launch_object_near(doc, trigger, sentence):
            return  # a definite "the launch" with nothing launched to refer to
        draft = self._draft(trigger, sentence)
        if draft is None:
            return
        merged = self._merge_target(draft, before)
        if merged is not None:
            self._absorb(merged, draft)
            self.history.append((trigger.span.start, merged, trigger.noun))
            return
        self.drafts.append(draft)
        self.history.append((trigger.span.start, draft, trigger.noun))

    def _antecedent(self, trigger: _Trigger, sentence: Span, before: str) -> _Draft | None:
        """The event a definite mention ("the meeting", "their tour") refers back to: one
        named in an earlier sentence; "on the sidelines of" it, a summit."""
        types = _NOUN_TYPES[trigger.noun]
        if _SIDELINES_RE.search(before) and trigger.noun != "launch":
            types = {EventType.SUMMIT}
        summits = []
        others = []  # "the demolition" is the blast told by "blew up" before any incident
        for position, draft, noun in reversed(self.history[-_LOOK_BACK:]):
            if position >= sentence.start and draft.reference is None:
                continue
            if trigger.noun == "summit" and noun != "summit":
                continue
            if draft.type not in types:
                continue
            if draft.type is EventType.OTHER and not _may_name(trigger, draft):
                continue  # "the meeting" is no drill; "the launch" of a team is no incident
            if draft.type is trigger.type is EventType.OTHER and (
                draft.trigger.family != trigger.family
            ):
                others.append(draft)
                continue
            if trigger.noun == "meeting" and draft.reference is not None:
                summits.append(draft)  # "the two-day meeting" may be the summit itself
                continue
            return draft
        return summits[0] if summits else others[0] if others else None

    def _refer(self, target: _Draft, trigger: _Trigger, sentence: Span, before: str) -> None:
        placement = _placement(before)
        if placement:
            self.settings.setdefault(sentence, (target, placement))
        if target.reference is None:
            actors = self.doc.actors_in(self.doc.clause(trigger, sentence))
            _add_participants(target, [a.ref for a in actors if a.ref.kind is ActorKind.PERSON])
            own = self._own_date(trigger, sentence)
            if own:
                _date_into(target, *own)
            if len(target.sentences) < _MAX_SENTENCES:
                target.sentences.append(sentence)
        self.history.append((trigger.span.start, target, trigger.noun))

    def _draft(self, trigger: _Trigger, sentence: Span) -> _Draft | None:
        doc = self.doc
        clause = doc.clause(trigger, sentence)
        actors = doc.actors_in(clause)
        kind = trigger.type
        if trigger.noun == "summit" and kind is EventType.SUMMIT or trigger.noun == "meeting":
            kind = _meeting_type(doc, trigger, sentence, actors, kind)
            if kind is None:
                return None
        future = dates.is_future(doc.body, trigger.span.start, sentence.start)
        future = future and not _PAST_TRIGGER_RE.match(trigger.text)  # "ahead of X, Y held"
        draft = _Draft(kind, trigger, sentence, sentences=[sentence], future=future)
        before = doc.body[max(sentence.start, trigger.span.start - 40) : trigger.span.start]
        draft.separate = bool(_SEPARATE_RE.search(before))
        if kind is EventType.BILATERAL and trigger.text.lower() == "talks":
            # "X and Y signed deals after talks": the two named before the bare noun
            whole = doc.actors_in(_before(sentence, trigger))
            actors = _distinct(actors + [a for a in whole if a.ref.kind is ActorKind.PERSON])
        if trigger.type is EventType.BILATERAL:
            pair = _bilateral_actors(doc, trigger, sentence, actors)
            if pair is None and _BARE_TALKS_RE.fullmatch(" ".join(trigger.text.lower().split())):
                # "the leaders of the partners will hold talks on Thursday": no pair, a meeting
                generic = _meeting_type(doc, trigger, sentence, actors, EventType.SUMMIT)
                if generic is None:
                    return None
                draft.type = kind = generic
            elif pair is None:
                return None
            else:
                actors = pair
            if _multilateral(trigger, actors):
                draft.type = kind = EventType.SUMMIT
        elif kind is EventType.VISIT and not _visit_has_subject(doc, trigger, actors):
            return None
        elif kind is EventType.VISIT and _to_summit(doc, trigger, sentence):
            return None  # "arrived in Washington for the summit": attending it
        if kind is EventType.VISIT:
            where = _destination(doc, trigger)
            draft.destination = where[1] if where else None
            visitor = _visitor(doc, trigger, sentence, actors)
            if visitor is not None:  # the one who travels, those met there, not bystanders
                host = [a for a in actors if a.ref.key == draft.destination]
                actors = [visitor, *host[:1], *_met_on_visit(doc, trigger, sentence, actors)]
        if kind is EventType.OTHER:  # who acted and on whom, not the rest of the sentence
            actors = doc.actors_in(_own_clause(doc, trigger, clause))
        if kind is EventType.LAUNCH:  # who launched (named first), not who reacted
            countries = [a for a in actors if a.ref.kind is ActorKind.COUNTRY]
            launcher = [a for a in countries if a.span.end <= trigger.span.start][-1:]
            actors = launcher or countries[:1]
        _add_participants(draft, [a.ref for a in actors])
        if _PARTNERS_RE.search(doc.text(clause)):
            _add_participants(draft, _partner_countries(doc.knowledge))
        draft.persons = [a.ref.key for a in actors if a.ref.kind is ActorKind.PERSON]
        own = self._own_date(trigger, sentence, tight=trigger.text.lower().startswith("agree"))
        if own:
            draft.date, draft.end_date, draft.date_reason = own
            draft.weak = kind not in _SPOKEN and _reported_on(doc.body, trigger.span, own[2])
        elif kind is EventType.AGREEMENT and (outcome := self._meeting_outcome(trigger, sentence)):
            if outcome.date is not None:
                draft.date, draft.date_reason = outcome.date, "agreed at the meeting reported"
            else:  # the meeting is dated once every mention is read
                self.settings.setdefault(sentence, (outcome, "at"))
                draft.pending = True
        elif trigger.needs_date and (answered := self._answered(trigger, sentence)):
            draft.date, draft.date_reason = answered.date, f"in response to {answered.name or 'it'}"
        elif trigger.needs_date and _placed_at_meeting(
            doc.body, _around(sentence, trigger), kind in _OUTCOMES
        ):
            draft.pending = True  # "at the conclusion of the meeting, ministers agreed to"
        elif trigger.needs_date:
            # "agreed to", "elections", "drills" without a date: no occurrence, unless a link
            # in the sentence ("hours before polls opened in the election") dates it later
            if not doc.link_between(Span(sentence.start, sentence.start), trigger.span):
                return None
            draft.pending = True
        elif trigger.type is EventType.SUMMIT and trigger.noun == "meeting":
            draft.pending = True  # a bare "meeting" let through for a link to date
        return draft

    def _own_date(
        self, trigger: _Trigger, sentence: Span, *, tight: bool = False
    ) -> tuple[FuzzyDate, FuzzyDate | None, str] | None:
        """The date nearest the trigger in its sentence, preferring its own clause; ``tight``
        (and for common words that need a date): only a date of its own clause.

        A date on the other side of a link ("three days after"), one that bounds a "since"
        clause the trigger is not in, and one nearer another trigger are not this event's."""
        doc = self.doc
        options = []
        for d in dates.between(doc.dates, sentence.start, sentence.end, key=_mention_start):
            if d.span in doc.used_times or doc.in_quote(d.span.start):
                continue
            bound = d.expression.prefix in dates.BOUND_PREFIXES or d.expression.since_at is not None
            if (
                bound
                and not _inside_since(d, trigger)
                and not _when_clause(doc.body, d.span, trigger.span)
            ):
                continue  # "since 2019", "since taking office last year": not this event's
            if doc.link_between(d.span, trigger.span):
                continue
            if doc.trigger_between(d.span, trigger.span) and not _visit_content(
                doc.body, trigger, d.span
            ):
                continue  # the time of another occurrence named in between
            options.append(d)
        if tight or trigger.needs_date:
            options = [d for d in options if not _clause_break(doc.body, d.span, trigger.span)]
        if tight:
            options = [d for d in options if _same_clause(doc.body, d.span, trigger.span)]
        if not options:
            return None
        best = min(
            options,
            key=lambda d: (
                _clause_break(doc.body, d.span, trigger.span),
                _clause_break(doc.body, d.span, trigger.span, _SOFT_BREAK_RE),
                _distance(d.span, trigger.span),
                -_rank(d.start),
            ),
        )
        return best.start, best.end, f"'{best.text}' in the same sentence"

    def _answered(self, trigger: _Trigger, sentence: Span) -> _Draft | None:
        """ "Troops fired warning shots in response": the occurrence just reported, answered
        the same day."""
        window = _around(sentence, trigger)
        if not _RESPONSE_RE.search(self.doc.body, window.start, window.end):
            return None
        earlier = [d for p, d, _ in self.history[-_LOOK_BACK:] if p < sentence.start]
        dated = [d for d in earlier if d.date is not None and d.date.precision is Precision.DAY]
        return dated[-1] if dated else None

    def _meeting_outcome(self, trigger: _Trigger, sentence: Span) -> _Draft | None:
        """ "The two leaders agreed to ...": what the meeting just reported agreed on, not a
        generic pledge to deepen cooperation."""
        doc = self.doc
        lead = doc.text(_before(sentence, trigger, 120))
        rest = doc.body[trigger.span.end : min(sentence.end, trigger.span.end + 80)]
        if not _PAIR_SUBJECT_RE.search(lead) or _GENERIC_PLEDGE_RE.match(rest):
            return None
        previous = _previous_sentences(doc, sentence, 6)
        floor = previous[-1].start if previous else sentence.start
        for position, draft, _ in reversed(self.history[-_LOOK_BACK:]):
            if position < floor:
                break
            if draft.type in _MEETINGS and position < trigger.span.start:
                return draft
        return None

    def _merge_target(self, draft: _Draft, before: str) -> _Draft | None:
        if _SEPARATE_RE.search(before):
            return None
        for other in reversed(self.drafts[-_LOOK_BACK:]):
            if other.reference is None and _same_occurrence(other, draft):
                return other
        return None

    def _absorb(self, target: _Draft, draft: _Draft) -> None:
        _add_participants(target, draft.participants)
        target.persons += [p for p in draft.persons if p not in target.persons]
        if target.weak and draft.date is not None and not draft.weak:
            target.date, target.end_date, target.weak = draft.date, draft.end_date, False
            target.date_reason = draft.date_reason  # the day it happened, not the report's
        elif draft.date is not None and not (draft.weak and target.date is not None):
            _date_into(target, draft.date, draft.end_date, draft.date_reason)
        if len(target.sentences) < _MAX_SENTENCES:
            target.sentences.append(draft.sentence)

    # dates, places, parents and names once every mention is known

    def _complete(self, draft: _Draft) -> None:
        if draft.reference:
            return
        found = next((self.settings[s] for s in draft.sentences if s in self.settings), None)
        setting, how = found if found and found[0] is not draft else (None, None)
        if draft.date is None:
            self._borrow_date(draft, setting)
        if how == "after":
            setting = None  # dated by it, but not part of it
        if setting is not None and not draft.participants and setting.reference is None:
            _add_participants(draft, setting.participants)  # "at the summit, the two sides ..."
        draft.place, draft.host_country = _place(self.doc, draft)
        self._parent(draft, setting)
        if draft.parent and draft.date is None:
            summit = self.doc.knowledge.summit(draft.parent)
            if summit:
                draft.date = _summit_month(summit)
                draft.date_reason = f"during {summit.name}"
        if draft.parent and draft.place is None:
            summit = self.doc.knowledge.summit(draft.parent)
            if summit:
                draft.place, draft.host_country = summit.city, summit.country
        draft.name = _name(self.doc, draft)

    def _borrow_date(self, draft: _Draft, setting: _Draft | None) -> None:
        doc = self.doc
        if setting is not None and setting.date is not None:
            if setting.reference:
                summit = doc.knowledge.summit(setting.reference)
                draft.date = _summit_month(summit) if summit else setting.date
            else:
                draft.date, draft.end_date = setting.date, setting.end_date
            draft.date_reason = f"at {setting.name or 'the event'} referred to in the sentence"
            return
        if draft.type is EventType.VISIT and (met := self._met_there(draft)) is not None:
            draft.date, draft.date_reason = met.date, f"{met.name or 'a meeting'} during the visit"
            return
        text = doc.text(draft.sentence)
        previous = self._previous_dated(draft)
        if _AFTERWARD_RE.search(text) and previous is not None:
            if draft.type in _SPOKEN and _SAME_DAY_AFTER_RE.search(text):
                # "told a joint news conference afterward": words spoken right after the meeting
                draft.date, draft.date_reason = previous.date, "right after an event of that day"
                return
            draft.date = dates.year_date(previous.date.value.year)
            draft.date_reason = "after an event of the same year"
            return
        if self._news_of_the_day(draft, text):
            draft.date, draft.date_reason = doc.anchor, "told in the present: the day of the news"
            return
        spoke = self._spoke_on(draft)
        if spoke is not None:  # "Miller said on Tuesday ..." then "..., Miller told a briefing"
            draft.date, draft.date_reason = spoke.start, f"the speaker's '{spoke.text}' before"
            return
        lead = _lead_date(doc)
        paragraph = doc.paragraph_index(draft.trigger.span.start)
        if (
            lead is not None
            and draft.type in _SPOKEN
            and not draft.future
            and not draft.separate
            and _FORMAL_SPEECH_RE.search(text)
        ):  # "X said in a statement", "told a news conference": the day of the news
            news_day = doc.anchor if doc.anchor.precision is Precision.DAY else lead.start
            draft.date = news_day
            draft.date_reason = "a statement of the day of the news"
            return
        if (
            lead is not None
            and paragraph < 4
            and not draft.future
            and not draft.separate
            and _SPEECH_RE.search(text)
            and draft.type in (_MEETING_LIKE | {EventType.BRIEFING, EventType.STATEMENT})
        ):
            draft.date = lead.start
            draft.date_reason = f"the remarks of the lead, '{lead.text}'"
            if draft.place is None and doc.meta.dateline:
                draft.place = _title(doc.meta.dateline)

    def _news_of_the_day(self, draft: _Draft, text: str) -> bool:
        """ "X has held talks with Y" in the lead, "he is on a state visit": the day the article
        is dated."""
        anchor = self.doc.anchor
        if anchor is None or anchor.precision is not Precision.DAY or draft.future:
            return False
        before = self.doc.body[max(draft.sentence.start, draft.trigger.span.start - 40) :
                               draft.trigger.span.start]  # fmt: skip
        if _ONGOING_RE.search(before):
            return True
        lead = self.doc.paragraph_index(draft.trigger.span.start) == 0
        return lead and bool(_PRESENT_PERFECT_RE.search(before + draft.trigger.text))

    def _spoke_on(self, draft: _Draft) -> DateMention | None:
        """The day the speaker of a statement or briefing was said to speak a little earlier."""
        doc = self.doc
        if draft.type not in _SPOKEN or not draft.persons:
            return None
        speaker = draft.persons[0]
        for sentence in _previous_sentences(doc, draft.sentence, 4):
            if not any(a.ref.key == speaker for a in doc.actors_in(sentence)):
                continue
            for mention in dates.between(
                doc.dates, sentence.start, sentence.end, key=_mention_start
            ):
                lead = doc.body[max(sentence.start, mention.span.start - 12) : mention.span.start]
                if _SPEECH_BEFORE_RE.search(lead) and not doc.in_quote(mention.span.start):
                    return mention
        return None

    def _met_there(self, draft: _Draft) -> _Draft | None:
        """A dated meeting of the visitor in the country visited: the visit was then."""
        if not draft.persons or draft.destination is None:
            return None
        for other in self.drafts[-_LOOK_BACK:]:
            if other.type not in _MEETINGS or other.date is None or other.place is None:
                continue
            if other.host_country == draft.destination and draft.persons[0] in other.persons:
                return other
        return None

    def _previous_dated(self, draft: _Draft) -> _Draft | None:
        earlier = [
            d
            for d in self.drafts[-_LOOK_BACK:]
            if d.date is not None and d.trigger.span.start < draft.trigger.span.start
        ]
        return max(earlier, key=lambda d: d.trigger.span.start, default=None)

    def _parent(self, draft: _Draft, setting: _Draft | None) -> None:
        if setting is not None:
            draft.parent = setting.reference or setting.parent
            if draft.parent:
                return
        for mention, summit in self.doc.references:
            if mention.sentence not in draft.sentences:
                continue
            adjacent = 0 <= draft.trigger.span.start - mention.span.end <= 2
            if adjacent or (mention.at and _within(draft.date, summit, slack=1)):
                draft.parent = summit.slug
                return
        for summit in self._referenced_summits():
            dated = draft.date is not None and draft.date.precision is Precision.DAY
            if dated and _within(draft.date, summit) and _place_fits(draft.place, summit):
                draft.parent = summit.slug
                return
        if (
            draft.date is None
            and not draft.future
            and draft.type in _MEETING_LIKE | {EventType.STATEMENT}
        ):
            covering = self._covered_summit()
            if covering is not None:
                draft.parent = covering.slug

    def _referenced_summits(self) -> list[SummitInfo]:
        seen: dict[str, SummitInfo] = {}
        for _, summit in self.doc.references:
            seen.setdefault(summit.slug, summit)
        return list(seen.values())

    def _covered_summit(self) -> SummitInfo | None:
        """The summit the article reports from: it is dated during (or a day after) it."""
        anchor = self.doc.anchor
        if anchor is None or anchor.precision is not Precision.DAY:
            return None
        for summit in self._referenced_summits():
            if summit.start <= anchor.value <= summit.end + dt.timedelta(days=1):
                return summit
        return None

    def results(self) -> list[EventResult]:
        keys: set[str] = set()
        out = []
        for draft in self.drafts:
            if draft.future and not draft.reference and not _firm_future(draft):
                continue  # plans without a date are not occurrences
            if draft.pending and draft.date is None:
                continue
            key = draft.reference or _unique(_key(draft), keys)
            keys.add(key)
            out.append(
                EventResult(
                    key=key,
                    name=draft.name,
                    type=draft.type,
                    date=draft.date,
                    end_date=draft.end_date,
                    place=draft.place,
                    host_country=draft.host_country,
                    parent=draft.parent if draft.parent != draft.reference else None,
                    reference=draft.reference,
                    participants=list(draft.participants),
                    evidence=draft.sentence,
                    date_reason=draft.date_reason,
                )
            )
        return out


# --- trigger scanning ---------------------------------------------------------------------------


def _triggers(doc: _Document) -> list[_Trigger]:
    """Trigger matches outside long quotations and summit references, without overlaps."""
    found: list[_Trigger] = []
    for family, spec in enumerate(_TRIGGERS):
        for match in dates.near(spec.regex, doc.body, spec.keywords, back=80, ahead=140):
            span = Span(match.start(), match.end())
            found.append(
                _Trigger(spec.type, spec.noun, span, match.group(), spec.needs_date, family)
            )
    found.sort(key=lambda t: (t.span.start, -(t.span.end - t.span.start)))
    chosen: list[_Trigger] = []
    covered = -1  # a rejected longer trigger also rules out the shorter ones inside it
    for trigger in found:
        if trigger.span.start < covered:
            continue
        covered = trigger.span.end
        if _keep(doc, trigger):
            if _ANNUAL_RE.search(doc.body, max(0, trigger.span.start - 30), trigger.span.start):
                trigger = replace(trigger, needs_date=True)  # "the annual meeting on Monday"
            chosen.append(trigger)
        if len(chosen) >= _MAX_TRIGGERS:
            break
    return chosen


def _keep(doc: _Document, trigger: _Trigger) -> bool:
    start = trigger.span.start
    if doc.in_quote(start):
        return False
    if doc.in_reference_word(start):
        return False
    sentence = doc.sentence_of(start)
    before = doc.body[max(sentence.start, start - 30) : start]
    if _HYPOTHETICAL_RE.search(before) and trigger.type is not EventType.STATEMENT:
        return False
    if _UNREAL_RE.search(doc.body, max(sentence.start, start - 50), start):
        return False
    meeting = trigger.type is EventType.BILATERAL or trigger.noun == "meeting"
    if meeting and _after_visit(doc, trigger, sentence):
        return False  # "arrived in Pyongyang for talks with ...": the talks are the visit's
    after = doc.body[trigger.span.end : min(sentence.end, trigger.span.end + 40)]
    if trigger.type is EventType.LAUNCH:
        if trigger.text[0].isupper() and start > sentence.start:
            return False  # part of a name: "the Sohae Satellite Launching Ground"
        if _NOT_LAUNCHED_AFTER_RE.match(after):
            return False  # "a rocket launch site", "the launch of a new team"
        if trigger.text.lower() == "launch" and re.search(r"\b(?:the|this|that)\s+$", before):
            return True  # "on the sidelines of the launch": refers back to what was launched
        window = doc.body[max(sentence.start, start - 50) : min(sentence.end, start + 60)]
        return bool(_LAUNCH_OBJECT_RE.search(window))
    if trigger.text.startswith("host"):
        rest = doc.body[trigger.span.end : min(sentence.end, trigger.span.end + 400)]
        if _MEETING_AFTER_RE.search(rest, 0, _clause_end(rest, 0, len(rest))):
            return False  # "hosted X ... for the first summit": the summit is the event
    if _TALLY_AFTER_RE.match(doc.body, trigger.span.end, min(sentence.end, trigger.span.end + 90)):
        return False  # "have flown together several times since 2019": a tally, not one event
    if _NOT_A_STRIKE_RE.match(trigger.text + after):
        return False  # "struck a warmer tone", "struck a deal"
    needed = _NEEDS_NEARBY.get(trigger.text.split()[0].lower())
    if needed is not None:  # "flew": aircraft did; "sailed through": ships did
        window = doc.body[max(sentence.start, start - 80) : min(sentence.end, start + 60)]
        if not needed.search(window):
            return False
    if _TAKING_OFFICE_RE.match(trigger.text) and _SINCE_BEFORE_RE.search(before):
        return False  # "since taking office": background, not news
    if trigger.text.lower().startswith(("joined", "formally joined")):
        joined = dates.between(doc.actors, trigger.span.end, trigger.span.end + 1, key=_actor_start)
        if not any(a.ref.kind is ActorKind.ORGANIZATION for a in joined):
            return False  # "bombers joined two Russian bombers": joining an alliance only
    # "visiting heads of state", "a visiting forces agreement" describe, they are no visit
    return not (
        trigger.type is EventType.VISIT and _VISITING_ADJECTIVE_RE.match(trigger.text + after)
    )


_NOT_LAUNCHED_AFTER_RE = re.compile(
    r"\s+(?:site|pad|facility|vehicle|cent(?:re|er)|station|complex|base|window|ceremony|ground"
    r"|event|of\s+(?:an?|the|its|their)\s+(?:[\w'’-]+\s+){0,3}?"
    rf"{_BODIES})\b",
    re.I,
)
_TALLY_AFTER_RE = re.compile(
    r"(?:\s+[\w'’-]+){0,8}?\s+(?:several|many|multiple|numerous|dozens\s+of|\d+|two|three|four"
    r"|five)\s+times\b",
    re.I,
)
_NOT_A_STRIKE_RE = re.compile(
    r"struck\s+(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,2}?(?:tone|deal|agreement|note|chord|balance"
    r"|compromise|pose|bargain|figure|match|blow)\b",
    re.I,
)
_AIRCRAFT_RE = re.compile(rf"\b{_AIRCRAFT}\b", re.I)
_VESSELS_RE = re.compile(rf"\b{_VESSELS}\b|\b(?:navy|navies|coast\s+guard)\b", re.I)
_NEEDS_NEARBY = {
    "flew": _AIRCRAFT_RE,
    "flown": _AIRCRAFT_RE,
    "sailed": _VESSELS_RE,
    "transited": _VESSELS_RE,
    "steamed": _VESSELS_RE,
    "passed": _VESSELS_RE,
    "transit": _VESSELS_RE,
    "transits": _VESSELS_RE,
}
_TAKING_OFFICE_RE = re.compile(r"(?i:took|taking|takes|assumed|sworn)")
_SINCE_BEFORE_RE = re.compile(r"\bsince\s+(?:[\w'’-]+\s+){0,3}$", re.I)


def _with_someone_else(doc: _Document, trigger: _Trigger, sentence: Span, target: _Draft) -> bool:
    """ "the annual leaders' meeting with Albanese" is not the earlier meeting with Luxon."""
    end = min(sentence.end, trigger.span.end + 60)
    after = doc.body[trigger.span.end : end]
    if not (trigger.text.lower().endswith("with") or re.match(r"\s+with\b", after)):
        return False
    persons = [a for a in _listed_after(doc, trigger.span.end, after) if a.person is not None]
    # "his meetings with Rutte" after "meetings with the leaders of ... the Netherlands"
    known = {ref.key for ref in target.participants}
    return bool(persons) and not any(
        a.ref.key in known or a.person.country in known for a in persons
    )


def _launch_object_near(doc: _Document, trigger: _Trigger, sentence: Span) -> bool:
    start = trigger.span.start
    window = doc.body[max(sentence.start, start - 50) : min(sentence.end, start + 60)]
    return bool(_LAUNCH_OBJECT_RE.search(window))


_VISIT_IN_SENTENCE_RE = re.compile(
    r"\b(?:visit(?:s|ed|ing)?|trip|tour(?:ed)?|arrived|travell?ed)\b", re.I
)


def _after_visit(doc: _Document, trigger: _Trigger, sentence: Span) -> bool:
    before = doc.text(_before(sentence, trigger))
    return bool(_VISIT_IN_SENTENCE_RE.search(before)) and bool(
        re.search(r"\b(?:to|for)\s+$", before)
    )


def _placement(before: str) -> str | None:
    """Whether the words before a mention place events at it ("during the briefing", "on the
    sidelines of") or just after it ("after the meeting"); None when they do neither."""
    match = _PLACEMENT_BEFORE_RE.search(before)
    if not match:
        return None
    word = match.group(1).lower()
    return "after" if word in ("after", "following", "ahead of", "prior to") else "at"


_SETTING_BEFORE_RE = re.compile(
    r"\b(?:at|during|on\s+the\s+(?:sidelines|margins)\s+of)\s+(?:an?|the|their|its)?\s*"
    r"(?:[\w'’-]+\s+){0,2}$",
    re.I,
)
_PLACEMENT_BEFORE_RE = re.compile(
    r"\b(during|at|in|on the (?:sidelines|margins) of|present at|after|following|ahead of"
    r"|prior to)\s+"
    r"(?:(?:the|a|an|his|her|their|its|this|that)\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.I,
)


def _two_parties(doc: _Document, trigger: _Trigger, sentence: Span) -> bool:
    """Whether a meeting is named for exactly two countries: "the Japan-U.S. summit", "the
    Australia–Japan Foreign and Defence Ministerial Consultations"."""
    start = max(sentence.start, trigger.span.start - 80)
    countries = [
        a for a in doc.actors_in(Span(start, trigger.span.start)) if a.ref.kind is ActorKind.COUNTRY
    ]
    if not countries:
        return False
    last = countries[-1]
    if not _NAME_WORDS_RE.fullmatch(doc.body, last.span.end, trigger.span.start):
        return False  # the chain must qualify the meeting's name
    chain = [last]
    for actor in reversed(countries[:-1]):
        if not re.fullmatch(r"\s*[–-]\s*|/", doc.body[actor.span.end : chain[0].span.start]):
            break
        chain.insert(0, actor)
    return len({a.ref for a in chain}) == 2


_NAME_WORDS_RE = re.compile(r"(?:['’]s)?\s+(?:(?:[A-Z][\w'’-]*|and|of)\s+){0,5}")


def _meeting_type(
    doc: _Document, trigger: _Trigger, sentence: Span, actors: list[_Actor], kind: EventType
) -> EventType | None:
    """What a bare "summit"/"talks"/"meeting" is, or None when it is no occurrence."""
    text = doc.text(sentence)
    before = doc.body[max(sentence.start, trigger.span.start - 30) : trigger.span.start]
    if kind is not EventType.BILATERAL and _two_parties(doc, trigger, sentence):
        return EventType.BILATERAL  # "the Australia–Japan ministerial consultations"
    if kind is EventType.MINISTERIAL or kind is EventType.BILATERAL:
        return kind
    if "two-plus-two" in trigger.text.lower() or "2+2" in trigger.text:
        return EventType.BILATERAL  # foreign and defence ministers of two countries
    if trigger.noun == "summit" and _GENERIC_SUMMIT_BEFORE_RE.search(before):
        return None
    if trigger.text.lower() in ("summits", "meetings", "gatherings"):
        return None  # summits and meetings in general
    near = Span(trigger.span.start - 75, trigger.span.end + 60)
    persons = {
        a.ref.key
        for a in actors
        if a.ref.kind is ActorKind.PERSON and near.start <= a.span.start < near.end
    }
    if trigger.text.lower() == "talks" and len(persons) < 2:
        whole = doc.actors_in(_before(sentence, trigger))
        persons |= {a.ref.key for a in whole if a.ref.kind is ActorKind.PERSON}
    if len(persons) == 2 and (trigger.noun == "summit" or trigger.text.lower() == "talks"):
        return EventType.BILATERAL  # two leaders meeting is bilateral whatever it is called
    has_date = any(
        d.span not in doc.used_times
        and d.expression.prefix not in dates.BOUND_PREFIXES
        and d.expression.since_at is None
        for d in dates.between(doc.dates, sentence.start, sentence.end, key=_mention_start)
    )
    if not has_date and not doc.link_between(Span(sentence.start, sentence.start), trigger.span):
        return None  # "military talks", "the meeting" with nothing saying when: no occurrence
    if _TWO_SIDES_RE.search(text):
        return EventType.BILATERAL
    if _MINISTERS_RE.search(text):
        return EventType.MINISTERIAL
    if re.search(r"\bleaders\b|\bheads of state\b", text, re.I) or trigger.noun == "summit":
        return EventType.SUMMIT
    return EventType.BILATERAL if len(persons) == 2 else EventType.OTHER


_TWO_SIDES_RE = re.compile(
    r"\b(?:two|both)\s+(?:leaders|sides|presidents|premiers|(?:[\w-]+\s+)?ministers|diplomats"
    r"|governments)\b",
    re.I,
)
_MINISTERS_RE = re.compile(r"\bministers\b|\btop\s+diplomats\b|\bdefen[cs]e\s+chiefs\b", re.I)
_BARE_MEETING_VERBS = frozenset(["met", "talked", "spoke", "sat down"])


def _bilateral_actors(
    doc: _Document, trigger: _Trigger, sentence: Span, actors: list[_Actor]
) -> list[_Actor] | None:
    """Subject and counterparts of a meeting; None when no counterpart is named."""
    after = doc.body[trigger.span.end : min(sentence.end, trigger.span.end + 160)]
    persons_in_clause = [a for a in actors if a.ref.kind is ActorKind.PERSON]
    text = " ".join(trigger.text.lower().split())
    hosted = text.startswith("host")
    # "met " (the spec for "met Kim") names its counterpart; bare "met" or "held talks" may not
    bare_verb = trigger.text.lower() in _BARE_MEETING_VERBS or bool(_BARE_TALKS_RE.fullmatch(text))
    if bare_verb and not re.match(r"\s+(?:with|to)\b", after):
        # "Iwaya and Rutte met for 30 minutes", "the pair held talks": the two named before
        return _pair_before(doc, trigger, sentence, persons_in_clause)
    counterparts = _listed_after(doc, trigger.span.end, after)
    if hosted:  # "hosted the summit" is no meeting with anyone; "the leaders of X and Y" is
        leaders = _LEADERS_OF_RE.match(after)
        countries = [a for a in counterparts if a.ref.kind is ActorKind.COUNTRY]
        counterparts = [a for a in counterparts if a.ref.kind is ActorKind.PERSON]
        if not counterparts and leaders and len(countries) >= 2:
            counterparts = countries
    if not counterparts:
        if re.search(r"\bbetween\b|\bsummit\b", trigger.text, re.I):
            whole = doc.actors_in(_before(sentence, trigger))
            persons = [a for a in whole if a.ref.kind is ActorKind.PERSON] or persons_in_clause
            if len({a.ref for a in persons}) >= 2:
                return persons
        return None
    counter_refs = {a.ref for a in counterparts}
    subject = (
        next(
            (a for a in persons_in_clause if a.ref not in counter_refs),
            None,
        )
        or _titled_subject(doc, sentence, trigger)
        or _recent_person(doc, sentence.start)
    )
    if subject is None or subject.ref in counter_refs:
        return counterparts
    return [subject, *counterparts]


_LEADERS_OF_RE = re.compile(
    r"\s*(?:the\s+)?(?:leaders|heads\s+of\s+(?:state|government))\s+of\s+", re.I
)
_BARE_TALKS_RE = re.compile(r"(?:held|hold|holds|holding)\s+(?:[\w-]+\s+){0,2}?talks")
# "hosted X for the first summit / the ministers' meeting / a state dinner": that is the event
_MEETING_AFTER_RE = re.compile(
    r"\b(?:summit|meeting|talks|dinner|conference|gathering|consultations|dialogue|forum"
    r"|ceremony)\b",
    re.I,
)
# "the pair held talks", "the two leaders met", "both ministers": the two named just before
_PAIR_RE = re.compile(
    r"\b(?:the\s+pair|the\s+two(?:\s+[\w-]+)?|both(?:\s+[\w-]+)?|they)\s+(?:[\w'’-]+\s+){0,5}$",
    re.I,
)
_TITLED_AND_RE = re.compile(r"\s+and\s+(?:[\w'’.-]+\s+){0,6}?")


def _pair_before(
    doc: _Document, trigger: _Trigger, sentence: Span, persons_in_clause: list[_Actor]
) -> list[_Actor] | None:
    before = [a for a in persons_in_clause if a.span.end <= trigger.span.start]
    joined = before[-2:] if len(before) >= 2 else []
    if joined and joined[0].ref != joined[1].ref:
        gap = doc.body[joined[0].span.end : joined[1].span.start]
        if _TITLED_AND_RE.fullmatch(gap) and not re.search(r"[,;]", gap):
            return joined  # "Collins and Defence Secretary Teodoro met"
    lead = doc.body[max(sentence.start, trigger.span.start - 80) : trigger.span.start]
    if not _PAIR_RE.search(lead):
        return None
    sentence_before = _before(sentence, trigger)
    for scope in (sentence_before, *_previous_sentences(doc, sentence, 5)):
        persons = _distinct([a for a in doc.actors_in(scope) if a.ref.kind is ActorKind.PERSON])
        if len(persons) >= 2:
            return persons[-2:] if scope is sentence_before else persons[:2]
    return None


def _previous_sentences(doc: _Document, sentence: Span, count: int) -> list[Span]:
    index = bisect_right(doc.sentences, sentence.start, key=_span_start) - 1
    return [doc.sentences[i] for i in range(index - 1, max(-1, index - 1 - count), -1)]


def _distinct(actors: list[_Actor]) -> list[_Actor]:
    seen: set[ActorRef] = set()
    out = []
    for actor in actors:
        if actor.ref not in seen:
            seen.add(actor.ref)
            out.append(actor)
    return out


def _titled_subject(doc: _Document, sentence: Span, trigger: _Trigger) -> _Actor | None:
    """ "the Deputy Prime Minister held talks with ...": the one person of the article who holds
    that title (by the knowledge's roles or the role the article gives)."""
    lead_span = _before(sentence, trigger, 120)
    lead = doc.text(lead_span)
    match = _TITLE_SUBJECT_RE.search(lead)
    if match is None:
        return None
    title = " ".join(match.group(1).lower().split())
    holders = [p for p in doc.names.people if title in _titles_of(doc, p)]
    if len(holders) != 1:
        return None
    person = holders[0]
    span = Span(lead_span.start + match.start(1), lead_span.start + match.end(1))
    return _Actor(span, ActorRef(ActorKind.PERSON, person.name), person.name, person)


_TITLE_SUBJECT_RE = re.compile(r"\bthe\s+((?:[A-Z][\w'’-]*\s+){0,4}[A-Z][\w'’-]*)\s+(?:also\s+)?$")


def _titles_of(doc: _Document, person: PersonResult) -> set[str]:
    """Lower-case titles a person goes by: each role, and each part of "X and Y" roles."""
    roles = [person.role or ""]
    info = doc.known_people.get(person.name)
    if info is not None:
        roles += [r.title for r in info.roles if r.end is None or _current(r.end, doc.anchor)]
    titles: set[str] = set()
    for role in roles:
        for part in re.split(r"\s+and\s+|,\s*", role.lower()):
            if part.strip():
                titles.add(part.strip())
    return titles


def _current(end: dt.date, anchor: FuzzyDate | None) -> bool:
    return anchor is None or dates.period(anchor)[0] <= end


def _listed_after(doc: _Document, start: int, after: str) -> list[_Actor]:
    """Actors named as a list right after "with"/"between" (titles and "and" allowed)."""
    items: list[_Actor] = []
    last_gap = ""
    position = start
    end = start + len(after)
    for actor in dates.between(doc.actors, start, end, key=_actor_start):
        if doc.in_quote(actor.span.start) or doc.in_reference(actor.span.start):
            continue
        gap = doc.body[position : actor.span.start]
        limit, words = (60, 9) if not items else (40, 6)
        if len(gap) > limit or re.search(r"[;:\"“”]|\.\s", gap) or len(gap.split()) > words:
            break
        if any(i.ref == actor.ref for i in items):
            position = actor.span.end
            continue
        items.append(actor)
        last_gap = gap
        position = actor.span.end
    if len(items) > 1 and re.fullmatch(r",\s*", last_gap):
        items.pop()  # "with Rutte and Scholz, Yoon stressed": Yoon is the subject
    return items


def _recent_person(doc: _Document, before: int) -> _Actor | None:
    earlier = dates.between(doc.actors, 0, before, key=_actor_start)
    return next(
        (
            a
            for a in reversed(earlier)
            if a.ref.kind is ActorKind.PERSON and not doc.in_quote(a.span.start)
        ),
        None,
    )


def _visitor(
    doc: _Document, trigger: _Trigger, sentence: Span, actors: list[_Actor]
) -> _Actor | None:
    """Who makes a visit: "Kim's visit", "the visit by a Japanese leader", "Kishida arrived"."""
    before = [a for a in actors if a.span.end <= trigger.span.start]
    if before and _POSSESSIVE_GAP_RE.fullmatch(doc.body, before[-1].span.end, trigger.span.start):
        return before[-1]
    if _PRONOUN_BEFORE_RE.search(doc.body, max(sentence.start, trigger.span.start - 30),
                                 trigger.span.start):  # fmt: skip
        # "the Secretary General will visit a base with the minister before concluding his
        # visit": his is the subject's
        subject = doc.actors_in(_before(sentence, trigger))
        persons = [a for a in subject if a.ref.kind is ActorKind.PERSON]
        if persons:
            return persons[0]
    end = min(sentence.end, trigger.span.end + 60)
    by = _BY_RE.search(doc.body, trigger.span.end, end)
    if by is not None:
        after = [a for a in actors if a.span.start >= by.end()]
        if after and after[0].span.start - by.end() <= 25:
            return after[0]
    wider = doc.actors_in(_before(sentence, trigger, 200))
    persons = [a for a in wider if a.ref.kind is ActorKind.PERSON]
    if not persons:
        return None
    if "," in doc.body[persons[-1].span.end : trigger.span.start]:
        # "President Han, accompanied by his wife Kim Mi-ra, arrived": the subject, not the
        # person named in passing
        return persons[0]
    return persons[-1]


def _met_on_visit(
    doc: _Document, trigger: _Trigger, sentence: Span, actors: list[_Actor]
) -> list[_Actor]:
    """ "visited Ukraine to meet with President Zelensky": whom the visit was for."""
    met = []
    for actor in actors:
        if actor.person is None or actor.span.start < trigger.span.end:
            continue
        if _MEET_BEFORE_RE.search(
            doc.body, max(trigger.span.end, actor.span.start - 60), actor.span.start
        ):
            met.append(actor)
    return met


_MEET_BEFORE_RE = re.compile(
    r"\b(?:meet|meets|met|meeting|talks)\s+(?:with\s+)?(?:[A-Z][\w'’.-]*\s+){0,4}$"
)
_PRONOUN_BEFORE_RE = re.compile(r"\b(?:his|her|their)\s+(?:[\w-]+\s+){0,2}$", re.I)
_POSSESSIVE_GAP_RE = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,2}")
_BY_RE = re.compile(r"\bby\s+(?:the\s+|an?\s+)?")


def _multilateral(trigger: _Trigger, actors: list[_Actor]) -> bool:
    """Three or more leaders at "a summit between" or hosted together: a summit, not bilateral."""
    persons = {a.ref for a in actors if a.ref.kind is ActorKind.PERSON}
    text = trigger.text.lower()
    if text.startswith("host"):  # the host and the leaders of two countries
        return len({a.ref for a in actors}) >= 3
    return len(persons) >= 3 and "summit" in text


def _visit_has_subject(doc: _Document, trigger: _Trigger, actors: list[_Actor]) -> bool:
    return bool(actors) or bool(_destination(doc, trigger))


def _to_summit(doc: _Document, trigger: _Trigger, sentence: Span) -> bool:
    return any(
        m.sentence == sentence and m.trigger.start > trigger.span.start for m, _ in doc.references
    )


def _firm_future(draft: _Draft) -> bool:
    return draft.date is not None and draft.date.precision is not Precision.YEAR


def _same_occurrence(a: _Draft, b: _Draft) -> bool:
    """Two mentions of one meeting: same type, dates that can agree, the same people."""
    if a.type is not b.type or not _dates_compatible(a.date, b.date, a.weak, b.weak):
        return False
    if (
        a.type is EventType.AGREEMENT
        and a.trigger.family != b.trigger.family
        and (a.date is None or b.date is None)
    ):
        return False  # "signed a deal" and "signed it into law" are two signings
    if a.type is EventType.BILATERAL or (a.type is EventType.SUMMIT and a.persons):
        return bool(a.persons) and set(a.persons) == set(b.persons)
    if (
        a.type is EventType.VISIT
        and (not a.persons or not b.persons)
        and a.destination == b.destination is not None
    ):
        return True  # "the first visit to Seoul by a Japanese leader" is Kishida's trip
    if a.type is EventType.VISIT and (a.persons or b.persons):
        if set(a.persons) == set(b.persons) and a.destination == b.destination:
            return True  # a visit is the visitor's: to Japan, or to Tokyo there
        if a.persons[:1] != b.persons[:1]:
            return False
        if a.destination == b.destination is not None:
            return True
        # a stop on the same trip ("expected to visit a city there later this week")
        dated = a.date is not None and b.date is not None
        return dated and (a.destination is None or b.destination is None)
    if a.type is EventType.BRIEFING:  # one briefing per speaker unless called "separate"
        return set(a.persons) == set(b.persons)
    shared = set(a.participants) & set(b.participants)
    if a.type is EventType.OTHER and a.trigger.family != b.trigger.family:
        # "violated airspace" and "summoned the ambassador" are two occurrences; "used flares
        # after the plane entered airspace" is one incident told in one sentence
        return a.sentence == b.sentence and bool(shared) and a.date == b.date
    if a.type is EventType.STATEMENT:  # an unattributed declaration is the one already named
        if a.persons and b.persons:
            return set(a.persons) == set(b.persons)
        if a.persons or b.persons:
            return not a.participants or not b.participants
        return bool(shared) or not a.participants or not b.participants
    return bool(shared) or (not a.participants and not b.participants)


def _dates_compatible(
    a: FuzzyDate | None, b: FuzzyDate | None, a_weak: bool = False, b_weak: bool = False
) -> bool:
    """Periods that overlap; a report's date also fits an occurrence up to a week before."""
    if a is None or b is None:
        return True
    (a1, a2), (b1, b2) = dates.period(a), dates.period(b)
    if a_weak != b_weak:
        reported, happened = (a1, b2) if a_weak else (b1, a2)
        return happened <= reported <= happened + dt.timedelta(days=7)
    return a1 <= b2 and b1 <= a2


def _date_into(draft: _Draft, date: FuzzyDate, end: FuzzyDate | None, reason: str) -> None:
    """Give a merged event the date of another mention; two days of one event make a range
    ("the drills began Wednesday" ... "finished on Friday")."""
    if draft.date is None:
        draft.date, draft.end_date, draft.date_reason = date, end, reason
        return
    days = [d for d in (draft.date, draft.end_date, date, end) if d is not None]
    if any(d.precision is not Precision.DAY for d in days):
        return
    first, last = min(d.value for d in days), max(d.value for d in days)
    if first != last and (last - first).days <= 14:
        draft.date, draft.end_date = dates.day_date(first), dates.day_date(last)
        draft.date_reason = f"{draft.date_reason}; {reason}"


_PAST_TRIGGER_RE = re.compile(
    r"(?:held|met|signed|spoke|talked|hosted|visited|travell?ed|arrived|fired|launched|flew"
    r"|sailed|struck|summoned|expelled|ratified|approved|passed|voted|announced|released)\b",
    re.I,
)
_RESPONSE_RE = re.compile(r"\b(?:in\s+response|in\s+retaliation|responded\s+by)\b", re.I)
_PRESENT_PERFECT_RE = re.compile(
    r"\b(?:has|have)\s+(?:just\s+|also\s+)?(?:[a-z]+ed|held|met|spoken|begun|made|won)\b"
)
# "he is on a state visit", "is visiting": going on as the article is written
_ONGOING_RE = re.compile(
    r"\b(?:is|are)\s+(?:currently\s+|now\s+)?(?:on|in\s+the\s+middle\s+of)\s+"
    r"(?:an?|his|her|their)\s+(?:[\w-]+\s+)?$|\b(?:is|are)\s+(?:currently\s+|now\s+)?$",
    re.I,
)
_SPOKEN = {EventType.STATEMENT, EventType.BRIEFING}
_SPEECH_BEFORE_RE = re.compile(r"\b(?:said|told\s+\w+|says)\s+(?:on\s+)?$", re.I)
_FORMAL_SPEECH_RE = re.compile(
    r"\b(?:said|announced|declared)\s+in\s+(?:a|an|its|his|her|their)\s+(?:[\w-]+\s+)?"
    r"statement\b|\b(?:issued|released)\s+(?:a|an)\s+(?:[\w-]+\s+)?statement\b"
    r"|\btold\s+(?:a|the)\s+(?:regular\s+|daily\s+)?(?:news|press)\s+(?:conference|briefing)\b"
    r"|\b(?:told|said\s+at)\s+(?:a|the)\s+(?:regular|daily|weekly)\s+(?:(?:news|press|media)\s+)?"
    r"(?:conference|briefing)\b",
    re.I,
)
_OUTCOMES = {EventType.AGREEMENT, EventType.STATEMENT}
_REPORTED_BEFORE_RE = re.compile(
    r"\b(?:reported|said|says|announced|told\s+reporters|confirmed)\s+(?:on\s+)?$", re.I
)


def _reported_on(body: str, trigger: Span, reason: str) -> bool:
    """Whether the date chosen is that of the report ("..., state media reported on Tuesday")."""
    text = reason.split("'")[1] if reason.count("'") >= 2 else ""
    at = body.find(text, trigger.end) if text else -1
    return at > trigger.end and bool(
        _REPORTED_BEFORE_RE.search(body, max(trigger.end, at - 30), at)
    )


# "the two leaders agreed", "the ministers agreed", "both sides agreed", "they agreed"
_PAIR_SUBJECT_RE = re.compile(
    r"\b(?:the\s+two|the\s+(?:three|four)|the|both)\s+(?:leaders|ministers|sides|men|women"
    r"|presidents|countries|governments)\s+(?:[\w'’-]+\s+)?$|\b(?:they|ministers)\s+(?:also\s+)?$",
    re.I,
)
_GENERIC_PLEDGE_RE = re.compile(
    r"\s*(?:(?:to|on)\s+)?(?:further\s+|closely\s+)?(?:deepen|strengthen|enhance|boost|promote|continue"
    r"|maintain|work|keep|cooperate|coordinate|stay|remain|develop)\b"
    r"(?:\s+(?:[\w'’-]+\s+){0,3}?(?:cooperation|ties|relations|dialogue|communication"
    r"|coordination|partnership|together|contact|closely)\b)?",
    re.I,
)
_AT_MEETING_RE = re.compile(
    r"\b(?:at|during|after)\s+(?:the\s+)?(?:conclusion\s+of\s+the\s+|end\s+of\s+the\s+)?"
    r"(?:[\w'’-]+\s+){0,2}?(?:meeting|talks|summit|session|consultations)\b",
    re.I,
)


def _placed_at_meeting(body: str, window: Span, outcome: bool) -> bool:
    """Whether the sentence places what it tells at a meeting: "during the talks"; for what a
    meeting produces (an agreement, a statement) also "after the talks"."""
    found = _AT_MEETING_RE.search(body, window.start, window.end)
    return found is not None and (outcome or not found.group().lower().startswith("after"))


def _clause_end(body: str, start: int, limit: int) -> int:
    """Where the clause that begins at ``start`` ends: a semicolon, a speech verb, another link
    or a comma before "and"/"while" ("five days after X tested a missile, and ...")."""
    stop = _LINKED_CLAUSE_END_RE.search(body, start, limit)
    return stop.start() if stop else limit


_LINKED_CLAUSE_END_RE = re.compile(
    r"[;\"“”]|:(?=\s)|\b(?:said|says|told|added|reported)\b|,\s+(?:and|while|but|as)\b"
    r"|\b(?:and\s+)?(?:\w+\s+)?(?:hours?|days?|weeks?|months?|years?)\s+(?:after|before)\b",
    re.I,
)


def _visit_content(body: str, trigger: _Trigger, date: Span) -> bool:
    """ "a two-day visit by Kishida, who held talks on Wednesday", "will travel to Australia,
    where he is due to meet ... on Monday": what the visitor does there dates the visit (not
    what was done at a place he came from)."""
    if trigger.type is not EventType.VISIT or date.start < trigger.span.end:
        return False
    gap = body[trigger.span.end : date.start]
    found = _VISIT_CONTENT_RE.search(gap)
    return found is not None and " from " not in gap[: found.start()]


_VISIT_CONTENT_RE = re.compile(r",\s+(?:who|where)\b")


def _inside_since(mention: DateMention, trigger: _Trigger) -> bool:
    """Whether the trigger is in the "since ..." clause that the time ends ("since its foreign
    ministry claimed last week": the claim is dated by it)."""
    opener = mention.expression.since_at
    return opener is not None and opener <= trigger.span.start < mention.span.start


def _when_clause(body: str, date: Span, trigger: Span) -> bool:
    """ "since April 2019, when they met": the time dates the "when" clause after it."""
    return date.end <= trigger.start and bool(_WHEN_GAP_RE.fullmatch(body, date.end, trigger.start))


_WHEN_GAP_RE = re.compile(r",?\s+(?:when|where)\s+(?:[\w'’-]+\s+){0,6}")
# A new clause between a time and a trigger: speech ("..., she said"), a relative clause that
# has closed, a semicolon.
_CLAUSE_BREAK_RE = re.compile(
    r"[;\"“”]|:(?=\s)|\b(?:said|says|told|added|reported|according)\b", re.I
)


def _clause_break(body: str, a: Span, b: Span, regex: re.Pattern | None = None) -> bool:
    between = body[min(a.end, b.end) : max(a.start, b.start)]
    return bool((regex or _CLAUSE_BREAK_RE).search(between))


# Softer: "expired in April after Russia vetoed it in March" - the nearer time may be another
# clause's; one in the trigger's own clause is preferred.
_SOFT_BREAK_RE = re.compile(
    r"\b(?:after|before|since|until|following|when|while|whereas|because)\b"
    r"|,\s+(?:who|which|where)\b",
    re.I,
)


def _same_clause(body: str, a: Span, b: Span) -> bool:
    between = body[min(a.end, b.end) : max(a.start, b.start)]
    return len(between) < 60 and not re.search(r"[,;:]", between)


def _distance(a: Span, b: Span) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


def _rank(value: FuzzyDate) -> int:
    return {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2}[value.precision]


def _add_participants(draft: _Draft, refs: list[ActorRef]) -> None:
    for ref in refs:
        if ref not in draft.participants:
            draft.participants.append(ref)


def _partner_countries(knowledge: Knowledge) -> list[ActorRef]:
    return [
        ActorRef(ActorKind.COUNTRY, c.code) for c in knowledge.countries if c.indo_pacific_partner
    ]


def _lead_date(doc: _Document) -> DateMention | None:
    """The date of the news: the first past date of the first two paragraphs."""
    if not doc.paragraphs:
        return None
    limit = doc.paragraphs[min(1, len(doc.paragraphs) - 1)].end
    for mention in doc.dates:
        if mention.span.start >= limit:
            break
        if mention.span in doc.used_times or mention.expression.future:
            continue
        if mention.expression.kind in ("weekday", "day", "date"):
            return mention
    return None


def _summit_month(summit: SummitInfo) -> FuzzyDate:
    if (summit.start.year, summit.start.month) == (summit.end.year, summit.end.month):
        return dates.month_date(summit.start.year, summit.start.month)
    return dates.year_date(summit.start.year)


def _within(value: FuzzyDate | None, summit: SummitInfo, slack: int = 0) -> bool:
    if value is None:
        return True
    first, last = dates.period(value)
    return summit.start - dt.timedelta(days=slack) <= first and last <= summit.end + dt.timedelta(
        days=slack
    )


def _place_fits(place: str | None, summit: SummitInfo) -> bool:
    return place is None or place.split(",")[0] in summit.city or summit.city in place


# --- places -------------------------------------------------------------------------------------


def _place(doc: _Document, draft: _Draft) -> tuple[str | None, str | None]:
    """A city in the event's sentences ("in Brussels", "in Washington, D.C."), and its country."""
    if draft.type is EventType.VISIT:
        destination = _destination(doc, draft.trigger)
        if destination:
            return destination
    for sentence in draft.sentences:
        found = _place_in(doc, sentence, draft.trigger.span if sentence == draft.sentence else None)
        if found:
            return found
    return draft.place, _host(doc, draft.place)


def _place_in(
    doc: _Document, sentence: Span, trigger: Span | None
) -> tuple[str, str | None] | None:
    text = doc.text(sentence)
    options = []
    for match in _PLACE_AFTER_RE.finditer(text):
        start = sentence.start + match.start("place")
        name = match["place"].rstrip(".") if not match["place"].endswith("D.C.") else match["place"]
        if doc.in_quote(start):
            continue
        known = _known_place(doc, name)
        if known is None:
            continue
        distance = _distance(Span(start, start + len(name)), trigger) if trigger else 0
        options.append((distance, known))
    if not options:
        return None
    return min(options, key=lambda o: o[0])[1]


def _known_place(doc: _Document, name: str) -> tuple[str, str | None] | None:
    """A capital or summit city, possibly with ", D.C."; countries are not places."""
    head = re.sub(r"['’]s\b", "", name.split(",")[0]).strip()  # "Seoul's Gimpo airport"
    for candidate in (name, head, " ".join(head.split()[:2]), head.split()[0]):
        if candidate in doc.places:
            return (name if candidate == head else candidate), doc.places[candidate]
    return None


def _destination(doc: _Document, trigger: _Trigger) -> tuple[str | None, str | None] | None:
    """Where a visit goes: "visit to Korea", "visited Ukraine", "arrived in Pyongyang"."""
    sentence = doc.sentence_of(trigger.span.start)
    end = min(sentence.end, trigger.span.end + 40)
    for actor in dates.between(doc.actors, trigger.span.start + 1, end, key=_actor_start):
        if doc.in_quote(actor.span.start):
            continue
        if not _DESTINATION_RE.search(doc.body[trigger.span.start : actor.span.start]):
            continue
        if actor.ref.kind is ActorKind.COUNTRY:
            text = doc.body[actor.span.start : actor.span.end]
            if text in doc.places:
                return text, actor.ref.key
            return None, actor.ref.key
    named = _NAMED_AFTER_RE.match(doc.body, trigger.span.end, end)
    if named:  # "visited Seoul", "a trip to Canberra"
        known = _known_place(doc, named.group(1))
        if known:
            return known
    return _place_in(doc, Span(trigger.span.start, end), trigger.span)


_NAMED_AFTER_RE = re.compile(
    r"\s*(?:to\s+|of\s+|in\s+)?(?:the\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})"
)


def _host(doc: _Document, place: str | None) -> str | None:
    if not place:
        return None
    known = _known_place(doc, place)
    return known[1] if known else None


def _title(text: str) -> str:
    return text.title() if text.isupper() else text


# --- names and keys -----------------------------------------------------------------------------


def _name(doc: _Document, draft: _Draft) -> str:
    namer = _NAMERS.get(draft.type, _name_other)
    return namer(doc, draft)


def _labels(doc: _Document, draft: _Draft, kinds: tuple[ActorKind, ...]) -> list[str]:
    people = {p.name: p for p in doc.names.people}
    countries = {c.code: c.name for c in doc.names.countries}
    out = []
    for ref in draft.participants:
        if ref.kind not in kinds:
            continue
        if ref.kind is ActorKind.PERSON:
            out.append(short_name(people[ref.key]) if ref.key in people else ref.key)
        elif ref.kind is ActorKind.COUNTRY:
            out.append(countries.get(ref.key, ref.key))
        else:
            out.append(ref.key)
    return out


def _join(labels: list[str]) -> str:
    if len(labels) <= 2:
        return " and ".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def _group(doc: _Document, draft: _Draft) -> str | None:
    """A named group the event's sentences speak of: "NATO ambassadors", "EU envoys"."""
    for sentence in draft.sentences:
        for match in _GROUP_RE.finditer(doc.text(sentence)):
            if match["who"] not in _DETERMINERS:
                return f"{match['who']} {match['group']}"
    return None


_DETERMINERS = frozenset(["The", "A", "An", "Their", "His", "Her", "Its", "Our", "These", "Those"])


def _name_bilateral(doc: _Document, draft: _Draft) -> str:
    persons = _labels(doc, draft, (ActorKind.PERSON,))
    others = _labels(doc, draft, (ActorKind.COUNTRY, ActorKind.ORGANIZATION))
    if len(persons) == 2:
        noun = "summit" if draft.trigger.noun == "summit" else "bilateral meeting"
        return f"{'–'.join(persons)} {noun}"
    if len(persons) > 2:  # one leader's round of meetings
        return f"{persons[0]}'s bilateral meetings with {_join(others[:6] or persons[1:])}"
    counterpart = _group(doc, draft) or _join(others[:6])
    if persons and counterpart:
        return f"{persons[0]}'s meeting with {counterpart}"
    if counterpart:
        return f"Meeting with {counterpart}"
    noun = "summit" if draft.trigger.noun == "summit" else "meeting"
    return f"Bilateral {noun} in {draft.place}" if draft.place else f"Bilateral {noun}"


def _name_summit(doc: _Document, draft: _Draft) -> str:
    persons = _labels(doc, draft, (ActorKind.PERSON,))
    if len(persons) >= 2:
        return f"{'–'.join(persons[:3])} summit"
    text = doc.text(draft.sentence)
    leaders = re.search(
        r"\bleaders\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?(?:partners|countries|nations|allies)\b",
        text,
    )
    noun = "Talks" if "talks" in draft.trigger.text.lower() else "Summit"
    if leaders:
        return f"{noun} of the {leaders.group()}"
    return f"{noun} in {draft.place}" if draft.place else noun


def _name_ministerial(doc: _Document, draft: _Draft) -> str:
    kind = re.search(
        r"(foreign|defen[cs]e|finance|trade|economy|economic)", draft.trigger.text, re.I
    )
    orgs = _labels(doc, draft, (ActorKind.ORGANIZATION,))
    who = f"{orgs[0]} " if orgs else ""
    ministers = f"{kind.group(1).lower()} ministers" if kind else "ministers"
    where = f" in {draft.place}" if draft.place else ""
    return f"Meeting of {who}{ministers}{where}"


def _name_briefing(doc: _Document, draft: _Draft) -> str:
    if draft.trigger.text.lower() == "briefed":  # "a delegation briefed the council"
        after = doc.actors_in(Span(draft.trigger.span.end, draft.sentence.end))
        return f"Briefing of {after[0].label}" if after else "Briefing"
    noun = re.sub(r"\s+", " ", draft.trigger.text.lower())
    noun = noun[0].upper() + noun[1:]
    persons = [p for p in draft.participants if p.kind is ActorKind.PERSON]
    if persons:
        return f"{noun} by {persons[0].key}"
    for sentence in [*draft.sentences, *doc.sentences[:1]]:
        anonymous = _ANONYMOUS_RE.search(doc.text(sentence))
        if anonymous:
            label = anonymous.group()
            return f"{noun} by {label[0].lower()}{label[1:]}"
    orgs = _labels(doc, draft, (ActorKind.ORGANIZATION, ActorKind.COUNTRY))
    return f"{orgs[0]} {noun.lower()}" if orgs else noun


def _name_visit(doc: _Document, draft: _Draft) -> str:
    destination = _destination(doc, draft.trigger)
    where = None
    if destination:
        place, code = destination
        countries = {c.code: c.name for c in doc.names.countries}
        where = place or countries.get(code or "", code)
    persons = _labels(doc, draft, (ActorKind.PERSON,))
    visitor = _group(doc, draft)
    if persons and not visitor:
        return f"{persons[0]}'s visit to {where}" if where else f"{persons[0]}'s visit"
    visitor = visitor or _join(_labels(doc, draft, (ActorKind.ORGANIZATION,))[:1])
    text = f"Visit to {where}" if where else "Visit"
    return f"{text} by {visitor}" if visitor else text


def _name_statement(doc: _Document, draft: _Draft) -> str:
    for sentence in draft.sentences:
        title = _TITLE_RE.search(doc.text(sentence))
        if title and not title.group().startswith(("The ", "A ")):
            return title.group()
    actors = _labels(doc, draft, (ActorKind.PERSON,)) or _labels(
        doc, draft, (ActorKind.ORGANIZATION, ActorKind.COUNTRY)
    )
    joint = "Joint statement" if "joint" in draft.trigger.text.lower() else "Statement"
    return f"{joint} by {_join(actors[:2])}" if actors else joint


def _name_sanction(doc: _Document, draft: _Draft) -> str:
    """Name like "South Korea sanctions on Russia": the imposer is named before the trigger."""
    actors = [
        a
        for a in doc.actors_in(draft.sentence)
        if a.ref.kind in (ActorKind.COUNTRY, ActorKind.ORGANIZATION)
    ]
    before = [a for a in actors if a.span.end <= draft.trigger.span.start]
    after = [a for a in actors if a.span.start >= draft.trigger.span.end]
    imposers = before[-1:]
    for actor in reversed(before[:-1]):  # "Britain, France and Germany imposed ..."
        gap = doc.body[actor.span.end : imposers[0].span.start]
        if not re.fullmatch(r",\s*(?:and\s+)?|\s+and\s+", gap):
            break
        imposers.insert(0, actor)
    refs = {a.ref for a in imposers}
    target = next((a for a in after if a.ref not in refs), None)
    who = _join([a.label for a in imposers])
    if not who:
        return f"Sanctions on {target.label}" if target else "Sanctions"
    return f"{who} sanctions on {target.label}" if target else f"{who} sanctions"


def _name_launch(doc: _Document, draft: _Draft) -> str:
    """Like "North Korea ballistic missile launch": who, the kind of weapon, "launch"."""
    kind = _WEAPON_RE.search(doc.text(draft.sentence))
    what = kind.group().lower().rstrip("s") if kind else ""
    actors = _labels(doc, draft, (ActorKind.COUNTRY,))
    name = " ".join(filter(None, [actors[0] if actors else "", what, "launch"]))
    return _sentence_case(name)


# The object launched, with the adjective that says what kind it is.
_WEAPON_RE = re.compile(
    r"\b(?:(?:spy|ballistic|cruise|hypersonic|reconnaissance|intercontinental ballistic)\s+)?"
    r"(?:missiles?|rockets?|satellites?|ICBMs?|SLBMs?|projectiles?|warheads?)\b",
    re.I,
)


def _name_vote(doc: _Document, draft: _Draft) -> str:
    countries = _labels(doc, draft, (ActorKind.COUNTRY,))
    orgs = _labels(doc, draft, (ActorKind.ORGANIZATION,))
    text = draft.trigger.text.lower()
    if "election" in text:  # "the U.S. presidential election"
        start = draft.trigger.span.start
        near = [
            a
            for a in doc.actors_in(Span(max(draft.sentence.start, start - 12), start))
            if a.ref.kind is ActorKind.COUNTRY
        ]
        place = f"{near[-1].label} " if near else ""
        return _sentence_case(place + " ".join(draft.trigger.text.split()))
    chamber = _CHAMBER_RE.search(draft.trigger.text)
    if chamber:  # "the lower house of Russia's parliament approved it"
        where = f"{countries[0]}'s " if countries else ""
        return _sentence_case(f"{where}{chamber.group().lower()} vote")
    body = f"{orgs[0]} resolution" if orgs else "resolution"
    if text.startswith("veto") and countries:
        return f"{countries[0]} vetoes {body}"
    return f"{orgs[0]} vote" if orgs else "Vote"


_CHAMBER_RE = re.compile(
    r"lower\s+house|upper\s+house|national\s+assembly|parliament|assembly|senate|congress"
    r"|duma|legislature",
    re.I,
)


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _name_agreement(doc: _Document, draft: _Draft) -> str:
    agreed = _AGREED_RE.match(doc.body, draft.trigger.span.start)
    if agreed:  # "agreed to raise defence spending to 5% of GDP"
        rest = doc.body[agreed.end() : draft.sentence.end]
        words = re.split(r"[,;]|\.\s", rest, maxsplit=1)[0].split()[:12]
        return f"Agreement {agreed.group(1).lower()} {' '.join(words)}".strip()
    signers = _signers(doc, draft)
    text = " ".join(draft.trigger.text.split())
    verb = "sign" if len(signers) > 1 else "signs"
    if signers and text.lower().startswith("sign"):
        thing = re.sub(r"^sign\w*\s+", "", text, flags=re.I)
        thing = thing.replace('"', "").replace("“", "").replace("”", "")
        return f"{_join(signers)} {verb} {thing}"
    noun = re.match(r"(?i)(treaty|agreement|pact|accord|deal)\b", text)
    if noun:  # "the treaty that Putin and Kim signed"
        who = _join(signers)
        return (
            f"{who} {verb} the {noun.group(1).lower()}"
            if who
            else f"Signing of the {noun.group(1)}"
        )
    parties = _labels(doc, draft, (ActorKind.COUNTRY, ActorKind.ORGANIZATION))
    parties = parties or _labels(doc, draft, (ActorKind.PERSON,))
    text = doc.text(draft.sentence)
    title = _TITLE_RE.search(text)
    if title and not title.group().startswith(("The ", "A ")):
        return f"Establishment of the {title.group()}"
    noun = re.search(r"(treaty|agreement|pact|accord|memorandum|program\w*|partnership|framework)$",
                     draft.trigger.text, re.I)  # fmt: skip
    quoted = _QUOTED_NAME_RE.search(doc.text(draft.trigger.span))
    what = noun.group(1).lower() if noun else "agreement"
    if quoted:
        what = f"{quoted.group(1)} {what}"
    who = "–".join(parties[:2])
    return f"{who} {what}".strip() if who else what.capitalize()


_AGREED_RE = re.compile(r"(?i)agreed?\s+(to|on)\s+")


def _signers(doc: _Document, draft: _Draft) -> list[str]:
    """Who signed: the people named just before "signed" (or within "the treaty X signed")."""
    start = max(draft.sentence.start, draft.trigger.span.start - 80)
    people = {p.name: p for p in doc.names.people}
    found = [
        a
        for a in doc.actors_in(Span(start, draft.trigger.span.end))
        if a.ref.kind is ActorKind.PERSON
    ]
    labels: list[str] = []
    for actor in found[-2:]:
        label = short_name(people[actor.ref.key]) if actor.ref.key in people else actor.label
        if label not in labels:
            labels.append(label)
    return labels


def _name_other(doc: _Document, draft: _Draft) -> str:
    """ "North Korea blew up" for a verb (who did it, as the sentence says), "Drills by China"
    for a noun."""
    text = re.sub(r"\s+", " ", draft.trigger.text).strip()
    if _VERB_FIRST_RE.match(text):
        before = doc.actors_in(_before(draft.sentence, draft.trigger, 120))
        subject = _join([a.label for a in _listed_before(doc, before)][:4])
        return _sentence_case(f"{subject} {text}".strip())
    who = _labels(doc, draft, (ActorKind.COUNTRY, ActorKind.ORGANIZATION))
    return _sentence_case(text) + (f" by {_join(who[:3])}" if who else "")


def _listed_before(doc: _Document, before: list[_Actor]) -> list[_Actor]:
    """The actors listed just before a verb: "South Korea, the United States and Japan"."""
    if not before:
        return []
    listed = [before[-1]]
    for actor in reversed(before[:-1]):
        gap = doc.body[actor.span.end : listed[0].span.start]
        if not re.fullmatch(r",\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?", gap):
            break
        if actor.ref not in {a.ref for a in listed}:
            listed.insert(0, actor)
    return listed


_VERB_FIRST_RE = re.compile(
    r"(?:[a-z]+ed|blew|flew|flown|struck|took|became|become|joined|sworn|fired|released|used"
    r"|issued|formally|applied|held|set|hoisted|raised|shot)\b"
)


_NAMERS = {
    EventType.BILATERAL: _name_bilateral,
    EventType.SUMMIT: _name_summit,
    EventType.MINISTERIAL: _name_ministerial,
    EventType.BRIEFING: _name_briefing,
    EventType.VISIT: _name_visit,
    EventType.STATEMENT: _name_statement,
    EventType.SANCTION: _name_sanction,
    EventType.LAUNCH: _name_launch,
    EventType.VOTE: _name_vote,
    EventType.AGREEMENT: _name_agreement,
}

_FAMILY_NAME_FIRST = {"KR", "KP", "CN", "TW", "VN"}


def short_name(person: PersonResult) -> str:
    """The name an article uses on second reference: "Yoon", "Kishida", "Kim"."""
    tokens = person.name.split()
    for alias in sorted(person.aliases, key=len):
        if alias in tokens:
            return alias
    if len(tokens) < 2:
        return person.name
    if person.country in _FAMILY_NAME_FIRST or "-" in tokens[-1]:
        return tokens[0]
    return tokens[-1]


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _key(draft: _Draft) -> str:
    parts = [draft.type.value]
    if draft.date is not None:
        iso = draft.date.iso()
        parts.append(
            {Precision.YEAR: iso[:4], Precision.MONTH: iso[:7]}.get(draft.date.precision, iso)
        )
    main = next((p for p in draft.participants if p.kind is ActorKind.PERSON), None)
    main = main or next(iter(draft.participants), None)
    parts.append(main.key if main else draft.name or "event")
    return slugify("-".join(parts))


def _unique(key: str, taken: set[str]) -> str:
    if key not in taken:
        return key
    n = 2
    while f"{key}-{n}" in taken:
        n += 1
    return f"{key}-{n}"


# --- quotes -------------------------------------------------------------------------------------

_PLACEMENT_RE = re.compile(
    r"\b(?:during|in|at|on the (?:sidelines|margins) of|after|following|used|throughout|as|when"
    r"|while|issu(?:ing|ed|es)|told|addressed)\s+(?:(?:a|an|the|his|her|their|its|this|that|[A-Z][\w'’]*'s)\s+)?"
    r"(?:[\w'’-]+\s+){0,4}?(?P<noun>briefing|conference|meeting|meetings|summit|talks|session"
    r"|statement|declaration|communiqu[eé]|visit|trip|tour)\b",
    re.I,
)
_DOCUMENT_SUBJECT_RE = re.compile(
    r"\b(?:the|a|an)\s+(?:[\w'’-]+\s+){0,3}?(?P<noun>statement|declaration|communiqu[eé])\s+"
    r"(?:read|reads|added|said|says|stated|noted|continued)\b",
    re.I,
)
_MINISTERS_MET_RE = re.compile(
    r"\b(?:as|when|while)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?ministers\b[^.;]{0,60}?"
    r"\b(?:met|gathered|convened)\b",
    re.I,
)
_QUOTE_NOUNS: dict[str, set[EventType]] = {
    "briefing": {EventType.BRIEFING},
    "conference": {EventType.BRIEFING, EventType.MINISTERIAL},
    "meeting": _MEETING_LIKE,
    "meetings": _MEETING_LIKE,
    "session": _MEETING_LIKE,
    "talks": _MEETING_LIKE,
    "summit": {EventType.SUMMIT, EventType.BILATERAL},
    "statement": {EventType.STATEMENT},
    "declaration": {EventType.STATEMENT},
    "communique": {EventType.STATEMENT},
    "communiqué": {EventType.STATEMENT},
    "visit": {EventType.VISIT},
    "trip": {EventType.VISIT},
    "tour": {EventType.VISIT},
    "ministers": {EventType.MINISTERIAL},
}
_PRONOUNS = {"he", "she", "they", "it"}


def link_quotes(
    body: str, quotes: list[QuoteResult], events: list[EventResult], meta: ArticleMeta
) -> None:
    """Set ``said_on`` and ``event`` on quotes whose context places them at an event."""
    if not quotes:
        return
    sentences = dates.sentence_spans(body)
    paragraphs = dates.paragraph_spans(body)
    regions = dates.quote_regions(body)
    mentions = dates.find_dates(body, meta.published)
    previous: QuoteResult | None = None
    for quote in sorted(quotes, key=lambda q: q.start):
        contexts = _quote_contexts(body, quote, sentences, paragraphs)
        event = None
        for context in contexts:
            event = _event_placed(body, context, regions, events, meta.published)
            if event:
                break
        if event is None and _continues(previous, quote, body):
            event = next((e for e in events if e.key == previous.event), None)
        if event is not None:
            quote.event = event.key
            quote.said_on = event.date
        if quote.said_on is None:
            quote.said_on = _attribution_date(quote, contexts[0], regions, mentions)
        previous = quote


def _quote_contexts(
    body: str, quote: QuoteResult, sentences: list[Span], paragraphs: list[Span]
) -> list[Span]:
    """The attribution sentence(s), the paragraph, then the sentence before the quote."""
    first_index = bisect_right(sentences, quote.start, key=_span_start) - 1
    if first_index < 0 or sentences[first_index].end < quote.start:
        first_index += 1  # the quote starts between sentences
    around = sentences[first_index : bisect_right(sentences, quote.end, key=_span_start)]
    first = around[0] if around else Span(quote.start, quote.end)
    attribution = _capped(Span(first.start, around[-1].end if around else quote.end), quote)
    paragraph = _capped(dates.containing(paragraphs, quote.start) or attribution, quote)
    contexts = [attribution, paragraph]
    if first_index > 0:
        contexts.append(_capped(sentences[first_index - 1], quote))
    return contexts


def _capped(span: Span, quote: QuoteResult, reach: int = 800) -> Span:
    """Context no further than ``reach`` characters from the quote (run-on text stays cheap)."""
    return Span(max(span.start, quote.start - reach), min(span.end, quote.end + reach))


def _span_start(span: Span) -> int:
    return span.start


def _masked(body: str, span: Span, regions: list[Span]) -> str:
    chars = list(body[span.start : span.end])
    overlapping = dates.between(regions, span.start, span.end)
    first = dates.inside(span.start, regions)
    for region in ([first] if first else []) + overlapping:
        for i in range(max(region.start, span.start), min(region.end, span.end)):
            chars[i - span.start] = " "
    return "".join(chars)


def _event_placed(
    body: str,
    context: Span,
    regions: list[Span],
    events: list[EventResult],
    anchor: FuzzyDate | None,
) -> EventResult | None:
    text = _masked(body, context, regions)
    nouns = [(m.start(), m.group("noun").lower()) for m in _PLACEMENT_RE.finditer(text)]
    nouns += [(m.start(), m.group("noun").lower()) for m in _DOCUMENT_SUBJECT_RE.finditer(text)]
    nouns += [(m.start(), "ministers") for m in _MINISTERS_MET_RE.finditer(text)]
    for offset, noun in sorted(nouns):
        event = _event_for(noun, context.start + offset, events, anchor)
        if event is not None:
            return event
    return None


def _event_for(
    noun: str, position: int, events: list[EventResult], anchor: FuzzyDate | None
) -> EventResult | None:
    types = _QUOTE_NOUNS.get(noun, set())
    candidates = [e for e in events if e.type in types and not _is_future(e, anchor)]
    if noun == "summit":
        candidates.sort(key=lambda e: e.reference is None)  # a named summit beats a bilateral one
    before = [e for e in candidates if e.evidence and e.evidence.start <= position]
    if before:
        return max(before, key=lambda e: e.evidence.start)
    return candidates[0] if candidates else None


def _is_future(event: EventResult, anchor: FuzzyDate | None) -> bool:
    if event.date is None or anchor is None:
        return False
    return dates.period(event.date)[0] > dates.period(anchor)[1]


def _continues(previous: QuoteResult | None, quote: QuoteResult, body: str) -> bool:
    """A quote that carries on the previous one ("he added") shares its occasion."""
    if previous is None or previous.event is None:
        return False
    same = quote.speaker is not None and quote.speaker == previous.speaker
    label = (quote.speaker_label or "").lower()
    same = same or (quote.speaker is None and previous.speaker is None and label in _PRONOUNS)
    same = same or (label in _PRONOUNS and quote.speaker == previous.speaker)
    gap = body[previous.end : quote.start]
    return same and gap.count("\n\n") <= 2 and len(gap) < 600


def _attribution_date(
    quote: QuoteResult, attribution: Span, regions: list[Span], mentions: list[DateMention]
) -> FuzzyDate | None:
    """A date in the attribution ("said Tuesday"), outside any quotation."""
    options = [
        m
        for m in dates.between(mentions, attribution.start, attribution.end, key=_mention_start)
        if dates.inside(m.span.start, regions) is None
        and m.expression.kind in ("weekday", "day", "date", "chain")
    ]
    if not options:
        return None
    return min(options, key=lambda m: _distance(m.span, Span(quote.start, quote.end))).start
