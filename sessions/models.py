from __future__ import annotations

import datetime
import secrets
import uuid
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from circles.models import Circle, Function, Organisation, Registration, Session
from leerkring.core import textlimits
from leerkring.core.names import sort_text


def _day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def attendance_too_early(session: Session) -> str:
    """Why attendance cannot be recorded yet, or '' from the session's own date (Amsterdam) on."""
    if session.has_begun():
        return ""
    return gettext("U kunt de aanwezigheid bijhouden vanaf %(date)s, de dag van bijeenkomst %(number)d.") % {
        "date": _day(session.date),
        "number": session.number,
    }


def submitting_too_early(session: Session) -> str:
    """Why the verslag of `session` cannot be submitted yet, or '' from the session's own date on."""
    if session.has_begun():
        return ""
    return gettext(
        "U kunt dit verslag indienen vanaf %(date)s, de dag van bijeenkomst %(number)d. "
        "Tot dan kunt u het als concept opslaan."
    ) % {"date": _day(session.date), "number": session.number}


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The unguessable part of a facilitator's private calendar feed URL."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token")
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user}"


class Attendance(models.Model):
    """Present or absent: a registered participant, or a walk-in guest (no registration)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    registration = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.CASCADE, related_name="attendances"
    )
    guest_name = models.CharField(_("Naam"), max_length=200, blank=True)
    guest_organisation = models.CharField(_("Organisatie"), max_length=20, choices=Organisation.choices, blank=True)
    guest_function = models.CharField(_("Functie"), max_length=30, choices=Function.choices, blank=True)
    present = models.BooleanField(_("Aanwezig"), default=True)
    # Reports tell from the latest change whether an earlier PDF still holds (reports/fingerprint.py).
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "registration"],
                condition=models.Q(registration__isnull=False),
                name="attendance_unique_registration_per_session",
            ),
        ]

    def __str__(self) -> str:
        return self.guest_name or str(self.registration)

    def get_additional_data(self) -> dict[str, int]:
        """The circle this row belongs to, stored on its audit rows (leerkring/core/audit.py)."""
        return {"circle": self.session.circle_id}


class AttendanceCount(models.Model):
    """Counts per function group, entered directly when nobody took individual attendance."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance_counts")
    function = models.CharField(_("Functie"), max_length=30, choices=Function.choices)
    count = models.PositiveIntegerField(_("Aantal"), default=0)
    # Reports tell from the latest change whether an earlier PDF still holds (reports/fingerprint.py).
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "function"], name="attendancecount_unique_function"),
        ]

    def __str__(self) -> str:
        return f"{self.get_function_display()}: {self.count}"

    def get_additional_data(self) -> dict[str, int]:
        """The circle this row belongs to, stored on its audit rows (leerkring/core/audit.py)."""
        return {"circle": self.session.circle_id}


