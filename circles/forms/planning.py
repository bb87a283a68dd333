"""The project leader's circle form."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from buildingblocks.models import BuildingBlock
from circles import rules
from circles.models import Circle, Organisation
from leerkring.core import textlimits
from leerkring.core.names import ByNameChoiceIterator
from leerkring.core.roles import PROJECTLEIDER
from leerkring.core.textlimits import bound_text_fields

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def person_label(user: User) -> str:
    return user.get_full_name() or user.get_username()


class PersonChoiceField(forms.ModelChoiceField):
    iterator = ByNameChoiceIterator

    def label_from_instance(self, obj: User) -> str:
        return person_label(obj)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    iterator = ByNameChoiceIterator

    def label_from_instance(self, obj: User) -> str:
        return person_label(obj)


class TeamListField(forms.CharField):
    """One team per line, stored as a list: empty lines and repeats left out, the order kept."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        teams: list[str] = []
        for line in str(value or "").splitlines():
            name = " ".join(line.split())
            if name and name.casefold() not in {team.casefold() for team in teams}:
                teams.append(name)
        return teams

    def validate(self, value: Any) -> None:
        if len(value) > textlimits.MAX_TEAMS:
            raise forms.ValidationError(
                _("Er passen %(limit)d teams; u noemde er %(count)d. Voeg teams samen of laat er een paar weg.")
                % {"limit": textlimits.MAX_TEAMS, "count": len(value)}
            )
        too_long = [team for team in value if len(team) > textlimits.TEAM_NAME]
        if too_long:
            raise forms.ValidationError(
                _(
                    "Een teamnaam heeft hoogstens %(limit)d tekens: kort „%(team)s…” in. "
                    "Zet elk team op een eigen regel."
                )
                % {"limit": textlimits.TEAM_NAME, "team": too_long[0][:30]}
            )

    def run_validators(self, value: Any) -> None:
        """The limits are checked per team in `validate`, not on the joined text."""


class CircleForm(forms.ModelForm):
    """A concept is saved as typed; once a circle is open it must stay ready to publish."""

    audience = forms.MultipleChoiceField(
        label=_("Doelgroep"),
        choices=Organisation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Voor wie is deze leerkring bedoeld?"),
    )
    teams = TeamListField(
        label=_("Deelnemende teams"),
        required=False,
        help_text=_(
            "Eén team of locatie per regel, bijvoorbeeld Hoogvliet. Zo staan ze op de pagina en in de verslagen."
        ),
    )
    building_blocks = forms.ModelMultipleChoiceField(
        label=_("Bouwstenen"),
        queryset=BuildingBlock.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Circle
        fields = [
            "name",
            "kind",
            "team",
            "teams",
            "description",
            "goal",
            "building_blocks",
            "audience",
            "start_date",
            "end_date",
            "capacity",
            "location",
            "project_leader",
            "certificate_threshold",
        ]
        field_classes = {"project_leader": PersonChoiceField}
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
            "goal": forms.Textarea(attrs={"rows": 3}),
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
        }
        help_texts = {
            "team": _("Alleen bij een leerkring op maat: het wijkteam of de vraagwijzer waarvoor hij is."),
            "location": _("Het adres waar de bijeenkomsten meestal zijn."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bound_text_fields(self)
        leaders = Q(groups__name=PROJECTLEIDER) | Q(is_superuser=True)
        if self.instance.pk:
            leaders |= Q(pk=self.instance.project_leader_id)
        field = self.fields["project_leader"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(leaders, is_active=True).distinct()
        # Left empty, the circle keeps its threshold (75% for a new one).
        self.fields["certificate_threshold"].required = False

    @property
    def strict(self) -> bool:
        """An open circle must keep meeting the rules it was published with."""
        return bool(self.instance.pk) and self.instance.is_strict

    def clean_certificate_threshold(self) -> int:
        value = self.cleaned_data.get("certificate_threshold")
        return self.instance.certificate_threshold if value is None else int(value)

    def clean_team(self) -> str:
        return self.cleaned_data["team"].strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # ModelForm.clean returns cleaned_data
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Kies een einddatum op of na de startdatum."))
        if data.get("kind") == Circle.Kind.THEMA:
            data["team"] = ""
        if self.strict:
            self._clean_open_circle(data)
        return data

    def _clean_open_circle(self, data: dict[str, Any]) -> None:
        """The publishing rules (circles/rules.py) about the circle itself, each next to its field."""
        problems = []
        if "building_blocks" in data:
            problems.append(rules.building_blocks_problem(bool(data["building_blocks"])))
        if "team" in data:
            problems.append(rules.team_problem(data.get("kind", ""), data["team"]))
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and start <= end:
            problems += rules.circle_period_problems(self.instance, start, end)
        for problem in problems:
            if problem is not None:
                self.add_error(problem.field, problem.message)


class CircleCopyForm(forms.Form):
    """The new period's name and first day; the sessions move along by the same number of days."""

    name = forms.CharField(label=_("Naam"), max_length=200)
    start_date = forms.DateField(
        label=_("Startdatum van de nieuwe periode"),
        widget=DATE_WIDGET,
        help_text=_("De bijeenkomsten schuiven evenveel dagen op. Kies dezelfde weekdag om de weekdagen te houden."),
    )

    def __init__(self, *args: Any, circle: Circle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.circle = circle
        if not self.is_bound:
            self.initial.update({"name": circle.name, "start_date": next_period_start(circle)})

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip()


def next_period_start(circle: Circle) -> datetime.date:
    """The first day after the circle's period on the same weekday as its start."""
    weeks = (circle.end_date - circle.start_date).days // 7 + 1
    return circle.start_date + datetime.timedelta(weeks=weeks)
