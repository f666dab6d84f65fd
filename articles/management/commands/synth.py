import time

from django.core.management.base import BaseCommand, CommandError

from articles.pipeline.knowledge import default_knowledge
from articles.synthetic import Generator
from entities.models import Person
from entities.reference import sync_reference


class Command(BaseCommand):
    help = "Generate a deterministic synthetic corpus for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=2000)

    def handle(self, *args, articles, seed, batch, **options):
        if articles < 1 or batch < 1:
            raise CommandError("--articles and --batch must be positive")
        if Person.objects.filter(slug__endswith=f"-s{seed}").exists():
            raise CommandError(f"a synthetic corpus with seed {seed} is already in this database")
        started = time.perf_counter()
        sync_reference(default_knowledge())
        counts = Generator(articles, seed, batch).run()
        self.stdout.write(
            self.style.SUCCESS(
                f"created {counts.articles} articles, {counts.quotes} quotes, "
                f"{counts.people} people, "
                f"{counts.events} events, {counts.mentions} mentions in "
                f"{time.perf_counter() - started:.1f} s"
            )
        )
