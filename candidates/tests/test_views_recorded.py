from datetime import timedelta

from django.test import Client
from django.utils import timezone

from candidates.models import ProfileView
from candidates.selectors import profile_views_companies_count
from candidates.tests.factories import make_profile


def test_profile_view_recorded_once_per_viewer_per_day(
    alice, olivia, tom, rita, acme, agency, api_as
):
    profile = make_profile(alice)
    for user in (olivia, olivia, tom, rita):
        assert api_as(user).get(f"/api/v1/candidates/{profile.pk}/").status_code == 200
    page = Client()
    page.force_login(olivia)
    page.get(f"/candidates/{profile.pk}/")
    assert ProfileView.objects.filter(profile=profile).count() == 3
    # olivia and tom are both Acme: two companies.
    assert profile_views_companies_count(profile=profile) == 2


def test_owner_and_anonymous_views_not_recorded(alice, api, api_as):
    profile = make_profile(alice)
    api_as(alice).get(f"/api/v1/candidates/{profile.pk}/")
    api.get(f"/api/v1/candidates/{profile.pk}/")
    assert ProfileView.objects.count() == 0


def test_old_views_fall_out_of_the_30_days(alice, olivia, acme):
    profile = make_profile(alice)
    ProfileView.objects.create(
        profile=profile,
        viewer=olivia,
        viewer_company=acme,
        day=timezone.localdate() - timedelta(days=30),
    )
    assert profile_views_companies_count(profile=profile) == 0


def test_profile_page_shows_companies_viewed(alice, olivia, acme):
    profile = make_profile(alice)
    ProfileView.objects.create(
        profile=profile, viewer=olivia, viewer_company=acme, day=timezone.localdate()
    )
    page = Client()
    page.force_login(alice)
    html = page.get("/profile/").content.decode()
    assert "1 company viewed your profile in the last 30 days" in html
