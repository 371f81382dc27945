"""Demo documents: a generated PDF resume for the demo candidate."""

from django.core.files.base import ContentFile

from accounts.models import User
from documents.models import DocumentKind
from documents.pdf_writer import build_pdf
from documents.services import document_upload

DEMO_NAME = "Casey Candidate — resume"
RESUME_LINES = [
    "Casey Candidate",
    "Full-stack developer, Berlin (remote friendly)",
    "",
    "Skills: Python, Django, PostgreSQL, JavaScript, Docker",
    "Experience: 6 years building web applications",
    "2021-now  Senior developer, Example GmbH",
    "2018-2021 Developer, Sample Ltd",
    "Education: BSc Computer Science",
]


def seed(*, options, log):
    user = User.objects.filter(email="candidate@hotgigs.test").first()
    if user is None:
        log("documents: no demo candidate, skipped")
        return
    if user.documents.visible().filter(name=DEMO_NAME).exists():
        log("documents: demo resume already there")
        return
    document_upload(
        owner=user,
        file=ContentFile(build_pdf([RESUME_LINES]), name="casey-resume.pdf"),
        kind=DocumentKind.RESUME,
        name=DEMO_NAME,
    )
    log("documents: demo resume for candidate@hotgigs.test")
