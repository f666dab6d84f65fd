"""The curators' review queue: what the pipeline is least sure of, most doubtful first.

Each row can be confirmed (verified, and it leaves the queue), corrected (its change form) or
rejected, in one click; each decision is stored as a Correction (articles/curation.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from entities.models import Event, Person, Precision

from .curation import MODELS, record
from .models import Correction, Quote, SpeakerKind
from .store import name_key

LIMIT = 50  # rows per section; the rest is one click away in the filtered changelist
DOUBTFUL_CONFIDENCE = 0.7


@dataclass
class Pair:
    kept: object  # the record with more attached (suggested to keep)
    other: object
    reason: str


@dataclass
class Section:
    title: str
    explanation: str
    rows: list = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    total: int = 0


def doubtful_quotes() -> Section:
    queryset = (
        Quote.objects.filter(verified=False)
        .filter(
            Q(confidence__lt=DOUBTFUL_CONFIDENCE)
            | Q(speaker__isnull=True, speaker_kind=SpeakerKind.PERSON)
        )
        .select_related("speaker", "article")
        .defer("article__body")
        .order_by("confidence", "pk")
    )
    return Section(
        "Quotes with doubtful attribution",
        f"No speaker found, or attribution confidence below {DOUBTFUL_CONFIDENCE}.",
        rows=list(queryset[:LIMIT]),
        total=queryset.count(),
    )


def new_people() -> Section:
    queryset = (
        Person.objects.filter(verified=False, known=False)
        .select_related("country", "organization")
        .annotate(quotes_n=Count("quotes"))
        .order_by("-pk")
    )
    return Section(
        "Newly discovered people",
        "Found in the text rather than in the knowledge base: check the name and affiliation.",
        rows=list(queryset[:LIMIT]),
        total=queryset.count(),
    )


def _pairs(groups: dict[str, list], reason: str, weight) -> list[Pair]:
    pairs, seen = [], set()
    for key, members in groups.items():
        for a, b in combinations(sorted(set(members), key=lambda m: m.pk), 2):
            if (a.pk, b.pk) in seen:
                continue
            seen.add((a.pk, b.pk))
            kept, other = (a, b) if weight(a) >= weight(b) else (b, a)
            pairs.append(Pair(kept, other, reason.format(key=key)))
    return pairs


def _attestation(record) -> tuple:
    """Which of two duplicates to keep: the one with more quotes, then the older."""
    return (record.quotes_n, -record.pk)


def duplicate_people() -> Section:
    """People whose names agree once hyphens, word order, case and diacritics are folded, or
    whose name is the other's alias."""
    groups: dict[str, list] = defaultdict(list)
    initials: dict[str, list] = defaultdict(list)  # "J. Stoltenberg" ~ "Jens Stoltenberg"
    abbreviated: set[str] = set()
    people = Person.objects.annotate(quotes_n=Count("quotes")).only("pk", "name", "slug", "aliases")
    for person in people:
        for variant in {person.name, *person.aliases}:
            words = variant.split()
            if len(words) < 2:  # a lone family name is too weak a signal
                continue
            groups[name_key(variant)].append(person)
            key = f"{words[0][0]}. {words[-1]}".casefold()
            initials[key].append(person)
            if len(words[0].rstrip(".")) == 1:
                abbreviated.add(key)
    pairs = _pairs(
        {k: v for k, v in groups.items() if len({p.pk for p in v}) > 1},
        "same name once spelling is folded: “{key}”",
        _attestation,
    ) + _pairs(
        {k: v for k, v in initials.items() if k in abbreviated and len({p.pk for p in v}) > 1},
        "same initial and family name: “{key}”",
        _attestation,
    )
    return Section(
        "Likely duplicate people",
        "Merging moves every quote, mention, role and participation to the kept record.",
        pairs=pairs[:LIMIT],
        total=len(pairs),
    )


def duplicate_events() -> Section:
    """Extracted events of one type on the same date that share a participant or a name."""
    groups: dict[str, list] = defaultdict(list)
    events = (
        Event.objects.filter(reference=False, start_date__isnull=False)
        .annotate(quotes_n=Count("quotes"))
        .prefetch_related("people", "countries")
    )
    for event in events:
        day = f"{event.type} {event.start_date}"
        groups[f"{day} · {name_key(event.name)}"].append(event)
        for person in event.people.all():
            groups[f"{day} · {person.name}"].append(event)
    pairs = _pairs(
        {k: v for k, v in groups.items() if len({e.pk for e in v}) > 1},
        "{key}",
        _attestation,
    )
    return Section(
        "Likely duplicate events",
        "Same type and date, and the same name or a shared participant.",
        pairs=pairs[:LIMIT],
        total=len(pairs),
    )


def uncertain_dates() -> Section:
    queryset = (
        Event.objects.filter(reference=False, verified=False)
        .filter(
            Q(start_date__isnull=True)
            | ~Q(start_precision=Precision.DAY)
            | Q(date_reason__icontains="infer")
        )
        .select_related("parent")
        .order_by("start_date", "pk")
    )
    return Section(
        "Events with inferred or coarse dates",
        "The date was worked out from the text, or is only known to the month or year.",
        rows=list(queryset[:LIMIT]),
        total=queryset.count(),
    )


def review_queue(request):
    if request.method == "POST":
        return _decide(request)
    context = {
        **admin.site.each_context(request),
        "title": "Review queue",
        "quotes": doubtful_quotes(),
        "duplicate_people": duplicate_people(),
        "people": new_people(),
        "duplicate_events": duplicate_events(),
        "events": uncertain_dates(),
    }
    return render(request, "admin/review_queue.html", context)


def _decide(request):
    """Apply one decision from the queue: verify, reject or merge a record."""
    target, pk, action = (request.POST.get(k, "") for k in ("target", "pk", "action"))
    model = MODELS.get(target)
    if model is None or action not in {"verify", "reject", "merge"} or not pk.isdigit():
        return HttpResponseBadRequest("unknown review decision")
    permission = "delete" if action == "reject" else "change"
    opts = model._meta
    if not request.user.has_perm(f"{opts.app_label}.{permission}_{opts.model_name}"):
        return HttpResponseBadRequest("you may not do that")
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        messages.warning(request, "That record is already gone.")
        return HttpResponseRedirect(reverse("review-queue"))
    label = str(obj)
    if action == "merge":
        into = request.POST.get("into", "")
        kept = model.objects.filter(pk=into).first() if into.isdigit() else None
        if kept is None or kept.pk == obj.pk:
            return HttpResponseBadRequest("merge needs another record to keep")
        record(obj, Correction.Action.MERGE, user=request.user, value=list(kept.natural_key()))
        messages.success(request, f"Merged “{label}” into “{kept}”.")
    else:
        record(obj, action, user=request.user)
        verb = "Verified" if action == "verify" else "Rejected"
        messages.success(request, f"{verb} “{label}”.")
    return HttpResponseRedirect(reverse("review-queue"))
