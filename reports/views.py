"""Report pages: request a PDF, follow its status, download it, list them."""

from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from circles.services.registrations import CancelLinkExpired, CancelLinkInvalid, registration_from_cancel_token
from leerkring.core.dataaccess import Kind, data_access_record
from leerkring.core.http import AuthenticatedHttpRequest
from reports import certificates as certificate_services
from reports import period_reports, services
from reports.access import (
    circle_certificates_for_user,
    circle_to_report,
    may_change_certificates,
    may_request_reports,
    period_report_for_user,
    public_summary_session,
    report_for_user,
    reports_visible_to,
    require_period_reports,
    require_reports_index,
    session_to_summarise,
)
from reports.downloads import report_filename
from reports.forms import CertificateRevokeForm, ProgrammeFolderForm
from reports.models import Certificate, PeriodReport, ProgrammeFolder, Report, verification_code_normalised
from reports.selectors import programme_circles

PAGE_SIZE = 25
CERTIFICATES_PAGE_SIZE = 50


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_reports_index(request.user)
    reports = reports_visible_to(request.user).select_related("circle", "session", "requested_by")
    page = Paginator(reports.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "reports/index.html", {"page": page, "this_year": timezone.localdate().year})


def back_to(request: HttpRequest) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return HttpResponseRedirect(target)
    return redirect("reports:index")


