"""Analytics API: the same plain data as the insights pages."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from analytics.forms import DateRangeForm
from analytics.permissions import IsStaff
from analytics.reports.employer import company_report
from analytics.reports.platform import platform_report
from analytics.selectors import dashboard_for_user, job_for_analytics
from hotgigs.api.schema import errors

RANGE_PARAMETERS = [
    OpenApiParameter(
        "since", OpenApiTypes.DATE, description="First day (default: 12 weeks ago)."
    ),
    OpenApiParameter(
        "until", OpenApiTypes.DATE, description="Last day (default: today)."
    ),
]


def _range(request):
    form = DateRangeForm(request.query_params)
    if not form.is_valid():
        errors = {
            ("non_field_errors" if field == "__all__" else field): messages
            for field, messages in form.errors.items()
        }
        raise ValidationError(errors)
    return form.cleaned_data


class DashboardView(APIView):
    @extend_schema(
        summary="The requesting user's dashboard, by role",
        parameters=RANGE_PARAMETERS
        + [
            OpenApiParameter(
                "job", OpenApiTypes.INT, description="Employers: one job."
            ),
            OpenApiParameter(
                "company", OpenApiTypes.STR, description="Employers: company slug."
            ),
        ],
        responses={
            200: OpenApiTypes.OBJECT,
            **errors(not_found="The job or company is not one of yours."),
        },
    )
    def get(self, request):
        data = _range(request)
        role, dashboard = dashboard_for_user(
            request.user,
            since=data["since"],
            until=data["until"],
            job_id=data.get("job"),
            company_slug=request.query_params.get("company") or None,
        )
        return Response({"role": role, "data": dashboard})


class JobAnalyticsView(APIView):
    @extend_schema(
        summary="One job's funnel and performance (members of its company)",
        parameters=RANGE_PARAMETERS,
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request, pk):
        data = _range(request)
        # Http404 for outsiders: DRF answers it in the shared error shape.
        job = job_for_analytics(request.user, pk)
        report = company_report(
            company_id=job.company_id,
            since=data["since"],
            until=data["until"],
            job_id=job.pk,
        )
        return Response({"job": {"id": job.pk, "title": job.title}, **report})


class PlatformView(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="Platform statistics (staff only)",
        parameters=RANGE_PARAMETERS,
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        data = _range(request)
        return Response(platform_report(since=data["since"], until=data["until"]))
