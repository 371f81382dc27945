"""Document bytes in a private S3 bucket (or an S3-compatible store such as MinIO),
through django-storages.

`PrivateS3Storage` pins what keeps the bucket private whatever the settings say:
no public ACL on any object, every URL signed (SigV4) and never a custom domain
(django-storages gives unsigned URLs there). `signed_download_url()` is what the
download views redirect to: a GET URL that expires quickly and makes S3 answer
with our Content-Disposition, Content-Type and Cache-Control.

The filesystem storage has no such method: `documents.downloads` streams (or hands
to nginx) what it cannot redirect to.
"""

from django.core.exceptions import ImproperlyConfigured
from storages.backends.s3 import S3Storage

# None sends no ACL: objects are private (owner only), and buckets with ACLs
# disabled (S3's default since 2023) refuse any other value, "private" included.
PRIVATE_ACLS = (None, "private", "bucket-owner-full-control")
# SigV4 presigned URLs live at most seven days.
MAX_EXPIRE_SECONDS = 7 * 24 * 3600


class PrivateS3Storage(S3Storage):
    default_acl = None
    querystring_auth = True
    custom_domain = None
    # SigV2 (botocore's default for presigning) has no X-Amz-Expires and is retired.
    signature_version = "s3v4"
    # Names are random (uuid4) and never reused: overwriting saves a HEAD per upload.
    file_overwrite = True

    def __init__(self, **settings):
        super().__init__(**settings)
        if self.default_acl not in PRIVATE_ACLS:
            raise ImproperlyConfigured(
                f"Documents must stay private: ACL {self.default_acl!r} is refused."
            )
        if not self.querystring_auth or self.custom_domain:
            raise ImproperlyConfigured(
                "Document URLs must be signed: querystring_auth on, no custom_domain."
            )

    def signed_download_url(
        self, name: str, *, content_disposition: str, content_type: str, expire: int
    ) -> str:
        """A presigned GET for `name`, valid `expire` seconds, whose response
        carries these headers (S3 honours `response-*` only on signed requests)."""
        if not 0 < expire <= MAX_EXPIRE_SECONDS:
            raise ImproperlyConfigured(
                f"A signed URL lives 1 to {MAX_EXPIRE_SECONDS} seconds, not {expire}."
            )
        return self.url(
            name,
            parameters={
                "ResponseContentDisposition": content_disposition,
                "ResponseContentType": content_type,
                "ResponseCacheControl": "private, no-store",
            },
            expire=expire,
        )
