"""How much text a free-text field takes, and how a form says "too long" (issue 9, point 5).

The limits come from the seed documents, far above what a person writing a real verslag
reaches: the real "Samenvatting opbrengst" (seeds/samenvatting-opbrengst-leerkring-1.txt) is
6,352 characters in all, its longest answer about 300 and its introduction about 1,000; the
longest paragraph of the 2016 programme folder is 548. Text past these limits is a paste gone
wrong or a crafted request, and it would make every PDF of the circle slow (tests/bench prints
the render time of the largest verslag these limits allow).

Model fields carry the limits (so ModelForms and the admin follow them); the verslag's
hand-made form fields name the same constants.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

# One answer of a subgroup, the points of a free section, remarks, an introduction: 30x the seed's longest.
LONG_TEXT = 10_000
# A paragraph: the method, the parts of a session, the grouping, a circle's description and goal.
PARAGRAPH = 5_000
# A question or an action: the central question, a deelvraag, what an action is.
QUESTION = 1_000
# The whole verslag, every text field and row together: ten times the seed's summary.
VERSLAG_TOTAL = 60_000
# Rows of a verslag: the seed has four subgroups, four deelvragen, one action list.
MAX_SUBGROUPS = 10
MAX_SUBQUESTIONS = 20
MAX_SECTIONS = 20
MAX_ACTIONS = 30
# Teams taking part in one circle: the seed names four (Hoogvliet, Charlois, IJsselmonde, Pernis) of nine.
MAX_TEAMS = 20
TEAM_NAME = 100

TOO_LONG = _(
    "Deze tekst telt %(show_value)d tekens; er passen er %(limit_value)d. Kort hem in of verdeel hem over "
    "meer velden. De rest van wat u invulde, staat er nog."
)


def bound_text_fields(form: forms.BaseForm) -> None:
    """Give every length-limited text field of `form` our message, and its textareas no maxlength
    attribute: a browser cuts a paste at maxlength without a word, so the form says it is too long
    instead, and the text stays for the writer to shorten."""
    for field in form.fields.values():
        if not isinstance(field, forms.CharField) or field.max_length is None:
            continue
        field.error_messages["max_length"] = TOO_LONG
        if isinstance(field.widget, forms.Textarea):
            field.widget.attrs.pop("maxlength", None)


def text_field(*, label: Any, limit: int, rows: int, required: bool = True, **kwargs: Any) -> forms.CharField:
    """A multi-line text field of a hand-made form, with its limit and our message."""
    field = forms.CharField(
        label=label,
        max_length=limit,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": TOO_LONG},
        **kwargs,
    )
    field.widget.attrs.pop("maxlength", None)  # see bound_text_fields
    return field
