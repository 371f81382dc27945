"""Saved candidate searches are made and renamed by services (the page and the
API call the same ones): a taken name is a Conflict, whatever the caller."""

import pytest

from candidates import services
from candidates.models import SavedCandidateSearch
from hotgigs.errors import Conflict

pytestmark = pytest.mark.django_db


def test_create_then_a_taken_name_is_a_conflict(olivia):
    saved = services.saved_search_create(
        owner=olivia, name="Pythonistas", params={"q": "python"}
    )
    assert (saved.owner, saved.name, saved.params) == (
        olivia,
        "Pythonistas",
        {"q": "python"},
    )
    with pytest.raises(Conflict) as info:
        services.saved_search_create(owner=olivia, name="Pythonistas", params={})
    assert str(info.value) == "You already have a saved search with this name."
    assert SavedCandidateSearch.objects.filter(owner=olivia).count() == 1


def test_another_owner_may_use_the_same_name(olivia, eve):
    services.saved_search_create(owner=olivia, name="Go", params={})
    other = services.saved_search_create(owner=eve, name="Go", params={})
    assert other.owner == eve


def test_update_renames_and_refuses_a_taken_name(olivia):
    first = services.saved_search_create(owner=olivia, name="One", params={})
    second = services.saved_search_create(owner=olivia, name="Two", params={})

    services.saved_search_update(saved=second, params={"q": "rust"})
    second.refresh_from_db()
    assert (second.name, second.params) == ("Two", {"q": "rust"})

    with pytest.raises(Conflict):
        services.saved_search_update(saved=second, name="One")
    assert SavedCandidateSearch.objects.get(pk=second.pk).name == "Two"
    assert SavedCandidateSearch.objects.get(pk=first.pk).name == "One"
