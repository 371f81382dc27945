from django.core.management.base import BaseCommand, CommandError

from matching.services import OCCUPATIONS_FILE, occupations_load, occupations_read_file


class Command(BaseCommand):
    help = (
        "Load (or update) the labour-market taxonomy: occupations, their titles, "
        "tools and occupation-skill relations from matching/data/occupations.json.gz "
        "(O*NET, CC BY 4.0). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(OCCUPATIONS_FILE))

    def handle(self, *args, **options):
        try:
            data = occupations_read_file(options["file"])
        except (OSError, ValueError) as exc:
            raise CommandError(f"cannot read {options['file']}: {exc}") from exc
        occupations_load(data=data, log=lambda msg: self.stdout.write(msg))
