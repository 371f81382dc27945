import pytest

from matching.models import Skill, SkillAlias
from matching.skills import normalize_skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        email="root@example.com", password="pw-12345-long"
    )
    client.force_login(user)
    return client


def test_skill_changelist_search_and_filter(admin_client):
    response = admin_client.get(
        "/admin/matching/skill/", {"q": "reactjs", "category__exact": "technology"}
    )

    assert response.status_code == 200
    assert b"React" in response.content


def test_skill_change_page_has_alias_and_related_inlines(admin_client):
    react = Skill.objects.get(slug="react")

    response = admin_client.get(f"/admin/matching/skill/{react.pk}/change/")

    assert response.status_code == 200
    assert b"aliases-TOTAL_FORMS" in response.content
    assert b"related_links-TOTAL_FORMS" in response.content


def test_adding_an_alias_in_admin_normalises_it_and_takes_effect(admin_client):
    python = Skill.objects.get(slug="python")

    response = admin_client.post(
        "/admin/matching/skillalias/add/", {"skill": python.pk, "text": "Snake Lang"}
    )

    assert response.status_code == 302
    assert SkillAlias.objects.get(alias="snakelang").text == "Snake Lang"
    assert normalize_skill("snake-lang") == "Python"


def test_admin_rejects_an_alias_owned_by_another_skill(admin_client):
    python = Skill.objects.get(slug="python")

    response = admin_client.post(
        "/admin/matching/skillalias/add/", {"skill": python.pk, "text": "React.JS"}
    )

    assert response.status_code == 200
    assert b"already belongs to React" in response.content
