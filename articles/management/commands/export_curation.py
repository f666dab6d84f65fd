from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand

from articles.models import Correction

OUTPUT = settings.BASE_DIR / "fixtures" / "curation.json"


class Command(BaseCommand):
    help = "Write every curator correction to fixtures/curation.json, for review in git."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(OUTPUT))

    def handle(self, *args, output, **options):
        corrections = Correction.objects.order_by("created_at", "uid")
        text = serializers.serialize("json", corrections, indent=2, use_natural_primary_keys=True)
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text.rstrip() + "\n")
        self.stdout.write(
            self.style.SUCCESS(f"wrote {corrections.count()} corrections to {output}")
        )
