"""What goes into a report: plain data (strings, numbers, dates, lists, dicts) built from the models.

Plain data keeps the templates simple. Only the worker builds it, once per PDF; whether a request
can reuse a PDF is decided by reports/fingerprint.py. Call these inside the report's language
(translation.override), since labels and sentences are translated here.
"""

from __future__ import annotations

import datetime
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from buildingblocks.models import BuildingBlock
from circles import introductions
from circles.models import Circle, Organisation, Registration, Session, function_count_label
from leerkring.core.names import people_sorted
from reports.models import Certificate, ProgrammeFolder, hours_text
from sessions.charts import attendance_chart_svg
from sessions.evaluation.charts import ratings_chart_svg
from sessions.evaluation.selectors import evaluation_results
from sessions.kennisbank.public import named_in_public, public_outcome_context
from sessions.models import Action, Answer, Outcome, PolicySignal, SubQuestion
from sessions.selectors import attendance_by_function, attendance_table
from sessions.services.outcomes import outcome_method_text

ORDINALS = [
    gettext_lazy("eerste"),
    gettext_lazy("tweede"),
    gettext_lazy("derde"),
    gettext_lazy("vierde"),
    gettext_lazy("vijfde"),
    gettext_lazy("zesde"),
    gettext_lazy("zevende"),
    gettext_lazy("achtste"),
    gettext_lazy("negende"),
    gettext_lazy("tiende"),
    gettext_lazy("elfde"),
    gettext_lazy("twaalfde"),
]


def ordinal(number: int) -> str:
    """'tweede' for 2; '13e' past the words we spell out."""
    if 1 <= number <= len(ORDINALS):
        return str(ORDINALS[number - 1])
    return _("%(number)de") % {"number": number}


def long_date(value: Any) -> str:
    return formats.date_format(value, "j F Y")


