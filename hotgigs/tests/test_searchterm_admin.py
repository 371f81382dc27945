"""Admin for the search vocabularies: staff read and delete terms,
nobody adds them by hand (the daily refresh builds them)."""

import pytest

from hotgigs.models import SearchTerm
from hotgigs.search import replace_vocabulary

LIST = "/admin/hotgigs/searchterm/"


@pytest.fixture
def terms(db):
    replace_vocabulary(
        scope="jobs", kind="word", counts={"python": 9, "pytorch": 3, "java": 5}
    )
    return SearchTerm.objects.get(term="python")


def test_staff_search_the_vocabulary(client, sam, terms):
    client.force_login(sam)
    response = client.get(LIST, {"q": "pyt"})
    assert response.status_code == 200
    shown = [row.term for row in response.context["cl"].result_list]
    assert shown == ["python", "pytorch"]


def test_staff_cannot_add_but_can_delete(client, sam, terms):
    client.force_login(sam)
    assert client.get(LIST + "add/").status_code == 403
    response = client.post(LIST + f"{terms.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not SearchTerm.objects.filter(pk=terms.pk).exists()


@pytest.mark.parametrize("who", ["olivia", "alice"])
def test_non_staff_are_sent_to_the_admin_login(client, who, request, terms):
    client.force_login(request.getfixturevalue(who))
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_anonymous_are_sent_to_the_admin_login(client, terms):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