class Outcome(models.Model):
    """The verslag (opbrengst) of one session."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        SUBMITTED = "ingediend", _("Ingediend")
        ESTABLISHED = "vastgesteld", _("Vastgesteld")

    class Publication(models.TextChoices):
        """Who finds the established verslag in the kennisbank (sessions/access.py decides)."""

        INTERN = "intern", _("Intern (de mensen van de leerkring)")
        WERKPLAATS = "werkplaats", _("Werkplaats (iedereen met een rol)")
        PUBLIC = "openbaar", _("Openbaar (zonder persoonsgegevens)")

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="outcome")
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.CONCEPT)
    publication = models.CharField(
        _("Publicatieniveau"), max_length=20, choices=Publication.choices, default=Publication.INTERN
    )
    version = models.PositiveIntegerField(default=1)
    central_question = models.TextField(_("Centrale vraag"), blank=True, max_length=textlimits.QUESTION)
    introduction = models.TextField(_("Inleiding"), blank=True, max_length=textlimits.LONG_TEXT)
    method = models.TextField(_("Wijze van werken"), blank=True, max_length=textlimits.PARAGRAPH)
    parts = models.TextField(
        _("Onderdelen"), blank=True, max_length=textlimits.PARAGRAPH, help_text=_("Eén onderdeel per regel.")
    )
    grouping = models.TextField(_("Groepsindeling"), blank=True, max_length=textlimits.PARAGRAPH)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    established_at_session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="established_outcomes"
    )
    established_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    established_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("verslag")
        verbose_name_plural = _("verslagen")

    def __str__(self) -> str:
        return f"{_('Verslag')} {self.session}"

    def get_additional_data(self) -> dict[str, int]:
        """The circle this row belongs to, stored on its audit rows (leerkring/core/audit.py)."""
        return {"circle": self.session.circle_id}

    def part_list(self) -> list[str]:
        return [line.strip() for line in self.parts.splitlines() if line.strip()]

    @property
    def is_concept(self) -> bool:
        return self.status == self.Status.CONCEPT

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def is_established(self) -> bool:
        return self.status == self.Status.ESTABLISHED

    @property
    def badge_class(self) -> str:
        """Bootstrap badge colour of the status, for the templates."""
        badges: dict[str, str] = {self.Status.ESTABLISHED: "text-bg-success", self.Status.SUBMITTED: "text-bg-primary"}
        return badges.get(self.status, "text-bg-secondary")

    # The PAR cycle: a verslag is submitted from its session's date on, and established at a later
    # session of the same circle held on or after the day it was submitted. The service, the page
    # and the PDF footnote all ask the methods below; none restates the rule.

    @property
    def submitted_on(self) -> datetime.date | None:
        """The day (Amsterdam) the verslag was submitted."""
        if self.submitted_at is None:
            return None
        return timezone.localdate(self.submitted_at, ZoneInfo(settings.TIME_ZONE))

    def misplaced_at(self, at: Session) -> str:
        """Why `at` is not a session this verslag can be established at, or '' when it is."""
        own = self.session
        if at.circle_id != own.circle_id or at.number <= own.number:
            return gettext("Een verslag wordt vastgesteld tijdens een latere bijeenkomst van dezelfde leerkring.")
        submitted = self.submitted_on
        if submitted is not None and at.date < submitted:
            return gettext(
                "Bijeenkomst %(number)d (%(date)s) was vóór het indienen van dit verslag op %(submitted)s. "
                "Een verslag wordt vastgesteld tijdens een bijeenkomst op of na de dag van indienen."
            ) % {"number": at.number, "date": _day(at.date), "submitted": _day(submitted)}
        return ""

    def establishing_problem(self, at: Session) -> str:
        """Why this verslag cannot be established at session `at` now, or '' when it can."""
        if not self.is_submitted:
            return gettext("Alleen een ingediend verslag kan worden vastgesteld.")
        misplaced = self.misplaced_at(at)
        if misplaced:
            return misplaced
        if not at.has_begun():
            return gettext(
                "Bijeenkomst %(number)d is nog niet geweest. U kunt dit verslag vaststellen vanaf %(date)s, "
                "nadat de groep het tijdens die bijeenkomst heeft besproken."
            ) % {"number": at.number, "date": _day(at.date)}
        return ""

    def establishing_hint(self, sessions: Iterable[Session]) -> str:
        """Where a submitted verslag can be established: 'U kunt dit verslag vaststellen tijdens
        bijeenkomst 4 op 12 december 2026, of later.' `sessions` are the circle's, in number order."""
        first = next((at for at in sessions if not self.misplaced_at(at)), None)
        if first is None:
            return gettext(
                "Er is nog geen latere bijeenkomst gepland op of na %(submitted)s, de dag van indienen. "
                "Het verslag kan worden vastgesteld zodra die er is."
            ) % {"submitted": _day(self.submitted_on or self.session.date)}
        return gettext("U kunt dit verslag vaststellen tijdens bijeenkomst %(number)d op %(date)s, of later.") % {
            "number": first.number,
            "date": _day(first.date),
        }

    def established_session(self) -> Session | None:
        """The session it was established at, only if that is true to the PAR cycle (older data may not be)."""
        at = self.established_at_session
        if not self.is_established or at is None or self.misplaced_at(at):
            return None
        return at

    def established_note(self) -> str:
        """'Besproken en vastgesteld tijdens bijeenkomst 3 op 24 november 2014', or '' before that.

        A session that breaks the PAR cycle is never named: then only the day it was established.
        """
        if not self.is_established:
            return ""
        at = self.established_session()
        if at is not None:
            return gettext("Besproken en vastgesteld tijdens bijeenkomst %(number)d op %(date)s") % {
                "number": at.number,
                "date": _day(at.date),
            }
        if self.established_at is not None:
            return gettext("Vastgesteld op %(date)s") % {
                "date": _day(timezone.localdate(self.established_at, ZoneInfo(settings.TIME_ZONE)))
            }
        return ""

    def results(self) -> list[tuple[SubQuestion, list[tuple[Subgroup, list[str]]]]]:
        """Each deelvraag with the points of every subgroup that answered it, in the subgroups' order."""
        subgroups = list(self.subgroups.all())
        rows = []
        for question in self.subquestions.prefetch_related("answers"):
            by_group = {answer.subgroup_id: answer for answer in question.answers.all()}
            rows.append((question, [(g, by_group[g.pk].points()) for g in subgroups if g.pk in by_group]))
        return rows

    def section_tree(self) -> list[tuple[Section, list[Section]]]:
        """The free sections as printed: each top section with its sub-sections, by position."""
        return sections_nested(self.sections.all())