def person_name(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _sessions_for_reports() -> QuerySet[Session]:
    answers = Answer.objects.select_related("subgroup").order_by("subgroup__position", "subgroup__pk")
    return Session.objects.select_related(
        "circle__project_leader__facilitator_profile", "outcome__established_at_session"
    ).prefetch_related(
        "facilitators__facilitator_profile",
        "outcome__subgroups",
        Prefetch("outcome__subquestions", queryset=SubQuestion.objects.prefetch_related(Prefetch("answers", answers))),
        "outcome__sections",
        Prefetch("actions", queryset=Action.objects.select_related("due_session")),
    )


def attendance_summary(session: Session) -> dict[str, Any]:
    counts = attendance_by_function(session)
    total = sum(counts.values())
    groups = [function_count_label(function, count) for function, count in counts.items()]
    if not total:
        sentence = _("Van deze bijeenkomst is geen aanwezigheid vastgelegd.")
    else:
        sentence = ngettext(
            "Aan deze %(ordinal)s bijeenkomst nam %(total)d persoon deel: %(groups)s.",
            "Aan deze %(ordinal)s bijeenkomst namen %(total)d personen deel: %(groups)s.",
            total,
        ) % {"ordinal": ordinal(session.number), "total": total, "groups": get_text_list(groups, _("en"))}
    return {"total": total, "groups": groups, "sentence": sentence}


def leaders_sentence(session: Session) -> str:
    leader = session.circle.project_leader
    others = [user for user in people_sorted(session.facilitators.all()) if user.pk != leader.pk]
    if not others:
        return _("De leerkring wordt geleid door %(leader)s.") % {"leader": introductions.leader_label(leader)}
    return _("De leerkring wordt geleid door %(leader)s in samenwerking met %(others)s.") % {
        "leader": introductions.leader_label(leader),
        "others": introductions.facilitators_text(others),
    }


def footnote(outcome: Outcome) -> str:
    """The PAR line under a summary. It names a session only where the PAR cycle holds
    (`Outcome.established_session`): never one held before the verslag was submitted."""
    if outcome.status != Outcome.Status.ESTABLISHED:
        return ""
    at = outcome.established_session()
    if at is not None:
        return _("Besproken en vastgesteld tijdens de %(ordinal)s leerkringbijeenkomst dd. %(date)s") % {
            "ordinal": ordinal(at.number),
            "date": long_date(at.date),
        }
    if outcome.established_at:
        return _("Vastgesteld op %(date)s") % {"date": long_date(timezone.localdate(outcome.established_at))}
    return _("Vastgesteld")


def action_row(action: Action, *, show_names: bool) -> dict[str, Any]:
    due = action.due_session
    return {
        "description": action.description,
        "owner": action.owner_name if show_names else "",
        "session_number": action.session.number if action.session_id else None,
        "due": _("bijeenkomst %(number)d (%(date)s)") % {"number": due.number, "date": long_date(due.date)}
        if due
        else "",
        "status": action.get_status_display(),
        "is_open": action.status == Action.Status.OPEN,
    }


def summary_title(session: Session) -> str:
    title = _("Samenvatting opbrengst %(circle)s") % {"circle": session.circle.name}
    return f"{title} - {session.theme}" if session.theme else title


def session_summary(session: Session, *, show_names: bool) -> dict[str, Any]:
    """One session's verslag, in the parts and order of the real 'Samenvatting opbrengst'."""
    outcome: Outcome | None = getattr(session, "outcome", None)
    data: dict[str, Any] = {
        "title": summary_title(session),
        "number": session.number,
        "ordinal": ordinal(session.number),
        "date": session.date,
        "leaders": leaders_sentence(session),
        "circle_goal": session.circle.goal,
        "teams": introductions.teams_sentence(session.circle),
        "attendance": attendance_summary(session),
        "has_outcome": outcome is not None,
        "show_names": show_names,
    }
    if outcome is None:
        return data
    subgroups = list(outcome.subgroups.all())
    data.update(
        status=outcome.get_status_display(),
        is_established=outcome.status == Outcome.Status.ESTABLISHED,
        introduction=outcome.introduction,
        central_question=outcome.central_question,
        method=outcome_method_text(outcome.method),
        parts=outcome.part_list(),
        grouping=outcome.grouping,
        subgroups=[subgroup.name for subgroup in subgroups],
        subquestions=[
            {
                "text": question.text,
                "remarks": [line.strip() for line in question.remarks.splitlines() if line.strip()],
                "answers": [
                    {"subgroup": answer.subgroup.name, "points": answer.points()}
                    for answer in question.answers.all()
                    if answer.points()
                ],
            }
            for question in outcome.subquestions.all()
        ],
        sections=[
            {
                "heading": section.heading,
                "items": section.item_list(),
                "subsections": [{"heading": sub.heading, "items": sub.item_list()} for sub in subsections],
            }
            for section, subsections in outcome.section_tree()
        ],
        actions=[action_row(action, show_names=show_names) for action in session.actions.all()],
        footnote=footnote(outcome),
    )
    return data


def session_summary_context(*, session: Session, include_personal_data: bool) -> dict[str, Any]:
    session = _sessions_for_reports().get(pk=session.pk)
    summary = session_summary(session, show_names=include_personal_data)
    return {"document_title": summary["title"], "circle_name": session.circle.name, "summary": summary}


def public_summary_context(*, session: Session) -> dict[str, Any]:
    """The openbaar verslag as the public kennisbank page shows it, in the summary's layout: its
    content (public_outcome_context) and nothing else. No introduction or grouping (they may name
    people), no attendance, no action owners, facilitators only when they agreed."""
    session = _sessions_for_reports().get(pk=session.pk)
    outcome: Outcome = session.outcome
    public = public_outcome_context(outcome)
    named = named_in_public(session.facilitators.all())
    summary = {
        "title": summary_title(session),
        "number": session.number,
        "ordinal": ordinal(session.number),
        "date": session.date,
        "leaders": _("Begeleiding: %(names)s.") % {"names": introductions.facilitators_text(named)} if named else "",
        "circle_goal": public["circle"]["goal"],
        "teams": introductions.teams_sentence(session.circle),
        "attendance": {"total": 0},
        "has_outcome": True,
        "show_names": False,
        "is_established": True,
        "introduction": "",
        "central_question": public["central_question"],
        "method": outcome_method_text(outcome.method),
        "parts": public["parts"],
        "grouping": "",
        "subquestions": [
            {
                "text": result["question"],
                "remarks": result["remarks"],
                "answers": [{"subgroup": name, "points": points} for name, points in result["answers"]],
            }
            for result in public["results"]
        ],
        "sections": [
            {
                "heading": heading,
                "items": items,
                "subsections": [{"heading": sub, "items": sub_items} for sub, sub_items in subsections],
            }
            for heading, items, subsections in public["sections"]
        ],
        "actions": [action_row(action, show_names=False) for action in session.actions.all()],
        "footnote": footnote(outcome),
    }
    url = settings.SITE_URL + reverse("kennisbank:public_outcome", args=[session.code])
    return {
        "document_title": summary["title"],
        "circle_name": session.circle.name,
        "summary": summary,
        "kind": public["circle"]["kind"],
        "blocks": public["blocks"],
        "public_url": url,
    }


def circle_facts(circle: Circle) -> dict[str, Any]:
    organisations = dict(Organisation.choices)
    return {
        "name": circle.name,
        "kind": circle.get_kind_display(),
        "status": circle.get_status_display(),
        "start_date": circle.start_date,
        "end_date": circle.end_date,
        "location": circle.location,
        "team": circle.team,
        "teams": circle.teams_text,
        "capacity": circle.capacity,
        "project_leader": person_name(circle.project_leader),
        "goal": circle.goal,
        "description": circle.description,
        "audience": [str(organisations.get(value, value)) for value in circle.audience or []],
        "building_blocks": [{"number": b.number, "name": b.display_name} for b in circle.building_blocks.all()],
    }


def session_row(session: Session) -> dict[str, Any]:
    outcome: Outcome | None = getattr(session, "outcome", None)
    attendance = attendance_summary(session)
    return {
        "number": session.number,
        "date": session.date,
        "start_time": session.start_time,
        "end_time": session.end_time,
        "location": session.location,
        "theme": session.theme,
        "facilitators": get_text_list([person_name(u) for u in people_sorted(session.facilitators.all())], _("en")),
        "attendance_total": attendance["total"],
        "attendance_groups": attendance["groups"],
        "outcome_status": outcome.get_status_display() if outcome else _("Geen verslag"),
    }


def participant_rows(circle: Circle) -> list[dict[str, str]]:
    registrations = people_sorted(circle.registrations.filter(status=Registration.Status.CONFIRMED).order_by("pk"))
    return [
        {
            "name": registration.full_name,
            "organisation": registration.get_organisation_display(),
            "team": registration.team,
            "function": registration.get_function_display(),
        }
        for registration in registrations
    ]


def participants_line(*, confirmed: int, waiting: int, capacity: int, peak: int) -> str:
    """'14 aangemeld (maximaal 25), tot 26 aanwezig per bijeenkomst, 2 op de wachtlijst'.

    Agrees with the attendance beside it: a circle whose participants did not sign up through
    Leerkring (counts entered per function group) says how many came, not "0 aangemeld".
    """
    if confirmed:
        line = ngettext(
            "%(n)d aangemeld (maximaal %(capacity)d)", "%(n)d aangemeld (maximaal %(capacity)d)", confirmed
        ) % {"n": confirmed, "capacity": capacity}
    elif peak:
        line = _("niet via Leerkring aangemeld (maximaal %(capacity)d)") % {"capacity": capacity}
    else:
        line = _("nog geen aanmeldingen (maximaal %(capacity)d)") % {"capacity": capacity}
    parts = [line]
    if peak > confirmed:
        parts.append(
            ngettext("tot %(n)d aanwezig per bijeenkomst", "tot %(n)d aanwezig per bijeenkomst", peak) % {"n": peak}
        )
    if waiting:
        parts.append(ngettext("%(n)d op de wachtlijst", "%(n)d op de wachtlijst", waiting) % {"n": waiting})
    text = ", ".join(parts)
    return text[0].upper() + text[1:]


def circle_report_context(*, circle: Circle, include_personal_data: bool) -> dict[str, Any]:
    """Facts, bouwstenen, sessions with attendance and a chart, established summaries, open actions."""
    circle = Circle.objects.select_related("project_leader").prefetch_related("building_blocks").get(pk=circle.pk)
    sessions = list(_sessions_for_reports().filter(circle=circle).order_by("date", "start_time", "pk"))
    counts = attendance_table(sessions)
    registrations = circle.registrations.exclude(status=Registration.Status.CANCELLED)
    open_actions = [
        action_row(action, show_names=include_personal_data) for session in sessions for action in session.actions.all()
    ]
    return {
        "document_title": _("Rapport %(circle)s") % {"circle": circle.name},
        "circle_name": circle.name,
        "include_personal_data": include_personal_data,
        "facts": circle_facts(circle),
        "participants_line": participants_line(
            confirmed=registrations.filter(status=Registration.Status.CONFIRMED).count(),
            waiting=registrations.filter(status=Registration.Status.WAITLIST).count(),
            capacity=circle.capacity,
            peak=max((sum(c.values()) for _s, c in counts), default=0),
        ),
        "sessions": [session_row(session) for session in sessions],
        "chart": attendance_chart_svg(counts) if any(c for _s, c in counts) else "",
        "summaries": [
            session_summary(session, show_names=include_personal_data)
            for session in sessions
            if getattr(session, "outcome", None) and session.outcome.status == Outcome.Status.ESTABLISHED
        ],
        "open_actions": [row for row in open_actions if row["is_open"]],
        "participants": participant_rows(circle) if include_personal_data else [],
        **evaluation_context(circle),
    }


def evaluation_context(circle: Circle) -> dict[str, Any]:
    """The evaluation's anonymous results (never who answered or not), as on the circle page."""
    results = evaluation_results(circle, with_names=False)
    part = results.evaluation_results
    return {
        "evaluation": results,
        "evaluation_chart": ratings_chart_svg(part.statements) if part.shown and part.statements else "",
    }


def certificate_verify_url(certificate: Certificate) -> str:
    return f"{settings.SITE_URL}{reverse('certificates:verify', args=[certificate.code])}"


def certificate_qr_data_uri(url: str) -> str:
    """The verification URL as a QR code, an SVG data URI the PDF renderer embeds without fetching."""
    return str(segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#000", light=None))


def certificate_context(*, certificate: Certificate) -> dict[str, Any]:
    """The name, the frozen facts of the certificate row, and how to verify it."""
    certificate = Certificate.objects.select_related("registration__circle").get(pk=certificate.pk)
    registration = certificate.registration
    facts = certificate.facts
    url = certificate_verify_url(certificate)
    sessions = [
        {
            **session,
            "date": datetime.date.fromisoformat(session["date"]),
            "hours": hours_text(session["minutes"]),
        }
        for session in facts["sessions"]
    ]
    register = ""
    if registration.registration_number:
        register = f"{registration.get_professional_register_display()} {registration.registration_number}"
    return {
        "document_title": _("Deelnamebewijs %(circle)s") % {"circle": facts["circle"]},
        "circle_name": facts["circle"],
        "certificate": certificate,
        "name": registration.full_name,
        "register": register,
        "facts": facts,
        "kind": Circle.Kind(facts["kind"]).label,
        "sessions": sessions,
        "facilitators": get_text_list(facts["facilitators"], _("en")),
        "hours": certificate.hours,
        "verify_url": url,
        "qr": certificate_qr_data_uri(url),
    }


def signals_report_context(*, period: int) -> dict[str, Any]:
    """'Signalen uit de praktijk' of one year: each circle with its signals, in session order.

    Names no people (not who marked a signal): the PDF is meant to be shared with the municipality.
    """
    signals = (
        PolicySignal.objects.filter(outcome__session__date__year=period)
        .select_related("outcome__session__circle")
        .order_by(
            "outcome__session__circle__start_date", "outcome__session__circle__name", "outcome__session__number", "pk"
        )
    )
    circles: list[dict[str, Any]] = []
    counts = dict.fromkeys(PolicySignal.Status.values, 0)
    for signal in signals:
        session = signal.outcome.session
        if not circles or circles[-1]["code"] != session.circle.code:
            circles.append({"code": session.circle.code, "name": session.circle.name, "signals": []})
        counts[signal.status] += 1
        circles[-1]["signals"].append(
            {
                "text": signal.text,
                "note": signal.note,
                "source": signal.source,
                "session": _("Bijeenkomst %(number)d, %(date)s")
                % {"number": session.number, "date": long_date(session.date)},
                "status": signal.get_status_display(),
                "reply": signal.reply,
            }
        )
    return {
        "document_title": _("Signalen uit de praktijk %(period)d") % {"period": period},
        "period": period,
        "circles": circles,
        "total": sum(counts.values()),
        "status_counts": [(label, counts[value]) for value, label in PolicySignal.Status.choices],
    }


def reflection_context(*, registration: Registration) -> dict[str, Any]:
    """The sessions attended with their themes and bouwstenen, and who guided them."""
    registration = Registration.objects.select_related("circle__project_leader").get(pk=registration.pk)
    circle = registration.circle
    attended = (
        circle.sessions.filter(attendances__registration=registration, attendances__present=True)
        .prefetch_related("facilitators", "building_blocks")
        .order_by("date", "start_time", "pk")
    )
    sessions = [
        {
            "number": session.number,
            "date": session.date,
            "start_time": session.start_time,
            "end_time": session.end_time,
            "theme": session.theme,
            "building_blocks": [str(b) for b in session.building_blocks.all()],
            "hours": hours_text(int(session.duration.total_seconds() // 60)),
        }
        for session in attended
    ]
    facilitators = {user.pk: user for session in attended for user in session.facilitators.all()}
    register = ""
    if registration.registration_number:
        register = f"{registration.get_professional_register_display()} {registration.registration_number}"
    return {
        "document_title": _("Reflectieverklaring %(circle)s") % {"circle": circle.name},
        "circle_name": circle.name,
        "name": registration.full_name,
        "register": register,
        "circle": circle_facts(circle),
        "sessions": sessions,
        "hours": hours_text(sum(int(session.duration.total_seconds() // 60) for session in attended)),
        "facilitators": get_text_list([person_name(user) for user in people_sorted(facilitators.values())], _("en")),
    }


def programme_circles(period: int) -> QuerySet[Circle]:
    """The circles announced for a period (a year): published, closed to sign-up, or since completed."""
    return (
        Circle.objects.filter(status__in=Circle.PUBLIC_CALENDAR_STATUSES, start_date__year=period)
        .prefetch_related(
            "building_blocks",
            Prefetch(
                "sessions",
                queryset=Session.objects.order_by("date", "start_time", "pk").prefetch_related(
                    "facilitators__facilitator_profile"
                ),
            ),
        )
        .order_by("start_date", "name", "pk")
    )


def _programme_circle(circle: Circle) -> dict[str, Any]:
    sessions = list(circle.sessions.all())
    people = {user.pk: user for session in sessions for user in session.facilitators.all()}
    # A public document: only facilitators who agreed to be named in public are printed.
    named = [
        user
        for user in people.values()
        if getattr(user, "facilitator_profile", None) and user.facilitator_profile.name_public
    ]
    url = f"{settings.SITE_URL}{reverse('circles:public_detail', args=[circle.code])}"
    return {
        "name": circle.name,
        "kind": circle.get_kind_display(),
        "goal": circle.goal,
        "description": circle.description,
        "start_date": circle.start_date,
        "end_date": circle.end_date,
        "location": circle.location,
        "building_blocks": [{"number": b.number, "name": b.display_name} for b in circle.building_blocks.all()],
        "sessions": [
            {
                "number": s.number,
                "date": s.date,
                "start": s.start_time,
                "end": s.end_time,
                "location": s.location or circle.location,
            }
            for s in sessions
        ],
        "facilitators": [person_name(user) for user in people_sorted(named)],
        "open": circle.status == Circle.Status.PUBLISHED,
        "signup_url": url,
        "qr": certificate_qr_data_uri(url),
    }


def programme_context(*, period: int) -> dict[str, Any]:
    """The programme folder of a period: the staff's introduction, every announced circle, the eight bouwstenen."""
    folder = ProgrammeFolder.objects.filter(period=period).first()
    return {
        "document_title": _("Leerkringen %(period)d") % {"period": period},
        "period": period,
        "introduction": folder.introduction if folder else "",
        "circles": [_programme_circle(circle) for circle in programme_circles(period)],
        "building_blocks": [
            {"number": b.number, "name": b.display_name, "description": b.display_description}
            for b in BuildingBlock.objects.all()
        ],
    }
