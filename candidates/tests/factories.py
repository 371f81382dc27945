import factory

from accounts.tests.factories import UserFactory
from candidates.models import CandidateProfile, Visibility


class CandidateProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateProfile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
    headline = "Developer"
    visibility = Visibility.PUBLIC


def make_profile(user=None, *, skills=(), titles=(), **fields):
    """A profile saved through the services, so search data is maintained."""
    from datetime import date

    from candidates import services

    user = user or UserFactory()
    profile = services.profile_get_or_create(user=user)
    fields.setdefault("visibility", Visibility.PUBLIC)
    for name, value in fields.items():
        setattr(profile, name, value)
    services.profile_save(profile=profile)
    for name in skills:
        services.candidate_skill_save(profile=profile, name=name, level=3, years=1)
    for title in titles:
        profile.experience.create(
            title=title, employer_name="Initech", start_date=date(2020, 1, 1)
        )
    services.profile_changed(profile=profile)
    profile.refresh_from_db()
    return profile