def sections_nested(sections: Iterable[Section]) -> list[tuple[Section, list[Section]]]:
    """Top sections in order, each with its sub-sections in order (one level deep)."""
    ordered = sorted(sections, key=lambda section: (section.position, section.pk))
    children: dict[int, list[Section]] = {}
    for section in ordered:
        if section.parent_id is not None:
            children.setdefault(section.parent_id, []).append(section)
    return [(section, children.get(section.pk, [])) for section in ordered if section.parent_id is None]


class OutcomeEvent(models.Model):
    """The history of a verslag: submitted, established, reopened."""

    class Action(models.TextChoices):
        SUBMITTED = "ingediend", _("Ingediend")
        ESTABLISHED = "vastgesteld", _("Vastgesteld")
        REOPENED = "heropend", _("Heropend")

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d}"


class OutcomeVersion(models.Model):
    """What a verslag held after each save (its own fields and all its rows, as plain data).

    When two people edit at once, the version the later one opened is the base of a three-way
    merge (sessions/services/merge.py): what each of them changed is then known, and nobody's
    text is lost. Holds action owners' names, so the privacy registry wipes it with the circle.
    """

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    content = models.JSONField()
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["outcome", "version"]
        constraints = [
            models.UniqueConstraint(fields=["outcome", "version"], name="outcomeversion_unique_version"),
        ]

    def __str__(self) -> str:
        return f"{self.outcome} v{self.version}"


class Subgroup(models.Model):
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="subgroups")
    name = models.CharField(_("Naam"), max_length=100)
    position = models.PositiveSmallIntegerField(default=0)
    # Reports tell from the latest change whether an earlier PDF still holds (reports/fingerprint.py).
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("subgroep")
        verbose_name_plural = _("subgroepen")

    def __str__(self) -> str:
        return self.name


class SubQuestion(models.Model):
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="subquestions")
    text = models.TextField(_("Deelvraag"), max_length=textlimits.QUESTION)
    remarks = models.TextField(_("Opmerkingen"), blank=True, max_length=textlimits.LONG_TEXT)
    position = models.PositiveSmallIntegerField(default=0)
    # Reports tell from the latest change whether an earlier PDF still holds (reports/fingerprint.py).
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("deelvraag")
        verbose_name_plural = _("deelvragen")

    def __str__(self) -> str:
        return self.text

    def remark_list(self) -> list[str]:
        return [line.strip() for line in self.remarks.splitlines() if line.strip()]


