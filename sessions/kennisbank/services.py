"""Keeping the kennisbank's search row of a verslag current (sessions/services/outcomes.py calls
`outcome_index` after every save, establish and reopen: a verslag changes nowhere else)."""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import TextField, Value
from django.db.models.expressions import CombinedExpression

from sessions.kennisbank.models import OutcomeSearch
from sessions.models import Outcome

# PostgreSQL's Dutch text search: stems "wijkteams" and "wijkteam" alike, drops "de", "het", "en".
CONFIG = "dutch"


def outcome_search_parts(outcome: Any) -> tuple[str, str, str]:
    """(centrale vraag, deelvragen, the rest: remarks, subgroups and their answers, free sections,
    action descriptions). Owners' names and the introduction (which names people) stay out.

    Uses plain fields and relations only, so migration 0011 indexes older verslagen with it too.
    """
    questions, rest = [], []
    rest += [subgroup.name for subgroup in outcome.subgroups.order_by("position", "pk")]
    for question in outcome.subquestions.order_by("position", "pk").prefetch_related("answers"):
        questions.append(question.text)
        rest += [question.remarks, *(answer.text for answer in question.answers.all())]
    for section in outcome.sections.order_by("position", "pk"):
        rest += [section.heading, section.items]
    rest += list(outcome.session.actions.order_by("position", "pk").values_list("description", flat=True))
    return outcome.central_question, _lines(questions), _lines(rest)


def _lines(texts: list[str]) -> str:
    return "\n".join(text.strip() for text in texts if text.strip())


def search_vector(head: str, questions: str, rest: str) -> CombinedExpression:
    """The centrale vraag weighs most in the ranking, then the deelvragen, then everything else."""
    parts = [(head, "A"), (questions, "B"), (rest, "C")]
    vectors = [SearchVector(Value(text, output_field=TextField()), config=CONFIG, weight=w) for text, w in parts]
    return vectors[0] + vectors[1] + vectors[2]


def outcome_index(*, outcome: Outcome) -> None:
    """Write the verslag's search row: its text everywhere, its vector on PostgreSQL."""
    head, questions, rest = outcome_search_parts(outcome)
    text = _lines([head, questions, rest])
    OutcomeSearch.objects.update_or_create(outcome=outcome, defaults={"text": text})
    if connection.vendor == "postgresql":
        OutcomeSearch.objects.filter(pk=outcome.pk).update(vector=search_vector(head, questions, rest))
