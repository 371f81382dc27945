from django.core.management.base import BaseCommand

from matching.evaluation import evaluate, load_set


class Command(BaseCommand):
    help = "Score the labelled set (matching/data/evaluation) with the engine and BM25."

    def handle(self, *args, **options):
        data = load_set()
        results = evaluate(data)
        self.stdout.write(
            f"{len(data.candidates)} candidates × {len(data.jobs)} jobs, "
            "grades 0–3 (see matching/data/evaluation/README.md)"
        )
        self.stdout.write(f"{'ranker':<10}{'nDCG@10':>10}{'MAP':>10}")
        for name, metrics in results.items():
            self.stdout.write(
                f"{name:<10}{metrics['ndcg@10']:>10.3f}{metrics['map']:>10.3f}"
            )
