"""The scorer on hand-made predictions, then the quality bars of the pipeline on gold documents."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path

import pytest

from articles.evaluation import (
    Report,
    evaluate,
    load_gold,
    names_match,
    normalise_text,
    quote_similarity,
    run_pipeline,
)
from articles.pipeline.knowledge import Knowledge, PublisherInfo, default_knowledge

ROOT = Path(__file__).resolve().parents[2]
SEED_GOLD, SEED_DOCUMENTS = ROOT / "fixtures" / "gold", ROOT / "fixtures" / "sources"
CORPUS_GOLD, CORPUS_DOCUMENTS = ROOT / "tests" / "corpus" / "gold", ROOT / "tests" / "corpus"

GOLD = {
    "source": "briefing.txt",
    "article": {
        "title": "Minister backs 'closer' ties with NATO partners",
        "subtitle": None,
        "publisher": "Harbour News",
        "authors": ["Mina Oh-Sullivan"],
        "published": "2024-06-24",
        "published_precision": "day",
        "dateline": "Seoul",
    },
    "people": [
        {"name": "Kang Min-jae", "aliases": ["Kang"], "country": "KR", "role": "Defence Minister"},
        {"name": "Aiko Tanabe", "aliases": ["Tanabe"], "country": "JP", "role": "analyst"},
    ],
    "countries": ["KR", "JP", "RU"],
    "organizations": ["NATO"],
    "quotes": [
        {
            "text": "We will keep working with our partners in Europe",
            "speaker": "Kang Min-jae",
            "speaker_kind": "person",
            "speaker_label": "Kang",
        },
        {
            "text": "a very practical step for both sides",
            "speaker": "Aiko Tanabe",
            "speaker_kind": "person",
            "speaker_label": "she",
        },
        {
            "text": "The allies reaffirm their support for partners in the region",
            "speaker": None,
            "speaker_kind": "document",
            "speaker_label": "the joint statement",
        },
    ],
    "events": [
        {"type": "briefing", "date": "2024-06-24", "precision": "day", "reference": None},
        {"type": "visit", "date": "2024-05", "precision": "month", "reference": None},
        {
            "type": "summit",
            "date": "2024-07-09",
            "end_date": "2024-07-11",
            "precision": "day",
            "reference": "nato-summit-2024-washington",
        },
    ],
}


def perfect_prediction(gold: dict) -> dict:
    """What ``ArticleResult.to_json()`` would give for a document the pipeline got right."""
    article = gold["article"]
    return {
        "source": gold["source"],
        "article": {
            **article,
            "published": article["published"]
            + ("-01" * (3 - len(article["published"].split("-")))),
        },
        "people": [{"name": p["name"], "aliases": p["aliases"]} for p in gold["people"]],
        "countries": [{"code": c} for c in gold["countries"]],
        "organizations": [{"code": o} for o in gold["organizations"]],
        "quotes": [dict(q) for q in gold["quotes"]],
        "events": [
            {
                "type": e["type"],
                "date": e["date"],
                "date_precision": e["precision"],
                "reference": e["reference"],
            }
            for e in gold["events"]
        ],
    }


def score(predicted: dict, gold: dict = GOLD) -> Report:
    return evaluate([(gold, predicted)])


# --- the scorer ------------------------------------------------------------------------------


def test_perfect_prediction_scores_one_everywhere():
    report = score(perfect_prediction(GOLD))
    assert all(c.f1 == 1.0 for c in report.counts.values())
    assert report.speaker.value == 1.0
    assert report.metadata_mean == 1.0


def test_missing_quote_lowers_quote_recall_but_not_precision():
    predicted = perfect_prediction(GOLD)
    del predicted["quotes"][1]
    quotes = score(predicted).counts["quotes"]
    assert quotes.recall == pytest.approx(2 / 3)
    assert quotes.precision == 1.0


def test_wrong_speaker_lowers_speaker_accuracy_only():
    predicted = perfect_prediction(GOLD)
    predicted["quotes"][0]["speaker"] = "Aiko Tanabe"
    report = score(predicted)
    assert report.speaker.value == pytest.approx(2 / 3)
    assert report.counts["quotes"].f1 == 1.0


def test_document_quote_given_to_a_person_is_a_wrong_speaker():
    predicted = perfect_prediction(GOLD)
    predicted["quotes"][2].update(speaker="Kang Min-jae", speaker_kind="person")
    assert score(predicted).speaker.value == pytest.approx(2 / 3)


def test_null_speaker_needs_the_same_kind():
    predicted = perfect_prediction(GOLD)
    predicted["quotes"][2]["speaker_kind"] = "anonymous"
    assert score(predicted).speaker.value == pytest.approx(2 / 3)


def test_speaker_given_by_alias_counts_as_right():
    predicted = perfect_prediction(GOLD)
    predicted["quotes"][0]["speaker"] = "Kang"
    assert score(predicted).speaker.value == 1.0


def test_quote_with_punctuation_and_case_differences_still_matches():
    predicted = perfect_prediction(GOLD)
    predicted["quotes"][0]["text"] = "“we will keep working with our partners in Europe,”"
    assert score(predicted).counts["quotes"].f1 == 1.0


def test_truncated_quote_matches_only_when_most_of_it_is_there():
    long = "one two three four five six seven eight nine ten"
    assert quote_similarity(long, "one two three four five six seven eight nine") >= 0.8
    assert quote_similarity(long, "one two three four five") < 0.8


def test_quotes_shorter_than_three_words_are_ignored_on_both_sides():
    predicted = perfect_prediction(GOLD)
    predicted["quotes"].append({"text": "good partners", "speaker": None, "speaker_kind": "person"})
    assert score(predicted).counts["quotes"].fp == 0


def test_two_predictions_cannot_both_match_one_gold_quote():
    predicted = perfect_prediction(GOLD)
    predicted["quotes"].append(dict(predicted["quotes"][0]))
    quotes = score(predicted).counts["quotes"]
    assert (quotes.tp, quotes.fp) == (3, 1)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Yoon Suk-yeol", "Yoon Suk Yeol"),
        ("Kishida Fumio", "Fumio Kishida"),
        ("Kim Jong-un", "Kim Jong Un"),
        ("Jens Stoltenberg", "jens stoltenberg"),
        ("Volodymyr Zelenskyy", "Volodymyr Zelenskyý"),
        ("J.D. Vance", "JD Vance"),
    ],
)
def test_name_spellings_that_count_as_the_same_person(a, b):
    assert names_match(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Kim Jong-un", "Kim Keon-hee"), ("Yoon Suk Yeol", "Yoon"), ("Cho Tae-yul", "Cho Yul-tae")],
)
def test_different_names_do_not_match(a, b):
    # "Cho Yul-tae" keeps the syllables of "Cho Tae-yul" in another order *inside* the given name.
    assert not names_match(a, b)


def test_person_found_under_a_gold_alias_is_a_hit():
    predicted = perfect_prediction(GOLD)
    predicted["people"][1] = {"name": "Tanabe", "aliases": []}
    assert score(predicted).counts["people"].f1 == 1.0


def test_person_split_into_two_entries_costs_precision():
    predicted = perfect_prediction(GOLD)
    predicted["people"].append({"name": "Kang", "aliases": []})
    people = score(predicted).counts["people"]
    assert (people.tp, people.fp, people.fn) == (2, 1, 0)


def test_country_and_organisation_codes_are_scored_as_sets():
    predicted = perfect_prediction(GOLD)
    predicted["countries"] = [{"code": "KR"}, {"code": "KR"}, {"code": "CN"}]
    predicted["organizations"] = []
    report = score(predicted)
    countries = report.counts["countries"]
    assert (countries.tp, countries.fp, countries.fn) == (1, 1, 2)
    assert report.counts["organizations"].recall == 0.0


def test_event_date_must_agree_at_gold_precision():
    predicted = perfect_prediction(GOLD)
    predicted["events"][1].update(date="2024-05-20", date_precision="day")  # finer is fine
    assert score(predicted).counts["events"].f1 == 1.0
    predicted["events"][0].update(date="2024-06-25")  # a day off
    assert score(predicted).counts["events"].recall == pytest.approx(2 / 3)


def test_event_of_another_type_does_not_match():
    predicted = perfect_prediction(GOLD)
    predicted["events"][0]["type"] = "statement"
    assert score(predicted).counts["events"].tp == 2


def test_summit_needs_its_reference_and_any_day_of_it_will_do():
    predicted = perfect_prediction(GOLD)
    predicted["events"][2].update(date="2024-07-10")
    assert score(predicted).counts["events"].f1 == 1.0
    predicted["events"][2]["reference"] = "nato-summit-2023-vilnius"
    assert score(predicted).counts["events"].tp == 2


def test_events_are_paired_to_find_the_most_matches():
    gold = copy.deepcopy(GOLD)
    gold["events"] = [
        {"type": "bilateral", "date": "2024-07", "precision": "month", "reference": None},
        {"type": "bilateral", "date": "2024-07-10", "precision": "day", "reference": None},
    ]
    predicted = perfect_prediction(GOLD)
    predicted["events"] = [
        {"type": "bilateral", "date": "2024-07-10", "date_precision": "day", "reference": None},
        {"type": "bilateral", "date": "2024-07-20", "date_precision": "day", "reference": None},
    ]
    assert score(predicted, gold).counts["events"].f1 == 1.0


def test_gold_event_without_reference_accepts_a_predicted_reference():
    gold = copy.deepcopy(GOLD)
    gold["events"] = [
        {"type": "summit", "date": "2025-06", "precision": "month", "reference": None}
    ]
    predicted = perfect_prediction(GOLD)
    predicted["events"] = [
        {"type": "summit", "date": "2025-06-15", "date_precision": "day", "reference": "g7-2025"}
    ]
    assert score(predicted, gold).counts["events"].f1 == 1.0


def test_published_date_precision_rule():
    month_gold = copy.deepcopy(GOLD)
    month_gold["article"].update(published="2024-07", published_precision="month")
    predicted = perfect_prediction(GOLD)

    def published_ok(date: str, precision: str, gold: dict) -> bool:
        predicted["article"].update(published=date, published_precision=precision)
        return score(predicted, gold).metadata["published"].value == 1.0

    assert published_ok("2024-07-10", "day", month_gold)  # finer than the gold: right
    assert published_ok("2024-07-01", "month", month_gold)
    assert not published_ok("2024-08-01", "month", month_gold)
    assert not published_ok("2024-06-01", "month", GOLD)  # coarser than the gold: wrong
    assert not published_ok("2024-06-25", "day", GOLD)


def test_metadata_fields_are_scored_separately():
    predicted = perfect_prediction(GOLD)
    predicted["article"]["title"] = "Minister backs “closer” ties with NATO partners "
    predicted["article"]["authors"] = ["Mina Oh Sullivan"]
    predicted["article"]["publisher"] = "Harbor News"
    report = score(predicted)
    assert report.metadata["title"].value == 1.0
    assert report.metadata["authors"].value == 1.0
    assert report.metadata["publisher"].value == 0.0
    assert report.metadata_mean == pytest.approx(0.75)


def test_publisher_credited_under_a_known_alias_counts_as_right():
    knowledge = Knowledge(publishers=(PublisherInfo(name="Harbour News", aliases=("HN Wire",)),))
    predicted = perfect_prediction(GOLD)
    predicted["article"]["publisher"] = "HN Wire"
    assert evaluate([(GOLD, predicted)], knowledge).metadata["publisher"].value == 1.0
    assert score(predicted).metadata["publisher"].value == 0.0  # no knowledge, no aliases


def test_failed_document_counts_as_all_misses_and_is_listed():
    report = evaluate([(GOLD, ValueError("no article text found"))])
    assert all(c.recall == 0.0 for c in report.counts.values())
    assert report.metadata_mean == 0.0
    assert "briefing.txt: ValueError: no article text found" in report.table()


def test_verbose_table_names_the_misses():
    predicted = perfect_prediction(GOLD)
    del predicted["people"][1]
    predicted["countries"].append({"code": "CN"})
    table = score(predicted).table(verbosity=2)
    assert "missed people: Aiko Tanabe" in table
    assert "spurious countries: CN" in table


def test_normalised_text_ignores_quote_marks_and_spacing():
    assert normalise_text("“We’ve  seen it,” he said.") == normalise_text(
        '"We\'ve seen it," he said'
    )


# --- the pipeline against the gold -----------------------------------------------------------


@cache
def scored(gold_dir: Path, documents_dir: Path) -> Report:
    knowledge = default_knowledge()
    return evaluate(run_pipeline(gold_dir, documents_dir, knowledge), knowledge)


def test_every_seed_document_has_gold():
    sources = {g["source"] for g in load_gold(SEED_GOLD)}
    assert sources == {p.name for p in SEED_DOCUMENTS.glob("*.txt")}


def test_corpus_has_at_least_ten_documents_with_gold_including_html():
    sources = {g["source"] for g in load_gold(CORPUS_GOLD)}
    assert len(sources) >= 10
    assert sum(s.endswith(".html") for s in sources) >= 2
    assert all((CORPUS_DOCUMENTS / s).is_file() for s in sources)


SEED_BARS = {"people": 0.95, "countries": 0.95, "events": 0.8}
CORPUS_BARS = {"quotes": 0.9, "people": 0.9, "countries": 0.9, "events": 0.7}


def failures(report: Report) -> str:
    return report.table(verbosity=2)


def test_seeds_every_gold_quote_found():
    report = scored(SEED_GOLD, SEED_DOCUMENTS)
    assert report.counts["quotes"].recall == 1.0, failures(report)


def test_seeds_speaker_accuracy():
    report = scored(SEED_GOLD, SEED_DOCUMENTS)
    assert report.speaker.total and report.speaker.value >= 0.95, failures(report)


@pytest.mark.parametrize(("category", "bar"), SEED_BARS.items())
def test_seeds_f1_bar(category, bar):
    report = scored(SEED_GOLD, SEED_DOCUMENTS)
    assert report.counts[category].f1 >= bar, failures(report)


def test_seeds_metadata_mean():
    report = scored(SEED_GOLD, SEED_DOCUMENTS)
    assert report.metadata_mean >= 0.9, failures(report)


def test_corpus_speaker_accuracy():
    report = scored(CORPUS_GOLD, CORPUS_DOCUMENTS)
    assert report.speaker.total and report.speaker.value >= 0.9, failures(report)


@pytest.mark.parametrize(("category", "bar"), CORPUS_BARS.items())
def test_corpus_f1_bar(category, bar):
    report = scored(CORPUS_GOLD, CORPUS_DOCUMENTS)
    assert report.counts[category].f1 >= bar, failures(report)
