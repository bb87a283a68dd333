"""Report pages: request a PDF, follow its status, download it, list them."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from leerkring.core.http import AuthenticatedHttpRequest
from reports import services
from reports.access import (
    circle_to_report,
    may_request_reports,
    report_for_user,
    reports_visible_to,
    require_reports_index,
    session_to_summarise,
)
from reports.downloads import report_filename
from reports.models import Report

PAGE_SIZE = 25
REFRESH_SECONDS = 2


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_reports_index(request.user)
    reports = reports_visible_to(request.user).select_related("circle", "session", "requested_by")
    page = Paginator(reports.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "reports/index.html", {"page": page})


def back_to(request: HttpRequest) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return HttpResponseRedirect(target)
    return redirect("reports:index")


def after_request(request: HttpRequest, report: Report, reused: bool) -> HttpResponseRedirect:
    if reused and report.is_done:
        messages.info(request, _("De inhoud is niet veranderd sinds de vorige PDF; u krijgt die PDF."))
    elif reused:
        messages.info(request, _("Deze PDF wordt al gemaakt."))
    return redirect("reports:detail", code=report.code)


@login_required
@require_POST
def request_circle_report(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    circle = circle_to_report(request.user, code)
    report, reused = services.report_request(kind=Report.Kind.CIRCLE_REPORT, circle=circle, user=request.user)
    return after_request(request, report, reused)


@login_required
@require_POST
def request_session_summary(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    session = session_to_summarise(request.user, code)
    if getattr(session, "outcome", None) is None:
        messages.error(request, _("Deze bijeenkomst heeft nog geen verslag, dus er is nog niets samen te vatten."))
        return back_to(request)
    report, reused = services.report_request(
        kind=Report.Kind.SESSION_SUMMARY, circle=session.circle, session=session, user=request.user
    )
    return after_request(request, report, reused)


@login_required
def detail(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    report = report_for_user(request.user, code)
    context = {
        "report": report,
        "refresh_seconds": REFRESH_SECONDS if report.is_pending else None,
        "may_request": may_request_reports(request.user),
    }
    return render(request, "reports/detail.html", context)


@login_required
def download(request: AuthenticatedHttpRequest, code: UUID) -> FileResponse:
    report = report_for_user(request.user, code)
    if not report.is_done or not services.report_file_exists(report):
        raise Http404
    response = FileResponse(
        report.file.open("rb"), as_attachment=True, filename=report_filename(report), content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response
