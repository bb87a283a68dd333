"""Inviting, reminding and answering: the evaluation's writes (issue 11).

`evaluations_send` runs from beat (sessions.tasks) and as `manage.py send_evaluations`. For each
circle whose last session has ended it invites every confirmed participant once, reminds once a
week later whoever has not answered, and, when the circle asks for it, does the same for the
impact follow-up three months after the last session. Each invitation is claimed by inserting its
EvaluationResponse row (unique per sign-up and kind) in the transaction that queues the mail; a
reminder by a conditional UPDATE. So the command is safe to run twice or concurrently.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from dataclasses import dataclass

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from circles.models import Circle, Registration, Session
from leerkring.core import outbox
from sessions.evaluation import mails
from sessions.evaluation.models import REMIND_AFTER, Evaluation, EvaluationResponse

logger = logging.getLogger(__name__)
LINK_SALT = "sessions.evaluation.response"
Kind = EvaluationResponse.Kind
# Circles whose last session is longer ago than this have nothing left to send.
LOOK_BACK = datetime.timedelta(days=200)


class LinkInvalid(Exception):
    """A tampered link, or one of a sign-up that no longer exists."""


class EvaluationClosed(Exception):
    pass


def evaluation_of(circle: Circle) -> Evaluation:
    """The circle's questionnaire; the default (unsaved) until the project leader changes it."""
    found = Evaluation.objects.filter(circle=circle).first()
    return found or Evaluation(circle=circle)


def invitations_sent(circle: Circle) -> bool:
    return EvaluationResponse.objects.filter(registration__circle=circle, kind=Kind.EVALUATION).exists()


def last_session(circle: Circle) -> Session | None:
    return circle.sessions.order_by("-date", "-end_time", "-pk").first()


def response_token(response: EvaluationResponse) -> str:
    """The same link in the invitation and the reminder; it stops being useful when the evaluation closes."""
    return signing.Signer(salt=LINK_SALT).sign(str(response.code))


def response_from_token(token: str) -> EvaluationResponse:
    try:
        code = uuid.UUID(signing.Signer(salt=LINK_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        raise LinkInvalid from None
    response = (
        EvaluationResponse.objects.select_related("registration__circle__project_leader")
        .filter(code=code, registration__anonymised_at__isnull=True)
        .first()
    )
    if response is None:
        raise LinkInvalid
    return response


@dataclass(frozen=True)
class Window:
    """When one response may be answered: its questionnaire, and the last day to answer."""

    evaluation: Evaluation
    closes_on: datetime.date

    def is_closed(self, today: datetime.date) -> bool:
        return today > self.closes_on


def response_window(response: EvaluationResponse) -> Window:
    circle = response.registration.circle
    evaluation = evaluation_of(circle)
    session = last_session(circle)
    last = session.date if session else circle.end_date
    return Window(evaluation, response.closing_day(evaluation, last))


def response_save(
    *, response: EvaluationResponse, ratings: list[int | None], answers: list[str], today: datetime.date
) -> EvaluationResponse:
    """Store one person's answers, replacing earlier ones; refused once the evaluation has closed."""
    if response_window(response).is_closed(today):
        raise EvaluationClosed
    response.ratings = ratings
    response.answers = answers
    response.answered_at = timezone.now()
    response.save(update_fields=["ratings", "answers", "answered_at", "updated_at"])
    return response


# Sending -----------------------------------------------------------------------------------------


def _queue(response: EvaluationResponse, name: str) -> None:
    registration = response.registration
    outbox.mail_queue(
        name=name,
        to=registration.email,
        about=registration,
        language=registration.language,
        reply_to=registration.circle.project_leader.email,
        data={"response": response.pk},
    )


def _invite(registration: Registration, kind: str, now: datetime.datetime) -> bool:
    try:
        with transaction.atomic():
            response = EvaluationResponse.objects.create(registration=registration, kind=kind, invited_at=now)
            _queue(response, mails.INVITATION)
    except IntegrityError:
        return False
    return True


def _remind(response: EvaluationResponse, now: datetime.datetime) -> bool:
    with transaction.atomic():
        claimed = EvaluationResponse.objects.filter(
            pk=response.pk, reminded_at__isnull=True, answered_at__isnull=True
        ).update(reminded_at=now, updated_at=now)
        if claimed:
            _queue(response, mails.REMINDER)
    return bool(claimed)


def _due_circles(now: datetime.datetime) -> list[tuple[Circle, Session]]:
    """Circles held (not concept, not cancelled) whose last session has ended, with that session."""
    today = timezone.localdate(now)
    circles = (
        Circle.objects.exclude(status__in=[Circle.Status.CONCEPT, Circle.Status.CANCELLED])
        .annotate(last_day=Max("sessions__date"))
        .filter(last_day__lte=today, last_day__gte=today - LOOK_BACK)
        .select_related("project_leader")
        .order_by("pk")
    )
    due: list[tuple[Circle, Session]] = []
    for circle in circles:
        session = last_session(circle)
        if session is not None and session.ends_at <= now:
            due.append((circle, session))
    return due


def _send_kind(circle: Circle, kind: str, evaluation: Evaluation, last: datetime.date, now: datetime.datetime) -> int:
    today = timezone.localdate(now)
    probe = EvaluationResponse(kind=kind)
    if today < probe.opens_on(last) or today > probe.closing_day(evaluation, last):
        return 0
    sent = 0
    invited = circle.registrations.filter(status=Registration.Status.CONFIRMED, anonymised_at__isnull=True).exclude(
        evaluation_responses__kind=kind
    )
    for registration in invited.select_related("circle__project_leader").order_by("pk"):
        sent += _invite(registration, kind, now)
    unanswered = EvaluationResponse.objects.filter(
        registration__circle=circle,
        registration__anonymised_at__isnull=True,
        kind=kind,
        answered_at__isnull=True,
        reminded_at__isnull=True,
        invited_at__lte=now - REMIND_AFTER,
    ).select_related("registration__circle__project_leader")
    for response in unanswered.order_by("pk"):
        sent += _remind(response, now)
    return sent


def evaluations_send(*, now: datetime.datetime) -> int:
    """Queue the invitations and reminders that are due; returns how many mails this run queued."""
    sent = 0
    for circle, session in _due_circles(now):
        evaluation = evaluation_of(circle)
        kinds = [Kind.EVALUATION, Kind.IMPACT] if evaluation.impact else [Kind.EVALUATION]
        for kind in kinds:
            try:
                sent += _send_kind(circle, kind, evaluation, session.date, now)
            except Exception:  # one circle never stops the others; the next run tries again
                logger.exception("Evaluation mails for circle %s (%s) not queued", circle.pk, kind)
    return sent
