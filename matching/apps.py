from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"

    def warm(self):
        """Build this process's taxonomy index and idf table before its first
        request (`hotgigs.warmup`), instead of during one."""
        from matching.selectors import scoring_context

        scoring_context()
