from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"

    def ready(self):
        from matching import checks  # noqa: F401  (registers the system checks)

    def warm(self):
        """Build this process's taxonomy index, idf table, occupation index
        (2–3 s with the full O*NET titles) and word vectors before its first
        request (`hotgigs.warmup`), instead of during one."""
        from matching.occupations import get_occupation_index
        from matching.selectors import scoring_context

        scoring_context()
        get_occupation_index()
