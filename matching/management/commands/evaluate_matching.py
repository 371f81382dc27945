from django.core.management.base import BaseCommand

from matching.evaluation import SETS, evaluate_by_field, load_set

METRICS = (("ndcg@10", "nDCG@10"), ("p@10", "P@10"), ("mrr", "MRR"), ("map", "MAP"))


class Command(BaseCommand):
    help = (
        "Score a labelled set with the engine, BM25 and a skill-overlap baseline: "
        "nDCG@10, P@10, MRR and MAP, overall and per field."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--set",
            choices=sorted(SETS),
            default="team",
            help="team: matching/data/evaluation; onet: the O*NET-generated set",
        )
        parser.add_argument(
            "--split",
            choices=["all", "tuning", "heldout"],
            default="all",
            help="the tuning or the held-out candidates (the team set: every other "
            "candidate of each archetype)",
        )

    def handle(self, *args, **options):
        data = load_set(SETS[options["set"]], split=options["split"])
        results = evaluate_by_field(data)
        self.stdout.write(
            f"{options['set']} set ({options['split']}): {len(data.candidates)} "
            f"candidates × {len(data.jobs)} jobs, grades 0–3"
        )
        self.stdout.write(
            f"{'ranker':<10}{'field':<13}{'n':>4}"
            + "".join(f"{label:>9}" for _, label in METRICS)
        )
        for ranker, groups in results.items():
            for group in ["all", *sorted(g for g in groups if g != "all")]:
                metrics = groups[group]
                self.stdout.write(
                    f"{ranker:<10}{group:<13}{metrics['n']:>4}"
                    + "".join(f"{metrics[key]:>9.3f}" for key, _ in METRICS)
                )
