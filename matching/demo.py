"""Demo data: the taxonomy comes by migration; re-sync it with the data file."""

from matching.services import taxonomy_load


def seed(*, options, log):
    taxonomy_load(log=log)
