from django.core.management.base import BaseCommand

from matching.services import TAXONOMY_FILE, taxonomy_load, taxonomy_read_file


class Command(BaseCommand):
    help = "Load (or update) the skills taxonomy from matching/data/skills.json."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(TAXONOMY_FILE))

    def handle(self, *args, **options):
        taxonomy_load(
            data=taxonomy_read_file(options["file"]),
            log=lambda msg: self.stdout.write(msg),
        )
