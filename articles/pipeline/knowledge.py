"""Reference knowledge the pipeline matches against, loaded from JSON files in fixtures/knowledge/.

Nothing here is specific to a document: countries, organisations, summits, publishers, known
people with their name variants, and the vocabulary of titles. Curators' aliases from the
database are merged in by the caller with ``Knowledge.with_people``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "knowledge"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class CountryInfo:
    code: str  # ISO 3166-1 alpha-2
    name: str
    slug: str
    official_name: str | None = None
    aliases: tuple[str, ...] = ()  # other names and abbreviations: "S. Korea", "ROK", "U.S."
    demonyms: tuple[str, ...] = ()  # "South Korean"
    capitals: tuple[str, ...] = ()  # capitals used as metonyms: "Seoul", "Pyongyang"
    nato_member_since: dt.date | None = None
    indo_pacific_partner: bool = False
    region: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """Every surface form that denotes the country itself (not its people or capital)."""
        extra = (self.official_name,) if self.official_name else ()
        return (self.name, *extra, *self.aliases)


@dataclass(frozen=True)
class OrganizationInfo:
    code: str  # "NATO", "UNSC", "EU"
    name: str
    slug: str
    aliases: tuple[str, ...] = ()
    kind: str = ""
    parent: str | None = None  # code of the parent organisation (UNSC -> UN)


@dataclass(frozen=True)
class SummitInfo:
    slug: str
    name: str
    organization: str  # organisation code
    start: dt.date
    end: dt.date
    city: str
    country: str  # ISO code of the host
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoleInfo:
    title: str
    of: str | None = None  # country or organisation code
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class PersonInfo:
    name: str
    slug: str
    aliases: tuple[str, ...] = ()
    country: str | None = None  # country or organisation code
    roles: tuple[RoleInfo, ...] = ()

    def role_on(self, day: dt.date | None) -> RoleInfo | None:
        """The role the person held on ``day`` (the latest role when the day is unknown)."""
        if not self.roles:
            return None
        if day is None:
            return self.roles[-1]
        for role in self.roles:
            if (role.start is None or role.start <= day) and (role.end is None or day <= role.end):
                return role
        return None


@dataclass(frozen=True)
class PublisherInfo:
    name: str
    aliases: tuple[str, ...] = ()  # credit lines: "Yonhap", "Korea JoongAng Daily"
    domains: tuple[str, ...] = ()  # e-mail and web domains: "koreatimes.co.kr"
    country: str | None = None


@dataclass(frozen=True)
class Knowledge:
    countries: tuple[CountryInfo, ...] = ()
    organizations: tuple[OrganizationInfo, ...] = ()
    summits: tuple[SummitInfo, ...] = ()
    people: tuple[PersonInfo, ...] = ()
    publishers: tuple[PublisherInfo, ...] = ()
    titles: dict = field(default_factory=dict)  # vocabulary of titles, see titles.json

    @classmethod
    def load(cls, directory: Path = KNOWLEDGE_DIR) -> Knowledge:
        def read(name: str):
            path = directory / name
            return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []

        return cls(
            countries=tuple(
                CountryInfo(
                    code=c["code"],
                    name=c["name"],
                    slug=c["slug"],
                    official_name=c.get("official_name"),
                    aliases=tuple(c.get("aliases", ())),
                    demonyms=tuple(c.get("demonyms", ())),
                    capitals=tuple(c.get("capitals", ())),
                    nato_member_since=_date(c.get("nato_member_since")),
                    indo_pacific_partner=bool(c.get("indo_pacific_partner", False)),
                    region=c.get("region", ""),
                )
                for c in read("countries.json")
            ),
            organizations=tuple(
                OrganizationInfo(
                    code=o["code"],
                    name=o["name"],
                    slug=o["slug"],
                    aliases=tuple(o.get("aliases", ())),
                    kind=o.get("kind", ""),
                    parent=o.get("parent"),
                )
                for o in read("organizations.json")
            ),
            summits=tuple(
                SummitInfo(
                    slug=s["slug"],
                    name=s["name"],
                    organization=s["organization"],
                    start=dt.date.fromisoformat(s["start"]),
                    end=dt.date.fromisoformat(s["end"]),
                    city=s["city"],
                    country=s["country"],
                    aliases=tuple(s.get("aliases", ())),
                )
                for s in read("summits.json")
            ),
            people=tuple(_person(p) for p in read("people.json")),
            publishers=tuple(
                PublisherInfo(
                    name=p["name"],
                    aliases=tuple(p.get("aliases", ())),
                    domains=tuple(p.get("domains", ())),
                    country=p.get("country"),
                )
                for p in read("publishers.json")
            ),
            titles=read("titles.json") or {},
        )

    def with_people(self, extra: list[PersonInfo]) -> Knowledge:
        """A copy where ``extra`` people (e.g. curated in the database) replace same-slug ones."""
        slugs = {p.slug for p in extra}
        kept = tuple(p for p in self.people if p.slug not in slugs)
        return replace(self, people=kept + tuple(extra))

    def country(self, code: str) -> CountryInfo | None:
        return next((c for c in self.countries if c.code == code), None)

    def organization(self, code: str) -> OrganizationInfo | None:
        return next((o for o in self.organizations if o.code == code), None)

    def summit(self, slug: str) -> SummitInfo | None:
        return next((s for s in self.summits if s.slug == slug), None)


def _person(p: dict) -> PersonInfo:
    return PersonInfo(
        name=p["name"],
        slug=p["slug"],
        aliases=tuple(p.get("aliases", ())),
        country=p.get("country"),
        roles=tuple(
            RoleInfo(
                title=r["title"],
                of=r.get("of"),
                start=_date(r.get("start")),
                end=_date(r.get("end")),
            )
            for r in p.get("roles", ())
        ),
    )


@cache
def default_knowledge() -> Knowledge:
    return Knowledge.load()
