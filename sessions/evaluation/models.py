"""The evaluation at the end of a circle and its impact follow-up three months later (issue 11).

`Evaluation` is a circle's questionnaire: statements rated 1–5 and open questions, a default the
project leader may adjust until the invitations go out. `EvaluationResponse` is one person's
invitation and answer (one per sign-up and kind); it is written when the invitation is queued,
so the row is the promise of the mail and the claim that stops a second invitation.
Results are shown only aggregated (selectors.py); the link to the sign-up serves "one answer per
person" and the list of who has not answered yet.
"""

from __future__ import annotations

import calendar
import datetime
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from circles.models import Circle, Registration

DEFAULT_STATEMENTS = [
    "Ik heb iets geleerd dat ik in mijn werk gebruik.",
    "De leerkring sloot aan bij mijn leervraag.",
    "De begeleiding hielp mij verder.",
]
DEFAULT_QUESTIONS = [
    "Wat neemt u mee?",
    "Wat gaat u anders doen?",
    "Is uw leervraag beantwoord?",
]
# Fixed text, unlike the questionnaire the project leader writes: shown in the reader's language.
IMPACT_QUESTION = _("Wat heeft u toegepast, en wat veranderde er?")
# Open this long after the last session unless the project leader sets a closing date.
OPEN_DAYS = 28
IMPACT_MONTHS = 3
REMIND_AFTER = datetime.timedelta(days=7)
SCALE = (1, 2, 3, 4, 5)
# Results are shown from this many answers on, so no one is identifiable.
MIN_ANSWERS = 3


def default_statements() -> list[str]:
    return list(DEFAULT_STATEMENTS)


def default_questions() -> list[str]:
    return list(DEFAULT_QUESTIONS)


def months_later(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or that month's last day (31 May + 3 months = 31 August)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Evaluation(models.Model):
    circle = models.OneToOneField(Circle, on_delete=models.CASCADE, related_name="evaluation")
    statements = models.JSONField(_("Stellingen"), default=default_statements)
    questions = models.JSONField(_("Open vragen"), default=default_questions, blank=True)
    closes_on = models.DateField(_("Evaluatie sluit op"), null=True, blank=True)
    impact = models.BooleanField(_("Impactmeting na drie maanden"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")

    def __str__(self) -> str:
        return f"{self.circle}: evaluatie"

    def closing_day(self, last_session: datetime.date) -> datetime.date:
        """The last day answers may be given or changed."""
        return self.closes_on or last_session + datetime.timedelta(days=OPEN_DAYS)


class EvaluationResponse(models.Model):
    class Kind(models.TextChoices):
        EVALUATION = "evaluatie", _("Evaluatie")
        IMPACT = "impact", _("Impactmeting")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="evaluation_responses")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    invited_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # Aligned with the evaluation's statements and questions (which are fixed once invitations go out).
    ratings = models.JSONField(default=list, blank=True)
    answers = models.JSONField(default=list, blank=True)
    # Reports fingerprint what they read by change time (reports/fingerprint.py).
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind"], name="one_evaluation_response_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.code}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    @property
    def is_impact(self) -> bool:
        return self.kind == self.Kind.IMPACT

    def opens_on(self, last_session: datetime.date) -> datetime.date:
        return months_later(last_session, IMPACT_MONTHS) if self.is_impact else last_session

    def closing_day(self, evaluation: Evaluation, last_session: datetime.date) -> datetime.date:
        if self.is_impact:
            return self.opens_on(last_session) + datetime.timedelta(days=OPEN_DAYS)
        return evaluation.closing_day(last_session)
