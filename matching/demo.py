"""Demo data: the taxonomy comes by migration; re-sync it with the data files
(the curated skills, then the O*NET occupations, tools and relations)."""

from matching.services import occupations_load, taxonomy_load


def seed(*, options, log):
    taxonomy_load(log=log)
    occupations_load(log=log)
