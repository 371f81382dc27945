"""Validators for profile links (used by the model, so forms and the API share them)."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible


@deconstructible
class HostValidator:
    """The URL's host must be `domain` or a subdomain of it (www.github.com)."""

    def __init__(self, domain, label):
        self.domain = domain
        self.label = label

    def __call__(self, value):
        host = (urlsplit(value).hostname or "").lower()
        if host != self.domain and not host.endswith("." + self.domain):
            raise ValidationError(
                f"Enter a {self.label} address ({self.domain}).", code="host"
            )

    def __eq__(self, other):
        return (
            isinstance(other, HostValidator)
            and self.domain == other.domain
            and self.label == other.label
        )


validate_github = HostValidator("github.com", "GitHub")
validate_linkedin = HostValidator("linkedin.com", "LinkedIn")
