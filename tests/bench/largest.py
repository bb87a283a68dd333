"""The largest verslag the limits allow (leerkring/core/textlimits.py): every row count at its maximum
and the text filled up to the verslag's total, in words of the seed summary, with one answer a single
unbroken "word" of the length a paste gone wrong would give. The PDF must render it in seconds."""

from __future__ import annotations

import itertools

from leerkring.core import textlimits
from sessions.demo import RESULTS
from tests.bench.data import Action, Answer, Outcome, Section, Session, Subgroup, SubQuestion


def seed_words() -> itertools.cycle[str]:
    """The words of the seed summary's answers (sessions/demo.py), over and over."""
    text = " ".join(" ".join([question, *answers, remarks]) for question, answers, remarks in RESULTS)
    return itertools.cycle(text.split())


def text_of(length: int, words: itertools.cycle[str]) -> str:
    """Dutch prose of exactly `length` characters, in sentences of the seed's words."""
    parts: list[str] = []
    size = 0
    while size < length:
        word = next(words)
        parts.append(word)
        size += len(word) + 1
    return " ".join(parts)[:length].rstrip()


def fill_largest_verslag(session: Session) -> tuple[Outcome, int]:
    """Fill `session`'s verslag to the limits; returns it and its number of characters."""
    words = seed_words()
    L = textlimits
    # The fixed fields at their own maxima, then the rows share what is left of the total.
    fields = {
        "central_question": text_of(L.QUESTION, words),
        "introduction": text_of(L.LONG_TEXT, words),
        "method": text_of(L.PARAGRAPH, words),
        "parts": text_of(L.PARAGRAPH, words),
        "grouping": text_of(L.PARAGRAPH, words),
    }
    outcome = Outcome.objects.create(session=session, **fields)
    used = sum(len(value) for value in fields.values())
    rows = L.MAX_SUBQUESTIONS * (1 + L.MAX_SUBGROUPS) + L.MAX_SECTIONS + L.MAX_ACTIONS
    unbroken = L.LONG_TEXT // 2
    each = (L.VERSLAG_TOTAL - used - unbroken) // rows
    groups = [
        Subgroup.objects.create(outcome=outcome, name=f"Subgroep {number}", position=number)
        for number in range(L.MAX_SUBGROUPS)
    ]
    for position in range(L.MAX_SUBQUESTIONS):
        question = SubQuestion.objects.create(outcome=outcome, text=text_of(each, words), position=position)
        Answer.objects.bulk_create(
            Answer(subquestion=question, subgroup=group, text=text_of(each, words)) for group in groups
        )
    first = Answer.objects.filter(subquestion__outcome=outcome).order_by("pk").first()
    assert first is not None
    first.text = "x" * unbroken  # a paste gone wrong: no space where the PDF could break the line
    first.save(update_fields=["text"])
    Section.objects.bulk_create(
        Section(outcome=outcome, heading=f"Onderdeel {number}", items=text_of(each, words).replace(". ", ".\n"),
                position=number)
        for number in range(L.MAX_SECTIONS)
    )  # fmt: skip
    Action.objects.bulk_create(
        Action(circle=session.circle, session=session, description=text_of(each, words), owner_name="Sandra de Groot")
        for _ in range(L.MAX_ACTIONS)
    )
    outcome.refresh_from_db()
    return outcome, verslag_length(outcome)


def verslag_length(outcome: Outcome) -> int:
    """Every text field and row of the verslag together, as the limit VERSLAG_TOTAL counts them."""
    fixed = ("central_question", "introduction", "method", "parts", "grouping")
    size = sum(len(getattr(outcome, name)) for name in fixed)
    size += sum(len(q.text) + len(q.remarks) for q in SubQuestion.objects.filter(outcome=outcome))
    size += sum(len(a.text) for a in Answer.objects.filter(subquestion__outcome=outcome))
    size += sum(len(s.heading) + len(s.items) for s in Section.objects.filter(outcome=outcome))
    size += sum(len(a.description) for a in Action.objects.filter(session=outcome.session))
    return size
