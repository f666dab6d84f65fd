"""A curator's round trip in the browser: log in, merge two people, verify a quote, and see
the public person page updated."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User

from articles.models import Mention, Quote
from entities.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a long curator passphrase"


@pytest.fixture
def curator(seed_data):
    # Transactional tests empty the database between tests: recreate the migration's group.
    importlib.import_module("articles.migrations.0004_curators_group").create_group(apps, None)
    user = User.objects.create_user("curator", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    return user


def test_curator_merges_people_and_verifies_a_quote(live_server, curator, page, screenshot):
    kept = Person.objects.get(slug="jens-stoltenberg")
    twin = Person.objects.create(name="J. Stoltenberg", slug="j-stoltenberg")
    moved = Quote.objects.filter(speaker=kept).order_by("pk").first()
    moved.speaker = twin
    moved.save()
    Mention.objects.create(article=moved.article, kind="person", person=twin,
                           first_start=moved.start, first_end=moved.end)
    total = Quote.objects.filter(speaker__in=[kept, twin]).count()

    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("curator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Open the review queue").click()
    screenshot("admin-review-queue")
    row = page.locator("tr", has_text="J. Stoltenberg").first
    row.get_by_role("button", name="Merge").click()
    assert "Merged" in page.locator(".messagelist").inner_text()

    page.goto(live_server.url + "/admin/articles/quote/?speaker__id__exact=" + str(kept.pk))
    page.locator(f'input[name="_selected_action"][value="{moved.pk}"]').check()
    page.locator("select[name=action]").select_option("verify_selected")
    page.get_by_role("button", name="Go").click()
    assert "verified" in page.locator(".messagelist").inner_text()
    screenshot("admin-quotes-verified")

    page.goto(live_server.url + "/people/j-stoltenberg/")
    assert page.url.endswith(kept.get_absolute_url())
    assert "J. Stoltenberg" in page.locator("main").inner_text()  # now an alias
    assert page.locator(f'a[href="{moved.get_absolute_url()}"]').count() >= 1
    screenshot("person-after-merge")
    assert Quote.objects.filter(speaker=kept).count() == total
    assert Quote.objects.get(pk=moved.pk).verified
