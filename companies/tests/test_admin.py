import pytest

from companies.models import Company

pytestmark = pytest.mark.django_db


def test_staff_searches_and_filters_companies(client, sam, acme, globex, agency):
    client.force_login(sam)

    response = client.get("/admin/companies/company/?q=glob")
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [globex]

    response = client.get("/admin/companies/company/?kind__exact=agency")
    assert list(response.context["cl"].result_list) == [agency]


def test_verify_action_calls_the_service(client, sam, acme, globex):
    client.force_login(sam)

    response = client.post(
        "/admin/companies/company/",
        {"action": "verify", "_selected_action": [acme.pk, globex.pk]},
    )

    assert response.status_code == 302
    assert sorted(
        Company.objects.filter(is_verified=True).values_list("slug", flat=True)
    ) == [
        "acme",
        "globex",
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/admin/companies/company/{acme}/change/",
        "/admin/companies/membership/",
        "/admin/companies/invitation/",
        "/admin/companies/invitation/?accepted_at__isempty=1",
    ],
)
def test_admin_pages_render(client, sam, acme, path):
    client.force_login(sam)

    assert client.get(path.format(acme=acme.pk)).status_code == 200
