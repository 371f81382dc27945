import factory

from companies.models import Company, CompanyKind, Membership, MembershipRole


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Company {n}")
    slug = factory.Sequence(lambda n: f"company-{n}")
    kind = CompanyKind.EMPLOYER
    hq_country = "DE"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    company = factory.SubFactory(CompanyFactory)
    user = factory.SubFactory("accounts.tests.factories.UserFactory")
    role = MembershipRole.MEMBER