class Answer(models.Model):
    """A subgroup's answer to a deelvraag; one point per line."""

    subquestion = models.ForeignKey(SubQuestion, on_delete=models.CASCADE, related_name="answers")
    subgroup = models.ForeignKey(Subgroup, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(_("Antwoord"), blank=True, max_length=textlimits.LONG_TEXT)
    # Reports tell from the latest change whether an earlier PDF still holds (reports/fingerprint.py).
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subquestion", "subgroup"], name="answer_unique_per_subgroup"),
        ]

    def __str__(self) -> str:
        return f"{self.subgroup}: {self.text[:40]}"

    def points(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]


class Section(models.Model):
    """A free outcome section: a heading with items (e.g. Sterktes, or Kennis).

    A section may lie within another section of the same verslag (Sterktes within Visie), one
    level deep: a sub-section has no sub-sections of its own (checked by the service that saves them).
    """

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("Valt onder"),
    )
    heading = models.CharField(_("Kop"), max_length=200)
    items = models.TextField(
        _("Punten"), blank=True, max_length=textlimits.LONG_TEXT, help_text=_("Eén punt per regel.")
    )
    position = models.PositiveSmallIntegerField(default=0)
    # Reports tell from the latest change whether an earlier PDF still holds (reports/fingerprint.py).
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.heading

    def item_list(self) -> list[str]:
        return [line.strip() for line in self.items.splitlines() if line.strip()]


class Action(models.Model):
    """An action (actieleren) agreed at a session, revisited at a later one."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "afgerond", _("Afgerond")

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="actions")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("Actie"), max_length=textlimits.QUESTION)
    owner_name = models.CharField(_("Actie-eigenaar"), max_length=200)
    # The owner's name as the board sorts it (surname first, tussenvoegsel last), kept by save().
    owner_sort = models.CharField(max_length=255, default="", editable=False)
    due_session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="due_actions"
    )
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    done_at_session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="completed_actions"
    )
    position = models.PositiveSmallIntegerField(default=0)
    # Reports tell from the latest change whether an earlier PDF still holds (reports/fingerprint.py).
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("actie")
        indexes = [
            # "Uw open acties" on Mijn bijeenkomsten: open actions by owner name, case-insensitive
            # (owner_name__iexact), without reading every action.
            models.Index(Upper("owner_name"), condition=models.Q(status="open"), name="action_open_owner"),
        ]
        verbose_name_plural = _("acties")

    def __str__(self) -> str:
        return self.description[:60]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.owner_sort = sort_text(self.owner_name)[:255]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "owner_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "owner_sort"}
        super().save(*args, **kwargs)

    def get_additional_data(self) -> dict[str, int]:
        """The circle this row belongs to, stored on its audit rows (leerkring/core/audit.py)."""
        return {"circle": self.circle_id}


class PolicySignal(models.Model):
    """An item of a verslag marked for the municipality ("signaal voor beleid"), followed until answered.

    The item's text and where it stood are copied: saving a verslag rewrites its answer rows, and
    the signal must still say what was signalled.
    """

    class Status(models.TextChoices):
        NEW = "nieuw", _("Nieuw")
        FORWARDED = "doorgezet", _("Doorgezet naar gemeente")
        ANSWERED = "beantwoord", _("Beantwoord")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="signals")
    source = models.CharField(_("Onderdeel"), max_length=300)
    text = models.TextField(_("Signaal"))
    note = models.TextField(_("Toelichting"), max_length=1000)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.NEW)
    reply = models.TextField(_("Reactie van de gemeente"), blank=True, max_length=4000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("signaal voor beleid")
        verbose_name_plural = _("signalen voor beleid")
        indexes = [models.Index(fields=["status", "-created_at"], name="policysignal_status_created")]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def badge_class(self) -> str:
        """Bootstrap badge colour of the status, for the templates."""
        badges: dict[str, str] = {self.Status.ANSWERED: "text-bg-success", self.Status.FORWARDED: "text-bg-primary"}
        return badges.get(self.status, "text-bg-warning")


# The evaluation lives in its own sub-package; imported here so Django finds its models.
from sessions.evaluation.models import Evaluation, EvaluationResponse  # noqa: E402, F401

# The kennisbank's search rows live in their own sub-package too.
from sessions.kennisbank.models import OutcomeSearch  # noqa: E402, F401
