"""The timeline's layout, computed in Python so the template only loops and prints: a bar chart
of events per month, and items grouped by year and month with the NATO summit cycles as eras."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncMonth, TruncYear

from .models import Event, Precision, display_date

WIDTH = 800  # the drawing's nominal width; the SVG scales to its container
HEIGHT = 140  # bar area
AXIS = 22  # room under the bars for year labels
TOP = 16  # room above the tallest bar for its count
MAX_MONTHS = 72  # longer spans are charted per year


@dataclass(frozen=True)
class Bar:
    label: str  # "June 2024", or "2024" for a yearly chart
    count: int
    start: dt.date  # the period, for a link that narrows the timeline to it
    end: dt.date
    x: float
    y: float
    width: float
    height: float

    @property
    def title(self) -> str:
        return f"{self.label}: {self.count} event{'' if self.count == 1 else 's'}"

    @property
    def label_x(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def label_y(self) -> float:
        return round(self.y - 4, 1)


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    ticks: list[Tick]
    width: float
    height: float
    per: str  # "month" or "year"
    uncharted: int  # events known only to the year (on a monthly chart) or undated

    @property
    def tick_y(self) -> float:
        return self.height - 6

    @property
    def total(self) -> int:
        return sum(bar.count for bar in self.bars)

    @property
    def peak(self) -> Bar | None:
        return max(self.bars, key=lambda bar: bar.count, default=None)

    @property
    def show_counts(self) -> bool:
        return bool(self.bars) and self.bars[0].width >= 18

    @property
    def summary(self) -> str:
        if not self.bars:
            return "No dated events match."
        first, last, peak = self.bars[0], self.bars[-1], self.peak
        span = first.label if first is last else f"{first.label} to {last.label}"
        return (
            f"{self.total} event{'' if self.total == 1 else 's'} by {self.per}, {span}; "
            f"most in {peak.label} ({peak.count})."
        )


def events_per_month(events) -> Chart:
    """Bars for the events of a (filtered) queryset: one per month from the first to the last,
    empty months included; one per year when that would be too many bars."""
    dated = events.exclude(start_date=None)
    monthly = dated.exclude(start_precision=Precision.YEAR)
    counts = _counts(monthly, TruncMonth)
    months = _months(min(counts), max(counts)) if counts else []
    if len(months) <= MAX_MONTHS:
        uncharted = events.count() - sum(counts.values())
        periods = [(m, _month_end(m), f"{calendar.month_name[m.month]} {m.year}") for m in months]
        return _layout(periods, counts, "month", uncharted)
    counts = _counts(dated, TruncYear)
    years = range(min(counts).year, max(counts).year + 1)
    periods = [(dt.date(y, 1, 1), dt.date(y, 12, 31), str(y)) for y in years]
    return _layout(periods, counts, "year", events.count() - sum(counts.values()))


def _counts(events, trunc) -> dict[dt.date, int]:
    rows = (
        events.order_by()
        .annotate(period=trunc("start_date"))
        .values("period")
        .annotate(n=Count("pk"))
        .values_list("period", "n")
    )
    # TruncMonth of a DateField is a date on every backend; normalise a datetime just in case.
    return {(p.date() if isinstance(p, dt.datetime) else p): n for p, n in rows}


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _month_end(first: dt.date) -> dt.date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _layout(periods: list[tuple], counts: dict, per: str, uncharted: int) -> Chart:
    if not periods:
        return Chart([], [], WIDTH, HEIGHT + AXIS + TOP, per, uncharted)
    slot = min(40.0, max(6.0, WIDTH / len(periods)))
    gap = slot * 0.2
    tallest = max(counts.values(), default=0) or 1
    bars, ticks = [], []
    for index, (start, end, label) in enumerate(periods):
        count = counts.get(start, 0)
        height = round(HEIGHT * count / tallest, 1)
        x = round(index * slot, 1)
        bars.append(
            Bar(label, count, start, end, x, round(TOP + HEIGHT - height, 1), slot - gap, height)
        )
        if per == "year" or start.month == 1 or index == 0:
            ticks.append(Tick(round(x + (slot - gap) / 2, 1), str(start.year)))
    return Chart(bars, ticks, round(len(periods) * slot, 1), TOP + HEIGHT + AXIS, per, uncharted)


@dataclass(frozen=True)
class TimelineItem:
    kind: str  # "event", "article" or "quote"
    object: object
    day: dt.date

    @property
    def month_key(self) -> tuple[int, int]:
        return self.object.month_key


@dataclass
class MonthGroup:
    year: int
    month: int  # 0: only the year is known
    items: list[TimelineItem]
    summits: list[Event]  # reference summits held this month: a heading band
    era: Event | None  # the summit this stretch of time leads up to
    era_label: str
    new_era: bool
    new_year: bool

    @property
    def label(self) -> str:
        if self.month == 0:
            return f"{self.year} (month not known)"
        return display_date(dt.date(self.year, self.month, 1), Precision.MONTH)

    @property
    def anchor(self) -> str:
        return f"m-{self.year}-{self.month:02d}"


def era_label(era: Event | None, last_summit: Event | None) -> str:
    if era is not None:
        return f"Toward the {era.name} · {era.date_display}"
    if last_summit is not None:
        return f"After the {last_summit.name}"
    return ""


def group_by_month(items: list[TimelineItem], summits: list[Event]) -> list[MonthGroup]:
    """Consecutive items (already in date order) by (year, month); each group knows which summit
    cycle it belongs to — the first summit not yet over — and which summits it holds."""
    summits = sorted((s for s in summits if s.start_date), key=lambda s: s.start_date)
    groups: list[MonthGroup] = []
    for item in items:
        key = item.month_key
        if groups and (groups[-1].year, groups[-1].month) == key:
            if item.object not in groups[-1].summits:  # the band already shows it
                groups[-1].items.append(item)
            continue
        first_day = dt.date(key[0], key[1] or 1, 1)
        era = next((s for s in summits if (s.end_date or s.start_date) >= first_day), None)
        held = [s for s in summits if key[1] and (s.start_date.year, s.start_date.month) == key]
        previous = groups[-1] if groups else None
        groups.append(
            MonthGroup(
                year=key[0],
                month=key[1],
                items=[] if item.object in held else [item],
                summits=held,
                era=era,
                era_label=era_label(era, summits[-1] if summits else None),
                new_era=previous is None or previous.era != era,
                new_year=previous is None or previous.year != key[0],
            )
        )
    return groups
