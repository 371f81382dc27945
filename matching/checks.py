"""System checks of the matching app."""

from __future__ import annotations

from django.core import checks

from matching.word_vectors import get_word_vectors, word_vectors_path


@checks.register()
def word_vectors_check(app_configs=None, **kwargs):
    """matching.W001: the word vectors file is missing or unreadable, so every
    score leaves out the meaning component."""
    if get_word_vectors() is not None:
        return []
    path = word_vectors_path()
    problem = "unreadable" if path.is_file() else "missing"
    return [
        checks.Warning(
            f"The word vectors file {path} is {problem}: match scores leave out "
            "their meaning component.",
            hint="Run `make install` (it builds the file), or set "
            "MATCHING_WORD_VECTORS to where it is.",
            id="matching.W001",
        )
    ]
