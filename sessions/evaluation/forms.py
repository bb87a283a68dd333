"""The participant's answer form (built from the circle's questionnaire) and the project leader's
questionnaire form. Labels and messages are translated; the templates decide the look."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sessions.evaluation.models import IMPACT_QUESTION, SCALE, Evaluation, EvaluationResponse

ANSWER_LIMIT = 3000
MAX_STATEMENTS = 8
MAX_QUESTIONS = 5
SCALE_CHOICES = [(value, str(value)) for value in SCALE]


class AnswerForm(forms.Form):
    """One field per statement (1–5, required) and per open question (optional)."""

    def __init__(self, *args: Any, evaluation: Evaluation, response: EvaluationResponse, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.impact = response.is_impact
        self.statements = [] if self.impact else list(evaluation.statements)
        self.questions = [str(IMPACT_QUESTION)] if self.impact else list(evaluation.questions)
        for index, statement in enumerate(self.statements):
            initial = response.ratings[index] if index < len(response.ratings) else None
            self.fields[f"statement_{index}"] = forms.TypedChoiceField(
                label=statement,
                choices=SCALE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                initial=initial,
                error_messages={"required": _("Kies een waarde van 1 tot 5.")},
            )
        for index, question in enumerate(self.questions):
            initial = response.answers[index] if index < len(response.answers) else ""
            self.fields[f"question_{index}"] = forms.CharField(
                label=question,
                required=self.impact,
                max_length=ANSWER_LIMIT,
                initial=initial,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={
                    "required": _("Vul hier uw antwoord in."),
                    "max_length": _("Houd uw antwoord korter dan %(limit_value)d tekens (nu %(show_value)d)."),
                },
            )

    def ratings(self) -> list[int | None]:
        return [self.cleaned_data[f"statement_{index}"] for index in range(len(self.statements))]

    def answers(self) -> list[str]:
        return [self.cleaned_data[f"question_{index}"].strip() for index in range(len(self.questions))]


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class QuestionnaireForm(forms.ModelForm):
    """Statements and open questions one per line; they are fixed once invitations have gone out."""

    statements_text = forms.CharField(
        label=_("Stellingen (één per regel, beoordeeld van 1 tot 5)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Geef minstens één stelling.")},
    )
    questions_text = forms.CharField(
        label=_("Open vragen (één per regel)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    class Meta:
        model = Evaluation
        fields = ["closes_on", "impact"]
        widgets = {"closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "closes_on": _("Leeg: vier weken na de laatste bijeenkomst."),
            "impact": _("Drie maanden na de laatste bijeenkomst: “Wat heeft u toegepast, en wat veranderde er?”"),
        }

    def __init__(self, *args: Any, locked: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["statements_text"].initial = "\n".join(self.instance.statements)
        self.fields["questions_text"].initial = "\n".join(self.instance.questions)
        self.locked = locked
        if locked:
            self.fields["statements_text"].disabled = True
            self.fields["questions_text"].disabled = True

    def clean_statements_text(self) -> str:
        value: str = self.cleaned_data["statements_text"]
        if not self.locked and len(_lines(value)) > MAX_STATEMENTS:
            raise forms.ValidationError(_("Geef hoogstens %(count)d stellingen.") % {"count": MAX_STATEMENTS})
        return value

    def clean_questions_text(self) -> str:
        value: str = self.cleaned_data["questions_text"]
        if not self.locked and len(_lines(value)) > MAX_QUESTIONS:
            raise forms.ValidationError(_("Geef hoogstens %(count)d open vragen.") % {"count": MAX_QUESTIONS})
        return value

    def save(self, commit: bool = True) -> Evaluation:
        evaluation: Evaluation = super().save(commit=False)
        if not self.locked:
            evaluation.statements = _lines(self.cleaned_data["statements_text"])
            evaluation.questions = _lines(self.cleaned_data["questions_text"])
        if commit:
            evaluation.save()
        return evaluation
