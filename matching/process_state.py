"""This process's taxonomy index, occupation index and idf table, dropped
together (tests: their rows are rolled back between tests while the version
tokens may stay the same)."""

from matching import corpus, occupations, skills


def forget_process_state() -> None:
    """Drop this process's taxonomy and occupation indexes and idf table."""
    skills._state.update(version=None, taxonomy=None)
    corpus._state.update(version=None, corpus=None)
    occupations._state.update(version=None, index=None)
