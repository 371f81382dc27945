from django.core.management.base import BaseCommand

from jobs.ranking.services import CORPUS_SAMPLE, text_corpus_refresh
from matching.services import CORPUS_TERMS


class Command(BaseCommand):
    help = (
        "Recompute the document frequencies the text component weighs terms by, "
        "from the newest published jobs (also a daily beat task)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sample", type=int, default=CORPUS_SAMPLE)
        parser.add_argument("--terms", type=int, default=CORPUS_TERMS)

    def handle(self, *args, **options):
        row = text_corpus_refresh(sample=options["sample"], top_terms=options["terms"])
        self.stdout.write(
            f"text corpus {row.pk}: {row.doc_count} jobs, {len(row.doc_freq)} terms, "
            f"{row.avg_len:.1f} terms per job on average"
        )