def after_request(request: HttpRequest, report: Report, reused: bool) -> HttpResponseRedirect:
    if reused and report.is_failed:
        messages.warning(
            request,
            _(
                "Met deze inhoud is het maken van de PDF eerder mislukt; hieronder staat waarom. Kies "
                "„Opnieuw proberen” als u het nog eens wilt proberen."
            ),
        )
    elif reused and report.is_done:
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
@require_POST
def retry(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """ "Opnieuw proberen" on a failed report's page: a new attempt at the same subject."""
    failed = report_for_user(request.user, code)
    require_reports_index(request.user)
    if not failed.is_failed:
        return redirect("reports:detail", code=failed.code)
    if failed.is_session_summary and getattr(failed.session, "outcome", None) is None:
        messages.error(request, _("Deze bijeenkomst heeft geen verslag meer, dus er is niets samen te vatten."))
        return redirect("reports:detail", code=failed.code)
    report, reused = services.report_request(
        kind=failed.kind,
        circle=failed.circle,
        session=failed.session,
        user=request.user,
        language=failed.language,
        retry=True,
    )
    return after_request(request, report, reused)


def _status_context(request: AuthenticatedHttpRequest, report: Report | PeriodReport) -> dict[str, object]:
    prefix = "reports:period_" if isinstance(report, PeriodReport) else "reports:"
    return {
        "report": report,
        "status_url": reverse(f"{prefix}status", args=[report.code]),
        "download_url": reverse(f"{prefix}download", args=[report.code]),
        "may_request": isinstance(report, Report) and may_request_reports(request.user),
    }


def _status_json(request: AuthenticatedHttpRequest, report: Report | PeriodReport) -> JsonResponse:
    """What report-status.js puts in the page's live region while the PDF is on its way."""
    html = render_to_string("reports/_report_status.html", _status_context(request, report), request=request)
    response = JsonResponse({"status": report.status, "pending": report.is_pending, "html": html})
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def detail(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    report = report_for_user(request.user, code)
    return render(request, "reports/detail.html", _status_context(request, report))


@login_required
def status(request: AuthenticatedHttpRequest, code: UUID) -> JsonResponse:
    return _status_json(request, report_for_user(request.user, code))


@login_required
def download(request: AuthenticatedHttpRequest, code: UUID) -> FileResponse:
    report = report_for_user(request.user, code)
    if not report.is_done or not services.report_file_exists(report):
        raise Http404
    if report.holds_names:
        data_access_record(user=request.user, kind=Kind.PDF_WITH_NAMES, obj=report, object_repr=str(report))
    response = FileResponse(
        report.file.open("rb"), as_attachment=True, filename=report_filename(report), content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response


# Proofs of participation (deelnamebewijzen) ---------------------------------------------------


@login_required
def certificates(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    circle = circle_certificates_for_user(request.user, code)
    data_access_record(user=request.user, kind=Kind.CERTIFICATES_VIEWED, obj=circle)
    participations = certificate_services.circle_participations(circle)
    page = Paginator(participations, CERTIFICATES_PAGE_SIZE).get_page(request.GET.get("pagina"))
    earned = [p for p in participations if p.meets_threshold and p.latest_certificate is None]
    context = {
        "circle": circle,
        "page": page,
        "earned_count": len(earned),
        "session_count": participations[0].total if participations else circle.sessions.count(),
        "may_change": may_change_certificates(request.user),
        "revoke_form": CertificateRevokeForm(),
    }
    return render(request, "reports/certificates.html", context)


@login_required
@require_POST
def certificates_issue_earned(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    circle = circle_certificates_for_user(request.user, code, change=True)
    issued = certificate_services.certificates_issue_earned(circle=circle)
    messages.success(
        request,
        ngettext(
            "%(count)d deelnamebewijs uitgegeven; de PDF wordt gemaakt.",
            "%(count)d deelnamebewijzen uitgegeven; de PDF's worden gemaakt.",
            len(issued),
        )
        % {"count": len(issued)},
    )
    return redirect("reports:certificates", code=circle.code)


@login_required
@require_POST
def certificate_issue(request: AuthenticatedHttpRequest, code: UUID, registration_code: UUID) -> HttpResponse:
    circle = circle_certificates_for_user(request.user, code, change=True)
    registration = get_object_or_404(circle.registrations, code=registration_code)
    try:
        certificate_services.certificate_issue(registration=registration, by=request.user)
    except certificate_services.CertificateRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("Deelnamebewijs uitgegeven aan %(name)s; de PDF wordt gemaakt.") % {"name": registration.full_name},
        )
    return redirect("reports:certificates", code=circle.code)


@login_required
@require_POST
def certificate_revoke(request: AuthenticatedHttpRequest, code: UUID, certificate_code: str) -> HttpResponse:
    circle = circle_certificates_for_user(request.user, code, change=True)
    certificate = get_object_or_404(Certificate, code=certificate_code, registration__circle=circle)
    form = CertificateRevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vul in waarom u dit deelnamebewijs intrekt."))
    elif certificate_services.certificate_revoke(
        certificate=certificate, by=request.user, reason=form.cleaned_data["reason"]
    ):
        messages.success(
            request,
            _("Het deelnamebewijs van %(name)s is ingetrokken; de controlecode is niet meer geldig.")
            % {"name": certificate.registration.full_name},
        )
    return redirect("reports:certificates", code=circle.code)


@login_required
@require_POST
def reflection_request(request: AuthenticatedHttpRequest, code: UUID, registration_code: UUID) -> HttpResponse:
    circle = circle_certificates_for_user(request.user, code, change=True)
    registration = get_object_or_404(circle.registrations, code=registration_code)
    try:
        report = certificate_services.reflection_request_pdf(registration=registration, user=request.user)
    except certificate_services.CertificateRefused as refused:
        messages.error(request, str(refused))
        return redirect("reports:certificates", code=circle.code)
    return redirect("reports:detail", code=report.code)


def verify(request: HttpRequest, code: str = "") -> HttpResponse:
    """Public: whether a certificate is genuine. Initials, circle, period and hours; nothing more."""
    typed = code or request.GET.get("code", "")
    normalised = verification_code_normalised(typed)
    if not code and normalised:
        return redirect("certificates:verify", code=normalised)
    if code and normalised != code:
        return redirect("certificates:verify", code=normalised)
    certificate = Certificate.objects.filter(code=normalised).first() if normalised else None
    status = 200 if certificate is not None and certificate.is_valid else 404
    context = {"certificate": certificate, "asked": bool(normalised), "typed": typed}
    response = render(request, "reports/verify.html", context, status=status if normalised else 200)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _period(value: str) -> int | None:
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else None


@login_required
@require_POST
def request_signals(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_period_reports(request.user)
    period = _period(request.POST.get("periode", ""))
    if period is None:
        messages.error(request, _("Kies een periode (een jaar) voor de PDF."))
        return redirect("sessions:signals")
    report = period_reports.period_report_request(kind=PeriodReport.Kind.SIGNALS, period=period, user=request.user)
    return redirect("reports:period_detail", code=report.code)


@login_required
def period_detail(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    report = period_report_for_user(request.user, code)
    return render(request, "reports/period_detail.html", _status_context(request, report))


@login_required
def period_status(request: AuthenticatedHttpRequest, code: UUID) -> JsonResponse:
    return _status_json(request, period_report_for_user(request.user, code))


@login_required
def period_download(request: AuthenticatedHttpRequest, code: UUID) -> FileResponse:
    report = period_report_for_user(request.user, code)
    if not report.is_done or not report.file.storage.exists(report.file.name or ""):
        raise Http404
    filename = f"{slugify(report.get_kind_display())}-{report.period}.pdf"
    response = FileResponse(
        report.file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response


def mine_certificate(request: HttpRequest, token: str) -> FileResponse:
    """The participant's own certificate PDF, through the personal link of their mails."""
    try:
        registration = registration_from_cancel_token(token, today=timezone.localdate(), after_end=True)
    except (CancelLinkExpired, CancelLinkInvalid):
        raise Http404 from None
    certificate = registration.certificates.filter(status=Certificate.Status.ISSUED).first()
    report = certificate.reports.filter(status=Report.Status.DONE).first() if certificate else None
    if report is None or not services.report_file_exists(report):
        raise Http404
    response = FileResponse(
        report.file.open("rb"), as_attachment=True, filename=report_filename(report), content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response


# The programme folder per period ----------------------------------------------------------------


@login_required
def programme(request: AuthenticatedHttpRequest, period: int) -> HttpResponse:
    """Staff write the folder's introduction for a year and have the worker make its PDF."""
    require_period_reports(request.user)
    if _period(str(period)) is None:
        raise Http404
    folder = ProgrammeFolder.objects.filter(period=period).first() or ProgrammeFolder(period=period)
    form = ProgrammeFolderForm(request.POST or None, instance=folder)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.updated_by = request.user
        saved.save()
        if "pdf" in request.POST:
            report = period_reports.period_report_request(
                kind=PeriodReport.Kind.PROGRAMME, period=period, user=request.user
            )
            return redirect("reports:period_detail", code=report.code)
        messages.success(request, _("De inleiding is opgeslagen."))
        return redirect("reports:programme", period=period)
    context = {
        "form": form,
        "period": period,
        "circles": list(programme_circles(period).only("name", "code", "status", "start_date", "end_date")),
        "latest": _latest_programme(period),
    }
    return render(request, "reports/programme.html", context)


def _latest_programme(period: int) -> PeriodReport | None:
    done = PeriodReport.objects.filter(kind=PeriodReport.Kind.PROGRAMME, period=period, status=PeriodReport.Status.DONE)
    return done.exclude(file="").order_by("-finished_at", "-pk").first()


def programme_public_pdf(request: HttpRequest, period: int) -> FileResponse:
    """Public: the latest programme folder of a year, for the catalogue. It names only circles that
    were announced and facilitators who agreed to be named in public."""
    report = _latest_programme(period)
    if report is None or not report.file.storage.exists(report.file.name or ""):
        raise Http404
    response = FileResponse(
        report.file.open("rb"), filename=f"leerkringen-{period}.pdf", content_type="application/pdf"
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


def public_summary_pdf(request: HttpRequest, code: UUID) -> HttpResponse | FileResponse:
    """Public: the PDF of an openbaar verslag, made from what its public page shows. Made once per
    content and language by the worker; until it is ready, a page that reloads itself says so."""
    session = public_summary_session(code)
    language = translation.get_language() or settings.LANGUAGE_CODE
    report = services.report_request_public(session=session, language=language)
    report.refresh_from_db()  # rendered in-process already when no broker is configured
    if report.is_done and services.report_file_exists(report):
        response = FileResponse(
            report.file.open("rb"), filename=report_filename(report), content_type="application/pdf"
        )
        response["Cache-Control"] = "public, max-age=300"
        return response
    context = {"session": session, "circle": session.circle, "failed": report.is_failed}
    return render(request, "reports/public_summary_pending.html", context, status=503 if report.is_failed else 202)
