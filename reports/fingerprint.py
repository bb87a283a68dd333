"""A cheap fingerprint of everything a report reads, so a request decides reuse without building the report.

The web request used to build the whole report context only to hash it, and the worker built it
again. Instead: the latest change time and row count of every table a report reads, for the
report's circle, in one query; plus the names of the people it prints (users have no change
time), the layout, the language and the personal-data flag. Any change to what the report shows
changes one of these, so it gets a new PDF; no change hands back the PDF already made.
A report of one session is fingerprinted by its whole circle: it prints facts of other sessions
too (who leads, actions due at a later session).
"""

from __future__ import annotations

import functools
import hashlib
import json
from typing import Any

from django.contrib.auth.models import User
from django.db import connection
from django.db.models import (
    Count,
    DateTimeField,
    Field,
    IntegerField,
    Max,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from circles.models import Circle, Registration, Session
from reports.models import Report
from sessions.evaluation.models import Evaluation, EvaluationResponse
from sessions.models import (
    Action,
    Answer,
    Attendance,
    AttendanceCount,
    Outcome,
    Section,
    Subgroup,
    SubQuestion,
)

# Each table a report reads, and how its rows lead to the circle.
READS: dict[str, tuple[type[Model], str]] = {
    "sessions": (Session, "circle"),
    "registrations": (Registration, "circle"),
    "outcomes": (Outcome, "session__circle"),
    "subgroups": (Subgroup, "outcome__session__circle"),
    "subquestions": (SubQuestion, "outcome__session__circle"),
    "answers": (Answer, "subquestion__outcome__session__circle"),
    "sections": (Section, "outcome__session__circle"),
    "actions": (Action, "circle"),
    "attendance": (Attendance, "session__circle"),
    "counts": (AttendanceCount, "session__circle"),
    "evaluations": (Evaluation, "circle"),
    "evaluation_responses": (EvaluationResponse, "registration__circle"),
}


def _per_circle(model: type[Model], path: str, aggregate: Max | Count, output: Field[Any, Any]) -> Subquery:
    rows: QuerySet[Any] = model._default_manager.filter(**{path: OuterRef("pk")}).order_by()
    value = rows.values(path).annotate(value=aggregate).values("value")
    return Subquery(value, output_field=output)


def _changes_query(circle_pk: int) -> QuerySet[Circle, Any]:
    annotations: dict[str, Any] = {}
    for name, (model, path) in READS.items():
        annotations[f"{name}_changed"] = _per_circle(model, path, Max("updated_at"), DateTimeField())
        counted = _per_circle(model, path, Count("pk"), IntegerField())
        annotations[f"{name}_count"] = Coalesce(counted, Value(0), output_field=IntegerField())
    return Circle.objects.filter(pk=circle_pk).values("updated_at", "project_leader_id", **annotations)


# Compiling twenty subqueries costs the ORM far more than running them: compile once per database
# vendor with a stand-in key, then run the SQL with the real one.
_STAND_IN = -7_301_947_215


@functools.cache
def _compiled_changes(vendor: str) -> tuple[str, tuple[Any, ...], tuple[str, ...]]:
    query = _changes_query(_STAND_IN)
    sql, params = query.query.sql_with_params()
    assert _STAND_IN in params, "the stand-in key must reach the SQL as a parameter"
    return sql, tuple(params), tuple(query.query.values_select) + tuple(query.query.annotation_select)


def circle_changes(circle_pk: int) -> dict[str, Any]:
    """The circle's own change time and, per table it reaches, the latest change time and row count: one query."""
    sql, params, columns = _compiled_changes(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [circle_pk if value == _STAND_IN else value for value in params])
        row = cursor.fetchone()
    if row is None:
        raise Circle.DoesNotExist
    return dict(zip(columns, row, strict=True))


def people_printed(circle_pk: int, project_leader_id: int) -> list[tuple[int, str, str, str]]:
    """The project leader and the facilitators, by what the report prints of them: one query."""
    people = User.objects.filter(Q(pk=project_leader_id) | Q(facilitated_sessions__circle_id=circle_pk)).distinct()
    return list(people.order_by("pk").values_list("pk", "username", "first_name", "last_name"))


def report_fingerprint(report: Report, *, layout: str) -> str:
    """Two requests with the same fingerprint would render the same PDF."""
    changes = circle_changes(report.circle_id)
    state: dict[str, Any] = {
        "kind": report.kind,
        "session": report.session_id,
        "language": report.language,
        "personal_data": report.include_personal_data,
        "layout": layout,
        "changes": changes,
        "people": people_printed(report.circle_id, changes["project_leader_id"]),
    }
    if report.kind == Report.Kind.PUBLIC_SUMMARY:
        # Who agreed to be named in public: profiles have no change time. (Only an openbaar verslag gets this far.)
        state["named"] = list(
            User.objects.filter(facilitated_sessions=report.session_id, facilitator_profile__name_public=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    encoded = json.dumps(state, sort_keys=True, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()
