import datetime

import factory
from django.utils import timezone

from jobs.models import (
    EmploymentType,
    ExperienceLevel,
    Job,
    JobSkill,
    JobStatus,
    RemotePolicy,
    SalaryPeriod,
    yearly,
)


class JobFactory(factory.django.DjangoModelFactory):
    """A complete job; ``JobFactory(published=True)`` makes it public.

    Factories write rows directly (no service): call
    ``jobs.services.refresh_search_vectors()`` when a test searches text on
    PostgreSQL.
    """

    class Meta:
        model = Job
        django_get_or_create = ("slug",)

    class Params:
        published = factory.Trait(
            status=JobStatus.PUBLISHED,
            published_at=factory.LazyFunction(
                lambda: timezone.now() - datetime.timedelta(days=1)
            ),
        )

    company = factory.SubFactory("companies.tests.factories.CompanyFactory")
    title = factory.Sequence(lambda n: f"Job {n}")
    slug = factory.Sequence(lambda n: f"job-{n}")
    description = "<p>A job.</p>"
    employment_type = EmploymentType.FULL_TIME
    experience_level = ExperienceLevel.MID
    city = "Berlin"
    country = "DE"
    remote_policy = RemotePolicy.HYBRID
    status = JobStatus.DRAFT
    salary_min = None
    salary_max = None
    salary_currency = ""
    salary_period = SalaryPeriod.YEAR
    salary_min_yearly = factory.LazyAttribute(
        lambda o: yearly(o.salary_min, o.salary_period)
    )
    salary_max_yearly = factory.LazyAttribute(
        lambda o: yearly(o.salary_max, o.salary_period)
    )


class JobSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobSkill

    job = factory.SubFactory(JobFactory)
    skill = factory.SubFactory("matching.tests.factories.SkillFactory")
    is_required = True
