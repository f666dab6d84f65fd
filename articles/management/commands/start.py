from django.core.management import call_command
from django.core.management.base import BaseCommand

from articles.models import Article


class Command(BaseCommand):
    help = "Migrate, load the seed data if the database has none, and serve on 127.0.0.1:8000."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-serve", action="store_true", help="Prepare the database only.")

    def handle(self, *args, addrport, no_serve, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if Article.objects.exists():
            self.stdout.write("Database already has articles; leaving them as they are.")
        else:
            call_command("loaddata", "natoip", verbosity=0)
            self.stdout.write(
                self.style.SUCCESS(f"Loaded the seed data: {Article.objects.count()} articles.")
            )
        if not no_serve:
            call_command("runserver", addrport)
