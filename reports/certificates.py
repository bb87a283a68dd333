"""Proofs of participation (deelnamebewijzen): who has earned one, issuing, revoking, the PDF.

A participant earns one when they attended at least the circle's threshold (default 75%) of its
sessions; attended means an Attendance row marked present. The hours are net: the real duration
of each session attended, nothing for the ones missed. Issuing freezes these facts on the
Certificate row, and its PDF is rendered by the worker as a Report of kind deelnamebewijs.

Permissions: these services trust their caller; views ask reports.access first.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation

from circles.models import Circle, Registration, Session, local_today
from leerkring.core.names import people_sorted
from reports.models import Certificate, Report, hours_text
from sessions.models import Attendance

R = Registration.Status


class CertificateRefused(Exception):
    """The sign-up cannot get a certificate (not confirmed, no session attended, already has one)."""


@dataclass(frozen=True)
class Participation:
    """What one participant attended of a circle, and whether that earns a certificate."""

    registration: Registration
    attended: list[Session]
    total: int
    threshold: int

    @property
    def minutes(self) -> int:
        return sum(int(session.duration.total_seconds() // 60) for session in self.attended)

    @property
    def hours(self) -> str:
        return hours_text(self.minutes)

    @property
    def percentage(self) -> int:
        return round(100 * len(self.attended) / self.total) if self.total else 0

    @property
    def latest_certificate(self) -> Certificate | None:
        """Valid or revoked; from the prefetched rows (circle_participations), newest first."""
        certificates = list(self.registration.certificates.all())
        return certificates[0] if certificates else None

    @property
    def meets_threshold(self) -> bool:
        # Whole numbers only: 3 of 4 sessions is exactly 75%, and meets a threshold of 75.
        return self.total > 0 and 100 * len(self.attended) >= self.threshold * self.total


def _sessions(circle: Circle) -> list[Session]:
    return list(circle.sessions.prefetch_related("facilitators").order_by("date", "start_time", "pk"))


def _present(circle: Circle) -> dict[int, set[int]]:
    """Per registration pk, the pks of the sessions it was marked present at: one query."""
    rows = Attendance.objects.filter(session__circle=circle, present=True, registration__isnull=False)
    present: dict[int, set[int]] = {}
    for registration_id, session_id in rows.values_list("registration_id", "session_id"):
        assert registration_id is not None  # filtered above
        present.setdefault(registration_id, set()).add(session_id)
    return present


def circle_participations(circle: Circle) -> list[Participation]:
    """Every confirmed participant of the circle by surname, with what they attended and their
    certificates (with their PDFs): a fixed number of queries, whatever the number of people."""
    sessions = _sessions(circle)
    present = _present(circle)
    registrations = circle.registrations.filter(status=R.CONFIRMED, anonymised_at__isnull=True).prefetch_related(
        Prefetch(
            "certificates",
            queryset=Certificate.objects.order_by("-issued_at", "-pk").prefetch_related(
                Prefetch("reports", queryset=Report.objects.order_by("-created_at", "-pk"))
            ),
        )
    )
    return [
        Participation(
            registration=registration,
            attended=[session for session in sessions if session.pk in present.get(registration.pk, set())],
            total=len(sessions),
            threshold=circle.certificate_threshold,
        )
        for registration in people_sorted(registrations)
    ]


def registration_participation(registration: Registration) -> Participation:
    circle = registration.circle
    sessions = _sessions(circle)
    attended = set(
        Attendance.objects.filter(registration=registration, present=True).values_list("session_id", flat=True)
    )
    return Participation(
        registration=registration,
        attended=[session for session in sessions if session.pk in attended],
        total=len(sessions),
        threshold=circle.certificate_threshold,
    )


def initials(registration: Registration) -> str:
    """'Fatima El Amrani' → 'F. E.A.'; 'Anna de Vries' → 'A. d.V.': enough to recognise, not to identify."""
    first = "".join(f"{part[0].upper()}." for part in registration.first_name.split() if part)
    last = "".join(f"{part[0]}." for part in registration.last_name.split() if part)
    return f"{first} {last}".strip()[:20]


def _person(user: User) -> str:
    return user.get_full_name() or user.get_username()


def _facts(participation: Participation) -> dict[str, Any]:
    registration = participation.registration
    circle = registration.circle
    facilitators = {user.pk: user for session in participation.attended for user in session.facilitators.all()}
    return {
        "circle": circle.name,
        "kind": circle.kind,
        "building_blocks": [
            {"number": b.number, "name": b.display_name} for b in circle.building_blocks.order_by("number")
        ],
        "project_leader": _person(circle.project_leader),
        "facilitators": [_person(user) for user in people_sorted(facilitators.values())],
        "sessions": [
            {
                "number": session.number,
                "date": session.date.isoformat(),
                "start_time": session.start_time.strftime("%H:%M"),
                "end_time": session.end_time.strftime("%H:%M"),
                "theme": session.theme,
                "minutes": int(session.duration.total_seconds() // 60),
            }
            for session in participation.attended
        ],
    }


def _period(circle: Circle) -> tuple[datetime.date, datetime.date]:
    dates = list(circle.sessions.order_by("date").values_list("date", flat=True))
    return (dates[0], dates[-1]) if dates else (circle.start_date, circle.end_date)


def certificate_issue(*, registration: Registration, by: User | None = None) -> Certificate:
    """Issue a certificate with the facts as they are now and queue its PDF.

    `by` None means issued because the threshold was met; a project leader may issue one by
    hand below the threshold, as long as at least one session was attended.
    """
    participation = registration_participation(registration)
    if registration.status != R.CONFIRMED or registration.anonymised_at is not None:
        raise CertificateRefused(translation.gettext("Alleen een bevestigde deelnemer krijgt een deelnamebewijs."))
    if not participation.attended:
        raise CertificateRefused(
            translation.gettext("Deze deelnemer was bij geen enkele bijeenkomst: er valt niets te bewijzen.")
        )
    start, end = _period(registration.circle)
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                registration=registration,
                initials=initials(registration),
                minutes=participation.minutes,
                sessions_attended=len(participation.attended),
                sessions_total=participation.total,
                period_start=start,
                period_end=end,
                facts=_facts(participation),
                issued_by=by,
            )
            certificate_request_pdf(certificate=certificate, user=by)
    except IntegrityError:
        raise CertificateRefused(translation.gettext("Deze deelnemer heeft al een geldig deelnamebewijs.")) from None
    return certificate


def certificate_revoke(*, certificate: Certificate, by: User, reason: str) -> bool:
    """Revoke a valid certificate; its code then shows as not valid. False when it was revoked already."""
    revoked = Certificate.objects.filter(pk=certificate.pk, status=Certificate.Status.ISSUED).update(
        status=Certificate.Status.REVOKED, revoked_at=timezone.now(), revoked_by=by, revoke_reason=reason.strip()
    )
    return bool(revoked)


def certificates_issue_earned(*, circle: Circle) -> list[Certificate]:
    """Issue to every confirmed participant who meets the threshold and holds no valid certificate.

    One who had theirs revoked gets no new one automatically: revoking was a decision.
    """
    issued = []
    for participation in circle_participations(circle):
        if not participation.meets_threshold or participation.registration.certificates.all():
            continue
        try:
            issued.append(certificate_issue(registration=participation.registration))
        except CertificateRefused:  # issued meanwhile by someone else
            continue
    return issued


def circles_due_for_certificates(*, today: datetime.date) -> QuerySet[Circle]:
    """Circles whose last session has passed, neither cancelled nor a concept."""
    return (
        Circle.objects.exclude(status__in=[Circle.Status.CANCELLED, Circle.Status.CONCEPT])
        .filter(sessions__isnull=False)
        .exclude(sessions__date__gte=today)
        .distinct()
    )


def certificates_issue_due(*, today: datetime.date | None = None) -> int:
    """The daily sweep: certificates for everyone who earned one in a circle that has ended."""
    count = 0
    for circle in circles_due_for_certificates(today=today or local_today()).select_related("project_leader"):
        count += len(certificates_issue_earned(circle=circle))
    return count


def certificate_request_pdf(*, certificate: Certificate, user: User | None) -> Report:
    """The certificate's PDF, rendered by the worker; one that is ready or on its way is handed back."""
    from reports.services import report_enqueue  # services import this module's context builder

    existing = certificate.reports.filter(status__in=Report.REUSABLE_STATUSES).order_by("-created_at").first()
    if existing is not None and (existing.is_pending or existing.file):
        return existing
    registration = certificate.registration
    report = Report.objects.create(
        kind=Report.Kind.CERTIFICATE,
        circle=registration.circle,
        certificate=certificate,
        requested_by=user,
        include_personal_data=True,
        language=registration.language,
    )
    report_enqueue(report_id=report.pk)
    return report


def reflection_request_pdf(*, registration: Registration, user: User | None) -> Report:
    """A reflection declaration (reflectieverklaring) for informal learning, rendered by the worker.

    It lists what was attended as the records stand now; one still on its way is handed back.
    """
    from reports.services import report_enqueue

    if not registration_participation(registration).attended:
        raise CertificateRefused(
            translation.gettext("Deze deelnemer was bij geen enkele bijeenkomst: er valt niets te verklaren.")
        )
    pending = registration.reports.filter(kind=Report.Kind.REFLECTION, status__in=Report.PENDING_STATUSES).first()
    if pending is not None:
        return pending
    report = Report.objects.create(
        kind=Report.Kind.REFLECTION,
        circle=registration.circle,
        registration=registration,
        requested_by=user,
        include_personal_data=True,
        language=registration.language,
    )
    report_enqueue(report_id=report.pk)
    return report
