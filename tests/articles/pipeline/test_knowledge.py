"""The reference knowledge files: facts the pipeline matches against and the site displays."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterator

import pytest

from articles.pipeline.knowledge import KNOWLEDGE_DIR, Knowledge, PersonInfo

D = dt.date.fromisoformat

NATO_ACCESSIONS = {
    **dict.fromkeys(
        ["BE", "CA", "DK", "FR", "GB", "IS", "IT", "LU", "NL", "NO", "PT", "US"], D("1949-08-24")
    ),
    "GR": D("1952-02-18"),
    "TR": D("1952-02-18"),
    "DE": D("1955-05-06"),
    "ES": D("1982-05-30"),
    **dict.fromkeys(["CZ", "HU", "PL"], D("1999-03-12")),
    **dict.fromkeys(["BG", "EE", "LT", "LV", "RO", "SI", "SK"], D("2004-03-29")),
    "AL": D("2009-04-01"),
    "HR": D("2009-04-01"),
    "ME": D("2017-06-05"),
    "MK": D("2020-03-27"),
    "FI": D("2023-04-04"),
    "SE": D("2024-03-07"),
}

REGIONS = {
    "Europe",
    "North America",
    "East Asia",
    "Southeast Asia",
    "South Asia",
    "Central Asia",
    "Middle East",
    "Africa",
    "Oceania",
    "Latin America",
    "Caribbean",
}

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DOMAIN = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$")


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return Knowledge.load()


def _by_code(knowledge: Knowledge) -> dict[str, object]:
    return {c.code: c for c in knowledge.countries}


def _person(knowledge: Knowledge, slug: str) -> PersonInfo:
    return next(p for p in knowledge.people if p.slug == slug)


def _all_aliases(knowledge: Knowledge) -> Iterator[tuple[str, str]]:
    """(owner, alias) for every alias-like string in every file."""
    for c in knowledge.countries:
        for form in (*c.names, *c.demonyms, *c.capitals):
            yield c.code, form
    for o in knowledge.organizations:
        for form in (o.name, *o.aliases):
            yield o.code, form
    for s in knowledge.summits:
        for form in (s.name, s.city, *s.aliases):
            yield s.slug, form
    for p in knowledge.people:
        for form in (p.name, *p.aliases, *(r.title for r in p.roles)):
            yield p.slug, form
    for pub in knowledge.publishers:
        for form in (pub.name, *pub.aliases, *pub.domains):
            yield pub.name, form


# --- countries ---------------------------------------------------------------------------


def test_every_un_member_plus_taiwan_kosovo_palestine_and_vatican_is_known(knowledge):
    codes = set(_by_code(knowledge))
    assert len(codes) == 193 + 4
    assert {"TW", "XK", "PS", "VA", "KR", "KP", "SS", "TL", "ST", "FM", "US"} <= codes


def test_nato_has_32_members_with_their_accession_dates(knowledge):
    members = {c.code: c.nato_member_since for c in knowledge.countries if c.nato_member_since}
    assert len(members) == 32
    assert members == NATO_ACCESSIONS


@pytest.mark.parametrize("code", ["UA", "KR", "JP", "AT", "IE", "CH", "GE", "RU", "CY"])
def test_non_members_have_no_accession_date(knowledge, code):
    assert knowledge.country(code).nato_member_since is None


def test_exactly_korea_japan_australia_and_new_zealand_are_ip4(knowledge):
    assert {c.code for c in knowledge.countries if c.indo_pacific_partner} == {
        "KR",
        "JP",
        "AU",
        "NZ",
    }


def test_every_country_has_a_region_from_the_fixed_list(knowledge):
    assert {c.code: c.region for c in knowledge.countries if c.region not in REGIONS} == {}


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("S. Korea", "KR"),
        ("Republic of Korea", "KR"),
        ("ROK", "KR"),
        ("Korea", "KR"),
        ("DPRK", "KP"),
        ("Democratic People's Republic of Korea", "KP"),
        ("U.S.", "US"),
        ("America", "US"),
        ("Britain", "GB"),
        ("UK", "GB"),
        ("PRC", "CN"),
        ("Russian Federation", "RU"),
        ("Czechia", "CZ"),
        ("Czech Republic", "CZ"),
        ("Turkey", "TR"),
        ("Türkiye", "TR"),
        ("the Netherlands", "NL"),
        ("Holland", "NL"),
        ("Ivory Coast", "CI"),
        ("Burma", "MM"),
    ],
)
def test_news_names_of_a_country_resolve_to_it(knowledge, form, code):
    owners = {c.code for c in knowledge.countries if form in c.names}
    assert owners == {code}


@pytest.mark.parametrize(
    ("demonym", "code"),
    [("South Korean", "KR"), ("North Korean", "KP"), ("Dutch", "NL"), ("British", "GB")],
)
def test_demonyms_before_titles_resolve_to_the_country(knowledge, demonym, code):
    assert {c.code for c in knowledge.countries if demonym in c.demonyms} == {code}


def test_new_zealand_is_not_its_own_demonym(knowledge):
    assert "New Zealand" not in knowledge.country("NZ").demonyms


@pytest.mark.parametrize(
    ("capital", "code"),
    [("Seoul", "KR"), ("Pyongyang", "KP"), ("Kyiv", "UA"), ("Kiev", "UA"), ("Tehran", "IR")],
)
def test_capitals_stand_for_their_governments(knowledge, capital, code):
    assert {c.code for c in knowledge.countries if capital in c.capitals} == {code}


def test_brussels_is_not_read_as_the_belgian_government(knowledge):
    assert all("Brussels" not in c.capitals for c in knowledge.countries)


def test_no_name_demonym_or_capital_denotes_two_countries(knowledge):
    owners: dict[str, set[str]] = {}
    for c in knowledge.countries:
        for form in {*c.names, *c.demonyms, *c.capitals}:
            owners.setdefault(form.casefold(), set()).add(c.code)
    assert {form: codes for form, codes in owners.items() if len(codes) > 1} == {}


# --- organisations -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("North Atlantic Treaty Organization", "NATO"),
        ("transatlantic alliance", "NATO"),
        ("UN Security Council", "UNSC"),
        ("United Nations Security Council", "UNSC"),
        ("AP4", "IP4"),
        ("Asia Pacific Four", "IP4"),
        ("Group of Seven", "G7"),
        ("U.S. Forces Korea", "USFK"),
        ("UN Command", "UNC"),
        ("Quadrilateral Security Dialogue", "QUAD"),
    ],
)
def test_organisation_names_resolve_to_their_code(knowledge, form, code):
    assert {o.code for o in knowledge.organizations if form in (o.name, *o.aliases)} == {code}


def test_organisation_parents_exist(knowledge):
    codes = {o.code for o in knowledge.organizations}
    assert {
        o.code: o.parent for o in knowledge.organizations if o.parent not in codes | {None}
    } == {}
    assert knowledge.organization("UNSC").parent == "UN"
    assert knowledge.organization("NAC").parent == "NATO"


def test_no_alias_denotes_two_organisations(knowledge):
    owners: dict[str, set[str]] = {}
    for o in knowledge.organizations:
        for form in (o.name, *o.aliases):
            owners.setdefault(form.casefold(), set()).add(o.code)
    assert {form: codes for form, codes in owners.items() if len(codes) > 1} == {}


# --- summits -----------------------------------------------------------------------------


def test_every_summit_ends_on_or_after_its_start(knowledge):
    assert [s.slug for s in knowledge.summits if s.end < s.start] == []


@pytest.mark.parametrize(
    ("slug", "start", "end", "country"),
    [
        ("nato-summit-2022-madrid", "2022-06-28", "2022-06-30", "ES"),
        ("nato-summit-2023-vilnius", "2023-07-11", "2023-07-12", "LT"),
        ("nato-summit-2024-washington", "2024-07-09", "2024-07-11", "US"),
        ("nato-summit-2025-the-hague", "2025-06-24", "2025-06-25", "NL"),
        ("nato-summit-2022-brussels", "2022-03-24", "2022-03-24", "BE"),
    ],
)
def test_recent_nato_summits_have_their_real_dates(knowledge, slug, start, end, country):
    summit = knowledge.summit(slug)
    assert (summit.start, summit.end, summit.country) == (D(start), D(end), country)
    assert summit.organization == "NATO"


def test_summit_slugs_follow_the_org_year_city_pattern(knowledge):
    pattern = re.compile(r"^(nato|g7)-summit-(\d{4})-[a-z0-9-]+$")
    bad = [
        s.slug
        for s in knowledge.summits
        if not (m := pattern.match(s.slug))
        or int(m.group(2)) != s.start.year
        or m.group(1) != s.organization.lower()
    ]
    assert bad == []


def test_summits_refer_to_known_organisations_and_host_countries(knowledge):
    orgs = {o.code for o in knowledge.organizations}
    countries = set(_by_code(knowledge))
    assert [s.slug for s in knowledge.summits if s.organization not in orgs] == []
    assert [s.slug for s in knowledge.summits if s.country not in countries] == []


def test_summit_aliases_never_are_a_bare_year(knowledge):
    assert [a for s in knowledge.summits for a in s.aliases if re.fullmatch(r"\d{4}", a)] == []


def test_how_news_names_the_washington_summit_resolves(knowledge):
    summit = knowledge.summit("nato-summit-2024-washington")
    assert {"Washington summit", "NATO 75th anniversary summit"} <= set(summit.aliases)


# --- people ------------------------------------------------------------------------------


def test_every_role_starts_before_it_ends_and_roles_are_in_order(knowledge):
    bad = []
    for person in knowledge.people:
        starts = [r.start for r in person.roles]
        if any(s is None for s in starts) or starts != sorted(starts):
            bad.append(person.slug)
        bad += [person.slug for r in person.roles if r.end and r.start and r.end < r.start]
    assert bad == []


def test_rutte_was_dutch_prime_minister_in_2023_and_secretary_general_in_2025(knowledge):
    rutte = _person(knowledge, "mark-rutte")
    in_2023 = rutte.role_on(D("2023-07-12"))
    in_2025 = rutte.role_on(D("2025-06-24"))
    assert (in_2023.title, in_2023.of) == ("Prime Minister", "NL")
    assert (in_2025.title, in_2025.of) == ("Secretary General", "NATO")
    assert rutte.country == "NATO"


def test_stoltenberg_led_nato_at_the_washington_summit(knowledge):
    role = _person(knowledge, "jens-stoltenberg").role_on(D("2024-07-10"))
    assert (role.title, role.of) == ("Secretary General", "NATO")


def test_yoon_was_president_in_2024_and_not_after_his_removal(knowledge):
    yoon = _person(knowledge, "yoon-suk-yeol")
    assert yoon.role_on(D("2024-07-10")).title == "President"
    assert yoon.role_on(D("2025-07-01")) is None
    assert {"Yoon Suk-yeol", "Yoon Seok-youl"} <= set(yoon.aliases)


@pytest.mark.parametrize(
    ("slug", "variant"),
    [
        ("kim-jong-un", "Kim Jong Un"),
        ("volodymyr-zelenskyy", "Zelensky"),
        ("fumio-kishida", "Kishida Fumio"),
        ("christopher-luxon", "Chris Luxon"),
        ("kim-keon-hee", "Kim Keon-hee"),
        ("antonio-guterres", "Antonio Guterres"),
    ],
)
def test_name_variants_lead_to_the_same_person(knowledge, slug, variant):
    assert {p.slug for p in knowledge.people if variant in (p.name, *p.aliases)} == {slug}


def test_person_slugs_are_the_ascii_name(knowledge):
    assert [p.slug for p in knowledge.people if not SLUG.match(p.slug)] == []
    assert _person(knowledge, "yoon-suk-yeol").name == "Yoon Suk Yeol"


def test_no_name_variant_is_shared_by_two_people(knowledge):
    owners: dict[str, set[str]] = {}
    for p in knowledge.people:
        for form in (p.name, *p.aliases):
            owners.setdefault(form.casefold(), set()).add(p.slug)
    assert {form: slugs for form, slugs in owners.items() if len(slugs) > 1} == {}


def test_people_belong_to_known_countries_or_organisations(knowledge):
    known = set(_by_code(knowledge)) | {o.code for o in knowledge.organizations}
    assert [p.slug for p in knowledge.people if p.country not in known] == []
    assert [p.slug for p in knowledge.people for r in p.roles if r.of not in known] == []


# --- publishers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("domain", "publisher"),
    [
        ("yna.co.kr", "Yonhap News Agency"),
        ("koreaherald.com", "The Korea Herald"),
        ("koreatimes.co.kr", "The Korea Times"),
        ("joongang.co.kr", "Korea JoongAng Daily"),
        ("nato.int", "NATO"),
        ("rnz.co.nz", "RNZ"),
    ],
)
def test_publisher_domains_identify_the_outlet(knowledge, domain, publisher):
    assert [p.name for p in knowledge.publishers if domain in p.domains] == [publisher]


def test_publisher_domains_are_bare_lowercase_hosts_and_unique(knowledge):
    domains = [d for p in knowledge.publishers for d in p.domains]
    assert [d for d in domains if not DOMAIN.match(d)] == []
    assert [d for d, n in Counter(domains).items() if n > 1] == []


def test_publisher_countries_exist(knowledge):
    countries = set(_by_code(knowledge))
    assert [p.name for p in knowledge.publishers if p.country not in countries | {None}] == []


def test_no_credit_line_names_two_publishers(knowledge):
    owners: dict[str, set[str]] = {}
    for p in knowledge.publishers:
        for form in (p.name, *p.aliases):
            owners.setdefault(form.casefold(), set()).add(p.name)
    assert {form: names for form, names in owners.items() if len(names) > 1} == {}


# --- every file --------------------------------------------------------------------------


def test_codes_and_slugs_are_unique_in_every_file(knowledge):
    keys = {
        "country codes": [c.code for c in knowledge.countries],
        "country slugs": [c.slug for c in knowledge.countries],
        "organisation codes": [o.code for o in knowledge.organizations],
        "organisation slugs": [o.slug for o in knowledge.organizations],
        "summit slugs": [s.slug for s in knowledge.summits],
        "person slugs": [p.slug for p in knowledge.people],
        "publisher names": [p.name for p in knowledge.publishers],
    }
    duplicates = {k: [v for v, n in Counter(vs).items() if n > 1] for k, vs in keys.items()}
    assert duplicates == dict.fromkeys(keys, [])
    slugs = keys["country slugs"] + keys["organisation slugs"] + keys["summit slugs"]
    assert [s for s in slugs + keys["person slugs"] if not SLUG.match(s)] == []


def test_every_alias_is_non_empty_and_stripped(knowledge):
    bad = [
        (owner, form) for owner, form in _all_aliases(knowledge) if not form or form != form.strip()
    ]
    assert bad == []


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("countries.json", "code"),
        ("organizations.json", "code"),
        ("summits.json", "slug"),
        ("people.json", "slug"),
        ("publishers.json", "name"),
    ],
)
def test_files_are_sorted_and_pretty_printed_for_small_diffs(name, key):
    text = (KNOWLEDGE_DIR / name).read_text(encoding="utf-8")
    records = json.loads(text)
    assert text == json.dumps(records, indent=2, ensure_ascii=False) + "\n"
    keys = [r[key].casefold() for r in records]
    assert keys == sorted(keys)
