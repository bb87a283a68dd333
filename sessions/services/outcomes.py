"""Attendance and the verslag of a session: saving it whole, and its workflow (PAR cycle).

concept → ingediend (by an editor of the session, from the session's date on) → vastgesteld (at
a later session of the same circle held on or after the day it was submitted, by an editor of
that session) → heropend by the project leader (back to concept). Every transition is recorded
as an OutcomeEvent. The date rules are the model's (`Outcome.establishing_problem`,
`submitting_too_early`, `attendance_too_early`); these services enforce them.

Every save keeps the verslag's content as an OutcomeVersion. A save from a form opened at an
older version is refused with an OutcomeConflict carrying the three-way merge of the saver's
text, the version they opened and what is stored now (sessions/services/merge.py).

Permissions: views ask sessions.access once, first thing. These services check again in one
documented way, `access.require(...)`, which raises PermissionDenied, so a caller that is not a
view (a task, the shell, a later API) cannot skip the rule. State rules (a vastgesteld verslag is
closed) raise OutcomeError with a message for the user.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TypeVar

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from circles import introductions
from circles.models import Circle, Registration, Session
from leerkring.core.audit import audit_record_update
from leerkring.core.names import people_sorted
from sessions import access
from sessions.kennisbank.services import outcome_index
from sessions.models import (
    Action,
    Answer,
    Attendance,
    AttendanceCount,
    Outcome,
    OutcomeEvent,
    Section,
    Subgroup,
    SubQuestion,
    attendance_too_early,
    submitting_too_early,
)
from sessions.selectors import actions_earlier_open
from sessions.services.merge import Merge, merge_versions
from sessions.services.versions import (
    input_content,
    outcome_content,
    outcome_saved_by_since,
    outcome_version_content,
    outcome_version_record,
)

M = TypeVar("M", Subgroup, SubQuestion, Action)


class OutcomeError(Exception):
    """A transition or save that is refused; the message is shown to the user."""


class OutcomeConflict(OutcomeError):
    """Somebody else saved the verslag since this form was opened: nothing was saved.

    `merge` holds both people's changes; `saved_by` names who saved in between.
    """

    def __init__(self, outcome: Outcome, merge: Merge, saved_by: list[str]) -> None:
        super().__init__(
            _("Iemand anders heeft dit verslag intussen opgeslagen. Uw wijzigingen zijn nog niet opgeslagen.")
        )
        self.outcome = outcome
        self.merge = merge
        self.saved_by = saved_by


@dataclass
class SubgroupInput:
    id: int | None
    name: str


@dataclass
class SubQuestionInput:
    id: int | None
    text: str
    remarks: str = ""
    # Answer text by the index of the subgroup in OutcomeInput.subgroups.
    answers: dict[int, str] = field(default_factory=dict)


@dataclass
class SectionInput:
    id: int | None
    heading: str
    items: str = ""
    # The index in OutcomeInput.sections of the section this one lies within: an earlier, top one.
    parent: int | None = None


@dataclass
class ActionInput:
    id: int | None
    description: str
    owner_name: str
    due_session: Session | None = None


@dataclass
class OutcomeInput:
    central_question: str = ""
    introduction: str = ""
    method: str = ""
    parts: str = ""
    grouping: str = ""
    subgroups: list[SubgroupInput] = field(default_factory=list)
    subquestions: list[SubQuestionInput] = field(default_factory=list)
    sections: list[SectionInput] = field(default_factory=list)
    actions: list[ActionInput] = field(default_factory=list)
    # Earlier sessions' open actions: action id → done at this session (else carried on).
    earlier_actions_done: dict[int, bool] = field(default_factory=dict)

    def text_length(self) -> int:
        """Characters of text in the whole verslag, which bounds the time its PDF takes."""
        texts = [self.central_question, self.introduction, self.method, self.parts, self.grouping]
        texts += [subgroup.name for subgroup in self.subgroups]
        for question in self.subquestions:
            texts += [question.text, question.remarks, *question.answers.values()]
        texts += [text for section in self.sections for text in (section.heading, section.items)]
        texts += [text for action in self.actions for text in (action.description, action.owner_name)]
        return sum(len(text) for text in texts)


@dataclass
class GuestInput:
    name: str
    organisation: str = ""
    function: str = ""


DEFAULT_METHOD = gettext_noop(
    "Deze leerkring werkt volgens Participatory Action Research (PAR): deelnemers onderzoeken samen "
    "hun eigen praktijk. De opbrengst van elke bijeenkomst wordt in de volgende bijeenkomst besproken "
    "en in gezamenlijkheid vastgesteld."
)


def outcome_default_method() -> str:
    return _(DEFAULT_METHOD)


def outcome_method_text(method: str) -> str:
    """The Wijze van werken to print: the standard text in the reader's language when it was kept
    unchanged (in whichever language it was kept), anything the facilitator wrote as written."""
    standard = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            standard.add(_(DEFAULT_METHOD))
    return _(DEFAULT_METHOD) if method.strip().replace("\r\n", "\n") in standard else method


def outcome_default_introduction(*, session: Session) -> str:
    """The circle in a few sentences, as the real summaries open: who leads it, its goal, who, the programme."""
    circle = Circle.objects.select_related("project_leader__facilitator_profile").get(pk=session.circle_id)
    sessions = list(circle.sessions.order_by("number").prefetch_related("facilitators__facilitator_profile"))
    others = {user.pk: user for s in sessions for user in s.facilitators.all() if user.pk != circle.project_leader_id}
    leader = introductions.leader_label(circle.project_leader)
    lines = [_("%(circle)s wordt geleid door %(leader)s") % {"circle": circle.name, "leader": leader}]
    if others:
        names = introductions.facilitators_text(people_sorted(others.values()))
        lines[0] += " " + _("in samenwerking met %(names)s") % {"names": names}
    lines[0] += "."
    if circle.goal:
        lines.append(_("Het doel van de leerkring is: %(goal)s") % {"goal": circle.goal.strip()})
    confirmed = circle.registrations.filter(status=Registration.Status.CONFIRMED)
    people = confirmed.count()
    if people:
        teams = confirmed.exclude(team="").values("team").distinct().count() or 1
        lines.append(
            ngettext(
                "De leerkring bestaat uit %(people)d deelnemer",
                "De leerkring bestaat uit %(people)d deelnemers",
                people,
            )
            % {"people": people}
            + " "
            + ngettext("uit %(teams)d team.", "uit %(teams)d verschillende teams.", teams) % {"teams": teams}
        )
    if circle.teams:
        lines.append(introductions.teams_sentence(circle))
    if sessions:
        dates = get_text_list([date_format(s.date, "j F Y") for s in sessions], _("en"))
        lines.append(
            ngettext(
                "Het programma bestaat uit %(n)d bijeenkomst: %(dates)s.",
                "Het programma bestaat uit %(n)d bijeenkomsten: %(dates)s.",
                len(sessions),
            )
            % {"n": len(sessions), "dates": dates}
        )
    return "\n\n".join(lines)


def outcome_suggestions(*, session: Session) -> dict[str, str]:
    """Suggested text ("voorstel") per field. It is not the record: the form shows it beside the
    empty field, and it becomes part of the verslag only when a facilitator keeps or writes it."""
    return {"introduction": outcome_default_introduction(session=session), "method": outcome_default_method()}


@transaction.atomic
def outcome_save(*, session: Session, user: User, data: OutcomeInput, version: int) -> Outcome:
    """Save the whole verslag at once; `version` is the one the form was opened with (0: none yet).

    A conditional UPDATE … WHERE version = n makes a second, stale save fail instead of overwriting:
    it raises OutcomeConflict with the merge of `data`, version n and what is stored now.
    """
    access.require(access.may_edit_outcome(user, session))
    fields = {
        "central_question": data.central_question,
        "introduction": data.introduction,
        "method": data.method,
        "parts": data.parts,
        "grouping": data.grouping,
        "updated_by": user,
    }
    if version == 0:
        outcome, created = Outcome.objects.get_or_create(session=session, defaults=fields)
        if not created:
            raise _refusal(outcome, data, version)
    else:
        before = Outcome.objects.filter(session=session).first()
        changed = (
            Outcome.objects.filter(session=session, version=version)
            .exclude(status=Outcome.Status.ESTABLISHED)
            .update(version=F("version") + 1, updated_at=timezone.now(), **fields)
        )
        if not changed:
            raise _refusal(Outcome.objects.filter(session=session).first(), data, version)
        outcome = Outcome.objects.get(session=session)
        if before is not None:
            audit_record_update(before, outcome)
    _save_parts(outcome, session, data)
    outcome_version_record(outcome=outcome, user=user)
    outcome_index(outcome=outcome)
    return outcome


def _refusal(outcome: Outcome | None, data: OutcomeInput, version: int) -> OutcomeError:
    if outcome is not None and outcome.status == Outcome.Status.ESTABLISHED:
        return OutcomeError(_("Dit verslag is vastgesteld. Alleen de projectleider kan het nog heropenen."))
    if outcome is None:
        return OutcomeError(_("Dit verslag bestaat niet meer. Laad de pagina opnieuw."))
    base = outcome_version_content(outcome=outcome, version=version)
    merge = merge_versions(base, input_content(data), outcome_content(outcome))
    return OutcomeConflict(outcome, merge, outcome_saved_by_since(outcome=outcome, version=version))


def _save_parts(outcome: Outcome, session: Session, data: OutcomeInput) -> None:
    subgroups = _sync(
        Subgroup.objects.filter(outcome=outcome),
        [(item.id, Subgroup(outcome=outcome, name=item.name)) for item in data.subgroups],
        ["name"],
    )
    subquestions = _sync(
        SubQuestion.objects.filter(outcome=outcome),
        [(item.id, SubQuestion(outcome=outcome, text=item.text, remarks=item.remarks)) for item in data.subquestions],
        ["text", "remarks"],
    )
    Answer.objects.filter(subquestion__outcome=outcome).delete()
    Answer.objects.bulk_create(
        Answer(subquestion=subquestion, subgroup=subgroups[index], text=text.strip())
        for subquestion, item in zip(subquestions, data.subquestions, strict=True)
        for index, text in item.answers.items()
        if text.strip() and index < len(subgroups)
    )
    _sync_sections(outcome, data.sections)
    _sync(
        Action.objects.filter(session=session),
        [
            (
                item.id,
                Action(
                    circle=session.circle,
                    session=session,
                    description=item.description,
                    owner_name=item.owner_name,
                    due_session=item.due_session,
                ),
            )
            for item in data.actions
        ],
        ["description", "owner_name", "due_session"],
    )
    _settle_earlier_actions(session, data.earlier_actions_done)


def _sync(existing: QuerySet[M], rows: list[tuple[int | None, M]], fields: list[str]) -> list[M]:
    """Update rows that still exist (by id), create the rest, delete what was left out; positions follow order."""
    current = {obj.pk: obj for obj in existing}
    kept: list[M] = []
    for position, (pk, new) in enumerate(rows):
        obj = current.pop(pk, None) if pk else None
        if obj is None:
            new.position = position
            new.save()
            kept.append(new)
            continue
        for name in fields:
            setattr(obj, name, getattr(new, name))
        obj.position = position
        obj.save()
        kept.append(obj)
    existing.filter(pk__in=list(current)).delete()
    return kept


def section_level_problem(sections: list[SectionInput], index: int) -> str:
    """Why section `index` cannot lie where its `parent` says ('' if it can): sections go one level deep."""
    parent = sections[index].parent
    if parent is None:
        return ""
    if parent == index or not 0 <= parent < len(sections):
        return _("Kies een ander onderdeel om dit onder te zetten.")
    if sections[parent].parent is not None:
        return _("Het gekozen onderdeel valt zelf al onder een ander onderdeel; onderdelen gaan maar één laag diep.")
    if any(other.parent == index for other in sections):
        return _("Onder dit onderdeel vallen zelf onderdelen, dus het kan niet onder een ander onderdeel vallen.")
    return ""


def _sync_sections(outcome: Outcome, items: list[SectionInput]) -> None:
    """Like _sync, with each sub-section linked to its parent before anything is deleted, so no
    sub-section that stays goes with the parent it leaves. Parents come first in `items`."""
    for index in range(len(items)):
        problem = section_level_problem(items, index)
        if problem or (items[index].parent or 0) > index:
            raise OutcomeError(problem or _("Kies een ander onderdeel om dit onder te zetten."))
    existing = Section.objects.filter(outcome=outcome)
    current = {obj.pk: obj for obj in existing}
    kept: list[Section] = []
    for position, item in enumerate(items):
        section = (current.pop(item.id, None) if item.id else None) or Section(outcome=outcome)
        section.heading, section.items, section.position = item.heading, item.items, position
        section.parent = kept[item.parent] if item.parent is not None else None
        section.save()
        kept.append(section)
    existing.filter(pk__in=list(current)).delete()


def _settle_earlier_actions(session: Session, done_by_id: dict[int, bool]) -> None:
    following = session.circle.sessions.filter(number__gt=session.number).order_by("number").first()
    for action in actions_earlier_open(session=session).filter(pk__in=list(done_by_id)):
        if done_by_id[action.pk]:
            action.status, action.done_at_session = Action.Status.DONE, session
        else:
            action.status, action.done_at_session = Action.Status.OPEN, None
            action.due_session = following or action.due_session
        action.save(update_fields=["status", "done_at_session", "due_session", "updated_at"])


def _record(outcome: Outcome, action: str, user: User) -> None:
    OutcomeEvent.objects.create(outcome=outcome, action=action, by=user)


@transaction.atomic
def outcome_submit(*, outcome: Outcome, user: User) -> None:
    access.require(access.may_edit_outcome(user, outcome.session))
    if outcome.status != Outcome.Status.CONCEPT:
        raise OutcomeError(_("Alleen een concept kan worden ingediend."))
    too_early = submitting_too_early(outcome.session)
    if too_early:
        raise OutcomeError(too_early)
    if not outcome.central_question.strip():
        raise OutcomeError(_("Vul de centrale vraag in voordat u het verslag indient."))
    outcome.status, outcome.submitted_by, outcome.submitted_at = Outcome.Status.SUBMITTED, user, timezone.now()
    outcome.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
    _record(outcome, OutcomeEvent.Action.SUBMITTED, user)


@transaction.atomic
def outcome_establish(
    *, outcome: Outcome, at_session: Session, user: User, publication: str = Outcome.Publication.INTERN
) -> None:
    """Establish a submitted verslag at a later session of the same circle, held on or after the day
    it was submitted (PAR): `Outcome.establishing_problem` says why not otherwise. `publication`
    says who finds it in the kennisbank from then on."""
    access.require(access.may_edit_outcome(user, at_session))
    problem = outcome.establishing_problem(at_session)
    if problem:
        raise OutcomeError(problem)
    # Conditional: the status read above may be stale (a concurrent reopen or establish).
    changed = Outcome.objects.filter(pk=outcome.pk, status=Outcome.Status.SUBMITTED).update(
        status=Outcome.Status.ESTABLISHED,
        publication=Outcome.Publication(publication),
        established_at_session=at_session,
        established_by=user,
        established_at=timezone.now(),
        updated_at=timezone.now(),
    )
    if not changed:
        raise OutcomeError(_("Alleen een ingediend verslag kan worden vastgesteld."))
    before = copy.copy(outcome)
    outcome.refresh_from_db()
    audit_record_update(before, outcome)
    _record(outcome, OutcomeEvent.Action.ESTABLISHED, user)
    outcome_index(outcome=outcome)


@transaction.atomic
def outcome_set_publication(*, outcome: Outcome, user: User, publication: str) -> None:
    """The project leader changes who finds an established verslag in the kennisbank."""
    access.require(access.may_set_publication(user, outcome.session))
    if not outcome.is_established:
        raise OutcomeError(_("Alleen van een vastgesteld verslag kiest u het publicatieniveau."))
    outcome.publication = Outcome.Publication(publication)
    outcome.save(update_fields=["publication", "updated_at"])


@transaction.atomic
def outcome_reopen(*, outcome: Outcome, user: User) -> None:
    """The project leader reopens an established verslag: it becomes a concept again."""
    access.require(access.may_reopen_outcome(user, outcome.session))
    changed = Outcome.objects.filter(pk=outcome.pk, status=Outcome.Status.ESTABLISHED).update(
        status=Outcome.Status.CONCEPT,
        established_at_session=None,
        established_by=None,
        established_at=None,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not changed:
        raise OutcomeError(_("Alleen een vastgesteld verslag kan worden heropend."))
    before = copy.copy(outcome)
    outcome.refresh_from_db()
    audit_record_update(before, outcome)
    _record(outcome, OutcomeEvent.Action.REOPENED, user)
    outcome_version_record(outcome=outcome, user=user)
    outcome_index(outcome=outcome)


def _check_attendance_open(session: Session, user: User) -> None:
    access.require(access.may_edit_outcome(user, session))
    too_early = attendance_too_early(session)
    if too_early:
        raise OutcomeError(too_early)
    if Outcome.objects.filter(session=session, status=Outcome.Status.ESTABLISHED).exists():
        raise OutcomeError(_("Het verslag van deze bijeenkomst is vastgesteld; de aanwezigheid ligt daarmee vast."))


@transaction.atomic
def attendance_save(*, session: Session, user: User, present_ids: set[int], guests: list[GuestInput]) -> None:
    """Individual attendance: every confirmed participant present or not, and the walk-in guests.

    Counts entered directly for this session are removed: the individual marks now tell.
    """
    _check_attendance_open(session, user)
    confirmed = session.circle.registrations.filter(status=Registration.Status.CONFIRMED)
    for registration in confirmed:
        Attendance.objects.update_or_create(
            session=session, registration=registration, defaults={"present": registration.pk in present_ids}
        )
    session.attendances.filter(registration__isnull=True).delete()
    Attendance.objects.bulk_create(
        Attendance(
            session=session,
            guest_name=guest.name,
            guest_organisation=guest.organisation,
            guest_function=guest.function,
        )
        for guest in guests
    )
    session.attendance_counts.all().delete()


@transaction.atomic
def attendance_counts_save(*, session: Session, user: User, counts: dict[str, int]) -> None:
    """Counts per function group, for a session where nobody took individual attendance."""
    _check_attendance_open(session, user)
    for function, count in counts.items():
        AttendanceCount.objects.update_or_create(session=session, function=function, defaults={"count": count})
