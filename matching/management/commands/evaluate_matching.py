from django.core.management.base import BaseCommand, CommandError

from matching.data.evaluation_real.build_real_set import SourceError
from matching.evaluation import SET_NAMES, evaluate_by_field, load_named_set

METRICS = (("ndcg@10", "nDCG@10"), ("p@10", "P@10"), ("mrr", "MRR"), ("map", "MAP"))


class Command(BaseCommand):
    help = (
        "Score a labelled set with the engine, BM25 and a skill-overlap baseline: "
        "nDCG@10, P@10, MRR and MAP, overall and per field."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--set",
            choices=SET_NAMES,
            default="team",
            help="team: matching/data/evaluation; onet: the O*NET-generated set; "
            "real: NYC job postings (needs the source file, see "
            "matching/data/evaluation_real/README.md); resumes: real resumes "
            "against the NYC postings (needs both files, see "
            "matching/data/evaluation_resumes/README.md)",
        )
        parser.add_argument(
            "--split",
            choices=["all", "tuning", "heldout"],
            default="all",
            help="the tuning or the held-out candidates (the team set: every other "
            "candidate of each archetype; the real set: by civil service title; "
            "the resume set is all held out)",
        )

    def handle(self, *args, **options):
        try:
            data = load_named_set(options["set"], split=options["split"])
        except (FileNotFoundError, SourceError) as error:
            raise CommandError(str(error)) from error
        if not data.candidates:
            raise CommandError(
                f"the {options['set']} set has no {options['split']} candidates"
            )
        results = evaluate_by_field(data)
        top = max(g for row in data.grades.values() for g in row.values())
        self.stdout.write(
            f"{options['set']} set ({options['split']}): {len(data.candidates)} "
            f"candidates × {len(data.jobs)} jobs, grades 0–{top}"
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
