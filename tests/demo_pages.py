"""Every page of every role on the demo data (seed_demo): what the page-wide browser tests visit."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from circles.models import Circle, Registration, Session
from circles.services.registrations import registration_cancel_token
from reports.models import PeriodReport, Report
from sessions.evaluation.models import Evaluation, EvaluationResponse
from sessions.evaluation.services import response_token
from sessions.models import Outcome, PolicySignal


def reports_in_each_state(circle: Circle) -> list[Report]:
    """A circle report waiting, being made, failed and done (its file a stand-in: only the page is checked)."""
    reports = [
        Report.objects.create(kind=Report.Kind.CIRCLE_REPORT, circle=circle, status=status, error=error)
        for status, error in [
            (Report.Status.QUEUED, ""),
            (Report.Status.RENDERING, ""),
            (Report.Status.FAILED, "De PDF kon niet worden gemaakt: de tijd was om."),
            (Report.Status.DONE, ""),
        ]
    ]
    reports[-1].file.save("rapport.pdf", ContentFile(b"%PDF-1.7"), save=False)
    reports[-1].finished_at = timezone.now()
    reports[-1].save()
    return reports


def evaluation_answer_path(registration: Registration) -> str:
    """The participant's evaluation page, still open for answers whether or not the circle has ended."""
    closes_on = timezone.localdate() + datetime.timedelta(days=30)
    Evaluation.objects.update_or_create(circle=registration.circle, defaults={"closes_on": closes_on})
    response, _created = EvaluationResponse.objects.get_or_create(
        registration=registration, kind=EvaluationResponse.Kind.EVALUATION, defaults={"invited_at": timezone.now()}
    )
    return f"/bijeenkomsten/evaluatie/{response_token(response)}/"


def public_outcome_session() -> Session:
    """The demo's openbaar verslag, which the public kennisbank shows."""
    return Outcome.objects.get(publication=Outcome.Publication.PUBLIC, status=Outcome.Status.ESTABLISHED).session


def pages_by_role() -> dict[str | None, list[str]]:
    circle = Circle.objects.get(name__startswith="Leerkring 1")
    concept = Circle.objects.get(status=Circle.Status.CONCEPT)
    established, concept_outcome = (Session.objects.get(circle=circle, number=number).code for number in (2, 3))
    period_report = PeriodReport.objects.create(kind=PeriodReport.Kind.SIGNALS, period=2026)
    registration = circle.registrations.order_by("pk").first()
    assert registration is not None
    signed_up, link = registration.code, registration_cancel_token(registration)
    return {
        None: [
            "/",
            f"/aanbod/{circle.code}/",
            "/privacy/",
            "/toegankelijkheid/",
            "/bouwstenen/",
            "/accounts/login/",
            "/controle/",
            "/kennisbank/openbaar/",
            "/mijn-aanmelding/",
            f"/mijn-aanmelding/{link}/",
            f"/mijn-aanmelding/{link}/gegevens/",
            f"/afmelden/{link}/",
            f"/kennisbank/openbaar/{public_outcome_session().code}/",
            evaluation_answer_path(registration),
        ],
        "projectleider": [
            "/leerkringen/",
            "/leerkringen/nieuw/",
            f"/leerkringen/{circle.code}/",
            f"/leerkringen/{concept.code}/",
            f"/leerkringen/{circle.code}/aanmeldingen/",
            f"/leerkringen/{circle.code}/aanmeldingen/nieuw/",
            f"/leerkringen/{circle.code}/wijzigen/",
            f"/leerkringen/{circle.code}/kopieren/",
            f"/leerkringen/{circle.code}/geschiedenis/",
            f"/bijeenkomsten/leerkring/{concept.code}/reeks/",
            f"/bijeenkomsten/{established}/wijzigen/",
            f"/bijeenkomsten/leerkring/{circle.code}/evaluatie/",
            f"/rapporten/leerkring/{circle.code}/deelnamebewijzen/",
            "/bijeenkomsten/acties/",
            "/bijeenkomsten/signalen/",
            f"/bijeenkomsten/signalen/{PolicySignal.objects.get().code}/",
            "/rapporten/programma/2026/",
            "/start/",
            "/mijn-gegevens/",
            "/kennisbank/",
            "/rapporten/",
            *(f"/rapporten/{report.code}/" for report in reports_in_each_state(circle)),
            f"/rapporten/periode/{period_report.code}/",
        ],
        "staf": [
            "/leerkringen/",
            f"/leerkringen/{circle.code}/",
            "/rapporten/",
            "/begeleiders/",
            "/begeleiders/begeleider/gegevens/",
            "/kennisbank/",
            "/bijeenkomsten/signalen/",
            "/avg/logboek/",
            "/avg/",
            f"/avg/aanmelding/{signed_up}/",
        ],
        "begeleider": [
            "/bijeenkomsten/mijn/",
            "/leerkringen/",
            f"/leerkringen/{circle.code}/",
            "/bijeenkomsten/acties/",
            "/kennisbank/",
            "/mijn-gegevens/",
            f"/bijeenkomsten/{concept_outcome}/verslag/",
            f"/bijeenkomsten/{concept_outcome}/aanwezigheid/",
            f"/bijeenkomsten/{established}/verslag/",
        ],
    }
