"""Small, named pipeline results for tests that exercise storage without the pipeline."""

import datetime as dt

from articles.pipeline.result import (
    ActorKind,
    ActorRef,
    ArticleMeta,
    ArticleResult,
    CountryResult,
    DateBasis,
    EventResult,
    EventType,
    FuzzyDate,
    OrganizationResult,
    PersonResult,
    Precision,
    QuoteResult,
    Span,
    SpeakerKind,
)

BODY = (
    "SEOUL, July 10 (Wire) -- Defense Minister Han Ji-su met NATO envoys in Seoul on Wednesday.\n\n"
    '"We will deepen cooperation with NATO and Japan," Han said.'
)


def make_result(
    content_hash: str = "a" * 64, title: str = "Han meets NATO envoys"
) -> ArticleResult:
    quote_start = BODY.index("We will")
    quote_end = BODY.index(',"')
    han_first = BODY.index("Han Ji-su")
    return ArticleResult(
        source="han.txt",
        content_hash=content_hash,
        meta=ArticleMeta(
            title=title,
            publisher="Wire",
            authors=["Jo Reporter"],
            published=FuzzyDate(dt.date(2024, 7, 10), Precision.DAY),
            published_basis=DateBasis.STATED,
            dateline="Seoul",
        ),
        body=BODY,
        people=[
            PersonResult(
                name="Han Ji-su",
                slug="han-ji-su",
                role="Defense Minister",
                country="KR",
                aliases=["Han"],
                mentions=[
                    Span(han_first, han_first + 9),
                    Span(BODY.rindex("Han"), BODY.rindex("Han") + 3),
                ],
            )
        ],
        countries=[
            CountryResult("JP", "Japan", [Span(BODY.index("Japan"), BODY.index("Japan") + 5)]),
        ],
        organizations=[
            OrganizationResult("NATO", "NATO", [Span(BODY.index("NATO"), BODY.index("NATO") + 4)]),
        ],
        quotes=[
            QuoteResult(
                text=BODY[quote_start:quote_end],
                start=quote_start,
                end=quote_end,
                speaker="Han Ji-su",
                speaker_label="Han",
                speaker_kind=SpeakerKind.PERSON,
                role="Defense Minister",
                cue="said",
                confidence=0.9,
                event="bilateral-2024-07-10-han-ji-su",
            )
        ],
        events=[
            EventResult(
                key="bilateral-2024-07-10-han-ji-su",
                name="Han Ji-su meets NATO envoys",
                type=EventType.BILATERAL,
                date=FuzzyDate(dt.date(2024, 7, 10), Precision.DAY),
                place="Seoul",
                host_country="KR",
                participants=[
                    ActorRef(ActorKind.PERSON, "Han Ji-su"),
                    ActorRef(ActorKind.ORGANIZATION, "NATO"),
                ],
                evidence=Span(0, BODY.index("\n")),
            )
        ],
    )
