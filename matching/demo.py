"""Demo data: the taxonomy is loaded by migration; re-sync it in case the file moved on."""

from matching.services import taxonomy_load


def seed(*, options, log):
    taxonomy_load(log=log)
