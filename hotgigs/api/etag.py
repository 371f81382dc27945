"""ETag / If-None-Match for GET responses.

Django's ConditionalGetMiddleware computes a weak ETag from the body of every
GET response that has none and answers 304 when it matches; this subclass
leaves streamed responses and error responses alone.
"""

from django.middleware.http import ConditionalGetMiddleware as DjangoConditionalGet
from django.utils.cache import get_conditional_response, set_response_etag


class ConditionalGetMiddleware(DjangoConditionalGet):
    def process_response(self, request, response):
        if request.method != "GET" or response.streaming:
            return response
        if response.status_code != 200:
            return response
        if not response.has_header("ETag"):
            set_response_etag(response)
        etag = response.get("ETag")
        return (
            get_conditional_response(request, etag=etag, response=response) or response
        )
