"""The evaluation's results, read once per page: response rate, per statement the average and the
distribution, the open answers without names, and (for the project leader) who has not answered.

Nothing is shown of fewer than MIN_ANSWERS answers, so no one is identifiable. Open answers are
sorted by their text, not by when they came in, so their order does not point at anyone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from circles.models import Circle, Registration
from leerkring.core.names import people_sorted
from sessions.evaluation.models import IMPACT_QUESTION, MIN_ANSWERS, SCALE, Evaluation, EvaluationResponse

Kind = EvaluationResponse.Kind


@dataclass(frozen=True)
class StatementResult:
    statement: str
    counts: list[int]  # per value of SCALE

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def average(self) -> float | None:
        if not self.total:
            return None
        return sum(value * count for value, count in zip(SCALE, self.counts, strict=True)) / self.total


@dataclass(frozen=True)
class QuestionResult:
    question: str
    answers: list[str]


@dataclass(frozen=True)
class KindResults:
    """The results of the evaluation or of the impact follow-up."""

    kind: str
    invited: int
    answered: int
    statements: list[StatementResult] = field(default_factory=list)
    questions: list[QuestionResult] = field(default_factory=list)
    not_answered: list[Registration] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.answered >= MIN_ANSWERS

    @property
    def rate(self) -> int:
        return round(100 * self.answered / self.invited) if self.invited else 0

    @property
    def is_impact(self) -> bool:
        return self.kind == Kind.IMPACT


@dataclass(frozen=True)
class EvaluationResults:
    evaluation: Evaluation
    evaluation_results: KindResults
    impact_results: KindResults | None

    @property
    def min_answers(self) -> int:
        return MIN_ANSWERS


def _statements(statements: list[str], responses: list[EvaluationResponse]) -> list[StatementResult]:
    results = []
    for index, statement in enumerate(statements):
        counts = [0 for _value in SCALE]
        for response in responses:
            value = response.ratings[index] if index < len(response.ratings) else None
            if value in SCALE:
                counts[SCALE.index(value)] += 1
        results.append(StatementResult(statement, counts))
    return results


def _questions(questions: list[str], responses: list[EvaluationResponse]) -> list[QuestionResult]:
    results = []
    for index, question in enumerate(questions):
        answers = [response.answers[index] for response in responses if index < len(response.answers)]
        results.append(QuestionResult(question, sorted(answer for answer in answers if answer)))
    return results


def _kind_results(
    evaluation: Evaluation, kind: str, responses: list[EvaluationResponse], *, with_names: bool
) -> KindResults:
    of_kind = [response for response in responses if response.kind == kind]
    answered = [response for response in of_kind if response.is_answered]
    waiting = [r.registration for r in of_kind if not r.is_answered and r.registration.anonymised_at is None]
    missing = people_sorted(waiting) if with_names else []
    result = KindResults(kind=kind, invited=len(of_kind), answered=len(answered), not_answered=missing)
    if not result.shown:
        return result
    statements = [] if kind == Kind.IMPACT else list(evaluation.statements)
    questions = [str(IMPACT_QUESTION)] if kind == Kind.IMPACT else list(evaluation.questions)
    return KindResults(
        kind=kind,
        invited=result.invited,
        answered=result.answered,
        statements=_statements(statements, answered),
        questions=_questions(questions, answered),
        not_answered=missing,
    )


def evaluation_results(circle: Circle, *, with_names: bool) -> EvaluationResults:
    """Two queries: the questionnaire and the responses (with their sign-ups, for the names)."""
    evaluation = Evaluation.objects.filter(circle=circle).first() or Evaluation(circle=circle)
    responses = list(
        # Anonymised sign-ups (retention) still count: the answers carry no names.
        EvaluationResponse.objects.filter(registration__circle=circle).select_related("registration").order_by("pk")
    )
    impact_invited = any(response.kind == Kind.IMPACT for response in responses)
    return EvaluationResults(
        evaluation=evaluation,
        evaluation_results=_kind_results(evaluation, Kind.EVALUATION, responses, with_names=with_names),
        impact_results=(
            _kind_results(evaluation, Kind.IMPACT, responses, with_names=with_names)
            if evaluation.impact or impact_invited
            else None
        ),
    )
