import pytest

from jobs.tests.applications.conftest import make_application
from jobs.tests.factories import JobFactory


@pytest.fixture
def acme_job(acme, olivia):
    return JobFactory(company=acme, posted_by=olivia, published=True, title="Backend")


@pytest.fixture
def alice_application(acme_job, alice):
    return make_application(acme_job, alice)
