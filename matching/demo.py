"""Demo data: the taxonomy comes by migration; re-sync it with the data files
(the curated skills, then the O*NET occupations, tools and relations from
`settings.MATCHING_OCCUPATIONS_FILE`)."""

from django.conf import settings

from matching.services import occupations_load, occupations_read_file, taxonomy_load


def seed(*, options, log):
    taxonomy_load(log=log)
    occupations_load(
        data=occupations_read_file(settings.MATCHING_OCCUPATIONS_FILE), log=log
    )
