"""The participant's evaluation page (signed link, no account) and the project leader's questionnaire."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from circles.access import circle_for_user
from leerkring.core.http import AuthenticatedHttpRequest
from sessions.evaluation.forms import AnswerForm, QuestionnaireForm
from sessions.evaluation.services import (
    EvaluationClosed,
    LinkInvalid,
    evaluation_of,
    invitations_sent,
    response_from_token,
    response_save,
    response_window,
)


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the questions (with earlier answers); POST stores them, until the evaluation closes."""
    try:
        response = response_from_token(token)
    except LinkInvalid:
        return render(request, "sessions/evaluation_invalid.html", status=400)
    window = response_window(response)
    closed = window.is_closed(timezone.localdate())
    form = AnswerForm(request.POST or None, evaluation=window.evaluation, response=response)
    if request.method == "POST" and not closed and form.is_valid():
        try:
            response_save(response=response, ratings=form.ratings(), answers=form.answers(), today=timezone.localdate())
        except EvaluationClosed:
            closed = True
        else:
            messages.success(request, _("Dank u wel! Uw antwoorden zijn opgeslagen."))
            return redirect(request.path)
    context = {
        "response": response,
        "circle": response.registration.circle,
        "form": form,
        "closed": closed,
        "closes_on": window.closes_on,
    }
    return render(request, "sessions/evaluation_answer.html", context, status=410 if closed else 200)


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """The project leader adjusts the circle's questions (until invitations go out) and the closing day."""
    circle = circle_for_user(request.user, code, change=True)
    locked = invitations_sent(circle)
    form = QuestionnaireForm(request.POST or None, instance=evaluation_of(circle), locked=locked)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("De evaluatie is opgeslagen."))
        return redirect("circles:detail", code=circle.code)
    return render(request, "sessions/evaluation_questionnaire.html", {"circle": circle, "form": form})
