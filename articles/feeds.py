"""Atom feeds: the (filtered) timeline's events, and a person's quotes."""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from entities.filters import TimelineFilter
from entities.models import Event, Person

from .models import Quote

FEED_ITEMS = 50
# Characters XML 1.0 cannot hold; a query may carry them (?q=%1B) into the feed's title.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def midnight(day: dt.date | None) -> dt.datetime | None:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) if day else None


class TimelineFeed(Feed):
    """The newest events matching the same filters as ``/timeline/``."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        filterset = TimelineFilter(request.GET or None, queryset=Event.objects.covered())
        if filterset.is_bound and not filterset.is_valid():
            errors = "; ".join(f"{k}: {' '.join(v)}" for k, v in filterset.errors.items())
            return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")
        request.timeline_filter = filterset  # one Feed instance serves every request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return request.timeline_filter

    def title(self, filterset) -> str:
        summary = filterset.summary()
        return NOT_XML.sub("", "natoip timeline" + (f": {'; '.join(summary)}" if summary else ""))

    def link(self, filterset) -> str:
        query = filterset.data.urlencode() if filterset.is_bound else ""
        return reverse("entities:timeline") + (f"?{query}" if query else "")

    def subtitle(self, filterset) -> str:
        return "Events involving NATO and its Indo-Pacific partners, newest first."

    def items(self, filterset):
        return (
            filterset.qs.exclude(start_date=None)
            .for_listing()
            .order_by(F("start_date").desc(), "-pk")[:FEED_ITEMS]
        )

    def item_title(self, event: Event) -> str:
        return f"{event.name} ({event.date_display})"

    def item_description(self, event: Event) -> str:
        actors = [p.name for p in event.people.all()] + [c.name for c in event.countries.all()]
        parts = [event.get_type_display(), event.date_display, event.place]
        if event.parent_id:
            parts.append(f"at the {event.parent.name}")
        if actors:
            parts.append("with " + ", ".join(actors))
        return " · ".join(p for p in parts if p)

    def item_pubdate(self, event: Event):
        return midnight(event.start_date)

    def item_updateddate(self, event: Event):
        return midnight(event.start_date)

    def item_categories(self, event: Event):
        return [event.get_type_display()]


class PersonQuotesFeed(Feed):
    """A person's quotes, newest first."""

    feed_type = Atom1Feed

    def get_object(self, request, slug: str):
        return get_object_or_404(Person, slug=slug)

    def title(self, person: Person) -> str:
        return f"Quotes by {person.name} · natoip"

    def link(self, person: Person) -> str:
        return person.get_absolute_url()

    def subtitle(self, person: Person) -> str:
        return f"What {person.name} said, as reported, each with the article it came from."

    def items(self, person: Person):
        return (
            Quote.objects.for_cards()
            .defer("article__body")
            .by(person)
            .order_by(F("when").desc(nulls_last=True), "-pk")[:FEED_ITEMS]
        )

    def item_title(self, quote: Quote) -> str:
        text = quote.text if len(quote.text) <= 90 else quote.text[:89].rsplit(" ", 1)[0] + "…"
        return f"“{text}”"

    def item_description(self, quote: Quote) -> str:
        role = f", {quote.role}" if quote.role else ""
        source = quote.article.publisher or "unknown publisher"
        return (
            f"“{quote.text}” — {quote.speaker_display}{role}, {quote.date_display}. "
            f"In “{quote.article.title}” ({source})."
        )

    def item_pubdate(self, quote: Quote):
        return midnight(quote.when)

    def item_updateddate(self, quote: Quote):
        return midnight(quote.when)
