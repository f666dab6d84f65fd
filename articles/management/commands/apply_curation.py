from pathlib import Path

from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.management.commands.export_curation import OUTPUT
from articles.models import Correction


class Command(BaseCommand):
    help = (
        "Load corrections from a curation file (default fixtures/curation.json) into the "
        "database and replay every correction, oldest first. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(OUTPUT))

    def handle(self, *args, path, **options):
        file = Path(path)
        loaded = 0
        with transaction.atomic():
            if file.exists():
                try:
                    objects = list(serializers.deserialize("json", file.read_text("utf-8")))
                except serializers.base.DeserializationError as error:
                    raise CommandError(f"{file}: not a curation file ({error})") from error
                for item in objects:
                    if not isinstance(item.object, Correction):
                        raise CommandError(f"{file}: holds {type(item.object).__name__} records")
                    if not Correction.objects.filter(uid=item.object.uid).exists():
                        item.object.pk = None
                        item.object.save()
                        loaded += 1
            elif path != str(OUTPUT):
                raise CommandError(f"{file}: no such file")
            changed = Correction.objects.replay()
        self.stdout.write(
            self.style.SUCCESS(f"loaded {loaded} corrections; {changed} changed the data")
        )
