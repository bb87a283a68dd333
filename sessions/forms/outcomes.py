"""Forms for attendance and the verslag. The verslag is one form plus formsets, so it works without JavaScript."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django import forms
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from circles.models import Registration, Session
from leerkring.core import textlimits
from leerkring.core.names import people_sorted
from leerkring.core.textlimits import bound_text_fields, text_field
from sessions.forms.merge import (
    LIST_PREFIXES,
    MergeNotes,
    RowNote,
    conflict_error,
    merge_form_data,
    notes_from,
    resolve_choices,
    row_notes_from,
)
from sessions.models import Action, Outcome
from sessions.services.merge import Merge
from sessions.services.outcomes import (
    ActionInput,
    OutcomeInput,
    SectionInput,
    SubgroupInput,
    SubQuestionInput,
    outcome_suggestions,
    section_level_problem,
)

ONE_PER_LINE = _("Eén punt per regel.")


class RowForm(forms.Form):
    """A row of a formset: `id` points at the stored row, if any."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bound_text_fields(self)  # the single-line ones: names, headings, action owners

    def has_changed(self) -> bool:
        # Moving an empty row (which renumbers ORDER) does not make it a row to validate.
        return bool(set(self.changed_data) - {"ORDER", "id"})


class SubgroupForm(RowForm):
    name = forms.CharField(label=_("Naam van de subgroep"), max_length=100)


class SubQuestionForm(RowForm):
    text = text_field(label=_("Deelvraag"), limit=textlimits.QUESTION, rows=2)
    remarks = text_field(
        label=_("Opmerkingen"),
        limit=textlimits.LONG_TEXT,
        rows=2,
        required=False,
        help_text=_("Bijvoorbeeld opmerkingen van één subgroep."),
    )

    def __init__(self, *args: Any, subgroups: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subgroup_columns = subgroups
        for index, name in subgroups:
            self.fields[f"answer_{index}"] = self.answer_field(name)

    @staticmethod
    def answer_field(name: str) -> forms.CharField:
        return text_field(label=name, limit=textlimits.LONG_TEXT, rows=3, required=False, help_text=ONE_PER_LINE)

    def answer_fields(self) -> list[forms.BoundField]:
        return [self[f"answer_{index}"] for index, _name in self.subgroup_columns]


class SectionForm(RowForm):
    heading = forms.CharField(label=_("Kop"), max_length=200, help_text=_("Bijvoorbeeld Sterktes, of Kennis."))
    items = text_field(label=_("Punten"), limit=textlimits.LONG_TEXT, rows=3, required=False, help_text=ONE_PER_LINE)
    # The form index of the section this one lies within; the choices are set by OutcomeEditor.
    parent = forms.ChoiceField(label=_("Valt onder"), required=False)

    def has_changed(self) -> bool:
        # An empty row shown under a section ("+ Onderdeel binnen …") is still an empty row.
        return bool(set(self.changed_data) - {"ORDER", "id", "parent"})

    def parent_index(self) -> int | None:
        value = str(self["parent"].value() or "")
        return int(value) if value.isdigit() else None


@dataclass
class SectionRow:
    """A row of the free sections as the editor shows it: a section with its sub-sections under it."""

    form: SectionForm
    index: int | str  # "__prefix__" in the empty row that JavaScript copies
    number: str
    children: list[SectionRow] = field(default_factory=list)


class SessionChoiceField(forms.ChoiceField):
    """A choice among sessions the editor fetched once, so an action row adds no queries; cleans to the Session."""

    def __init__(self, *, empty_label: str | Promise, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.empty_label = empty_label
        self.sessions: dict[str, Session] = {}

    def set_sessions(self, sessions: list[Session]) -> None:
        self.sessions = {str(session.pk): session for session in sessions}
        labels = [(key, self.label_from_instance(session)) for key, session in self.sessions.items()]
        self.choices = [("", self.empty_label), *labels]

    def label_from_instance(self, obj: Session) -> str:
        return _("Bijeenkomst %(n)d (%(date)s)") % {"n": obj.number, "date": obj.date.strftime("%d-%m-%Y")}

    def clean(self, value: Any) -> Session | None:
        key = super().clean(value)
        return self.sessions[key] if key else None

    def has_changed(self, initial: Any, data: Any) -> bool:
        # The initial value is a primary key, the submitted one its text.
        return not self.disabled and str(initial if initial is not None else "") != str(data or "")


class ActionForm(RowForm):
    description = text_field(label=_("Wat gaat er gebeuren?"), limit=textlimits.QUESTION, rows=2)
    owner_name = forms.CharField(
        label=_("Actie-eigenaar"),
        max_length=200,
        help_text=_("Kies een deelnemer of begeleider, of typ een naam."),
        widget=forms.TextInput(attrs={"list": "action-owners", "autocomplete": "off"}),
    )
    due_session = SessionChoiceField(
        label=_("Terug in bijeenkomst"), required=False, empty_label=_("Geen vaste bijeenkomst")
    )

    def __init__(self, *args: Any, later_sessions: list[Session], **kwargs: Any) -> None:
        """`later_sessions` is a list, evaluated once for all rows."""
        super().__init__(*args, **kwargs)
        field = self.fields["due_session"]
        assert isinstance(field, SessionChoiceField)
        field.set_sessions(later_sessions)
        if later_sessions:
            field.initial = later_sessions[0].pk


class EarlierActionForm(forms.Form):
    action: Action | None  # set by OutcomeEditor, for the template
    id = forms.IntegerField(widget=forms.HiddenInput)
    done = forms.TypedChoiceField(
        label=_("Stand van zaken"),
        choices=[("0", _("Loopt door")), ("1", _("Afgerond"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )


class EstablishForm(forms.Form):
    """Establishing is a group decision: whoever clicks confirms the group discussed it."""

    discussed = forms.BooleanField(
        label=_("Besproken tijdens deze bijeenkomst"),
        error_messages={
            "required": _("Vink eerst aan dat de groep het verslag tijdens deze bijeenkomst heeft besproken.")
        },
    )
    publication = forms.ChoiceField(
        label=_("Publicatieniveau in de kennisbank"),
        choices=Outcome.Publication.choices,
        initial=Outcome.Publication.INTERN,
        required=False,
    )

    def clean_publication(self) -> str:
        return str(self.cleaned_data.get("publication") or Outcome.Publication.INTERN)


class PublicationForm(forms.Form):
    """The project leader changes the publication level of an established verslag."""

    publication = forms.ChoiceField(label=_("Publicatieniveau in de kennisbank"), choices=Outcome.Publication.choices)


class OutcomeForm(forms.ModelForm):
    """The verslag's own fields. Introduction and method have a suggestion ("voorstel") that is shown
    beside the empty field and becomes the verslag's text only when "Voorstel overnemen" is ticked."""

    SUGGESTED = ("introduction", "method")

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    introduction_keep = forms.BooleanField(label=_("Voorstel overnemen"), required=False)
    method_keep = forms.BooleanField(label=_("Voorstel overnemen"), required=False)

    class Meta:
        model = Outcome
        fields = ["central_question", "introduction", "method", "parts", "grouping"]
        widgets = {
            "central_question": forms.Textarea(attrs={"rows": 2}),
            "introduction": forms.Textarea(attrs={"rows": 8}),
            "method": forms.Textarea(attrs={"rows": 4}),
            "parts": forms.Textarea(attrs={"rows": 4}),
            "grouping": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "parts": _("Eén onderdeel per regel; ze worden genummerd weergegeven."),
            "grouping": _("Hoe zijn de subgroepen gevormd?"),
        }

    def __init__(self, *args: Any, suggestions: Callable[[], dict[str, str]], **kwargs: Any) -> None:
        """`suggestions` is asked only when a suggestion is kept, since building one takes queries."""
        super().__init__(*args, **kwargs)
        self.suggestions = suggestions
        bound_text_fields(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in self.SUGGESTED:
            if not cleaned.get(f"{name}_keep") or name not in cleaned:
                continue
            suggestion = self.suggestions()[name]
            own = cleaned[name].strip()
            if not own:
                cleaned[name] = suggestion
            elif own.replace("\r\n", "\n") != suggestion.strip():
                self.add_error(
                    name,
                    _(
                        "U heeft hier zelf tekst ingevuld én „Voorstel overnemen” aangevinkt. Maak het veld leeg "
                        "om het voorstel over te nemen, of zet het vinkje uit om uw eigen tekst te bewaren."
                    ),
                )
        return cleaned


class RowFormSet(forms.BaseFormSet):
    """A list of the verslag with at most `max_rows` rows kept (empty and removed rows do not count)."""

    max_rows = 0
    too_many: Promise | str = ""

    def clean(self) -> None:
        super().clean()
        kept = [f for f in self.forms if f.has_changed() and not getattr(f, "cleaned_data", {}).get("DELETE")]
        if len(kept) > self.max_rows:
            raise forms.ValidationError(self.too_many % {"max": self.max_rows, "count": len(kept)}, code="too_many")


TOO_MANY = {
    "subgroups": _(
        "Een verslag heeft hoogstens %(max)d subgroepen; "
        "hier staan er %(count)d. Voeg er een paar samen of haal er een paar weg."
    ),
    "subquestions": _(
        "Een verslag heeft hoogstens %(max)d deelvragen; "
        "hier staan er %(count)d. Voeg er een paar samen of haal er een paar weg."
    ),
    "sections": _(
        "Een verslag heeft hoogstens %(max)d vrije onderdelen; "
        "hier staan er %(count)d. Voeg er een paar samen of haal er een paar weg."
    ),
    "actions": _(
        "Een verslag heeft hoogstens %(max)d acties; "
        "hier staan er %(count)d. Voeg er een paar samen of haal er een paar weg."
    ),
}
MAX_ROWS = {
    "subgroups": textlimits.MAX_SUBGROUPS,
    "subquestions": textlimits.MAX_SUBQUESTIONS,
    "sections": textlimits.MAX_SECTIONS,
    "actions": textlimits.MAX_ACTIONS,
}


def _formset(form: type[forms.Form], extra: int, *, rows: str) -> type[forms.BaseFormSet]:
    bounded = type(f"{form.__name__}Set", (RowFormSet,), {"max_rows": MAX_ROWS[rows], "too_many": TOO_MANY[rows]})
    return forms.formset_factory(form, formset=bounded, extra=extra, can_order=True, can_delete=True)


VERSLAG_TOO_LONG = _(
    "Het verslag telt samen %(count)s tekens; er passen er %(max)s. Kort een paar lange teksten in. "
    "Er is nog niets opgeslagen en alles wat u invulde, staat er nog."
)


class OutcomeEditor:
    """The whole verslag form: the outcome's own fields and a formset per list.

    Answers are keyed by the index of the subgroup's form, so a subgroup typed in the same
    request gets its answer fields after the page is shown again.

    After a version conflict the editor is bound to the merge of both people's text
    (`for_merge`); the notes of that merge travel with the form (sessions/forms/merge.py), and
    every field both people changed needs a choice before the verslag is saved again.
    """

    PREFIXES = LIST_PREFIXES
    TITLES = {
        "subgroep": _("Subgroep"),
        "deelvraag": _("Deelvraag"),
        "onderdeel": _("Vrij onderdeel"),
        "actie": _("Actie"),
        "eerder": _("Eerdere actie"),
    }

    def __init__(
        self, *, session: Session, outcome: Outcome | None, data: Any = None, more: str = "", under: int | None = None
    ) -> None:
        """`more` names the list that gets one more empty row; `under`, a stored section that gets an
        empty sub-section row."""
        self.session = session
        self.outcome = outcome
        # After a lost race (set by the view and `for_merge`, for the template): why, who saved, how many to choose.
        self.conflict = ""
        self.saved_by: list[str] = []
        self.conflict_count = 0
        self.unresolved: list[str] = []
        self.notes: MergeNotes = {}
        self.row_notes: dict[str, RowNote] = {}
        if data is not None:
            data, self.unresolved = resolve_choices(data)
            self.notes, self.row_notes = notes_from(data), row_notes_from(data)
        self.data = data
        extra = {name: 2 if more == prefix else 1 for name, prefix in self.PREFIXES.items()}
        self.form = OutcomeForm(
            data,
            instance=outcome,
            initial={"version": outcome.version if outcome else 0},
            suggestions=lambda: self.suggestions,
        )
        self.subgroups = _formset(SubgroupForm, extra["subgroups"], rows="subgroups")(
            data, initial=self._rows(self._subgroup_rows), prefix="subgroep"
        )
        self.columns = self._columns()
        self.subquestions = _formset(SubQuestionForm, extra["subquestions"], rows="subquestions")(
            data,
            initial=self._rows(self._subquestion_rows),
            prefix="deelvraag",
            form_kwargs={"subgroups": self.columns},
        )
        section_rows = self._rows(self._section_rows)
        under_index = self._under_index(section_rows, under)
        self.sections = _formset(SectionForm, extra["sections"] + (under_index is not None), rows="sections")(
            data, initial=section_rows, prefix="onderdeel"
        )
        if under_index is not None:
            self.sections.forms[-1].initial["parent"] = str(under_index)
        self._link_sections()
        later = list(session.circle.sessions.filter(number__gt=session.number).order_by("number"))
        self.actions = _formset(ActionForm, extra["actions"], rows="actions")(
            data, initial=self._rows(self._action_rows), prefix="actie", form_kwargs={"later_sessions": later}
        )
        self.earlier = forms.formset_factory(EarlierActionForm, extra=0)(
            data, initial=self._earlier_rows(), prefix="eerder"
        )
        self._attach_earlier_actions()

    @classmethod
    def for_merge(cls, *, session: Session, outcome: Outcome, merge: Merge, saved_by: list[str]) -> OutcomeEditor:
        """The form after a version conflict: the merged text, bound, carrying the current version."""
        editor = cls(session=session, outcome=outcome, data=merge_form_data(merge, version=outcome.version))
        editor.conflict_count = merge.conflict_count
        editor.saved_by = saved_by
        return editor

    @property
    def autosaves(self) -> bool:
        """A concept is saved in the background as it is typed (outcome-editor.js); not while a conflict is settled."""
        return not self.conflict and (self.outcome is None or self.outcome.is_concept)

    @cached_property
    def suggestions(self) -> dict[str, str]:
        return outcome_suggestions(session=self.session)

    def _rows(self, build: Callable[[], list[dict[str, Any]]]) -> list[dict[str, Any]] | None:
        # A bound form shows what was sent; stored rows as `initial` would make an empty extra
        # row look changed when the stored list is longer (after a merge, say).
        return build() if self.data is None else None

    def _subgroup_rows(self) -> list[dict[str, Any]]:
        if self.outcome is None:
            return []
        return [{"id": s.pk, "name": s.name} for s in self.outcome.subgroups.all()]

    def _columns(self) -> list[tuple[int, str]]:
        """(form index, name) of the subgroups that have a name and are not being removed."""
        columns = []
        for index, form in enumerate(self.subgroups.forms):
            name = (form["name"].value() or "").strip()
            removing = form.is_bound and form["DELETE"].value()
            if name and not removing:
                columns.append((index, name))
        return columns

    def _subquestion_rows(self) -> list[dict[str, Any]]:
        if self.outcome is None:
            return []
        index_by_subgroup = {row["id"]: index for index, row in enumerate(self._subgroup_rows())}
        rows = []
        for question in self.outcome.subquestions.prefetch_related("answers"):
            row: dict[str, Any] = {"id": question.pk, "text": question.text, "remarks": question.remarks}
            for answer in question.answers.all():
                row[f"answer_{index_by_subgroup[answer.subgroup_id]}"] = answer.text
            rows.append(row)
        return rows

    def _section_rows(self) -> list[dict[str, Any]]:
        """Stored sections in the order shown: each section followed by its sub-sections."""
        if self.outcome is None:
            return []
        rows: list[dict[str, Any]] = []
        for top, subsections in self.outcome.section_tree():
            parent = len(rows)
            rows.append({"id": top.pk, "heading": top.heading, "items": top.items, "parent": ""})
            rows += [{"id": s.pk, "heading": s.heading, "items": s.items, "parent": str(parent)} for s in subsections]
        return rows

    @staticmethod
    def _under_index(rows: list[dict[str, Any]] | None, under: int | None) -> int | None:
        """The row index of stored section `under`, or of its parent when it is a sub-section."""
        index = next((i for i, row in enumerate(rows or []) if row["id"] == under), None) if under else None
        if index is None or rows is None:
            return None
        parent = rows[index]["parent"]
        return int(parent) if parent else index

    def _sections_by_index(self) -> dict[int, SectionForm]:
        return {index: form for index, form in enumerate(self.sections.forms) if isinstance(form, SectionForm)}

    def _top_section(self, index: int, forms_by_index: dict[int, SectionForm]) -> bool:
        """A section that lies within no other (a parent that is missing or itself lies within one counts as none)."""
        parent = forms_by_index[index].parent_index()
        return parent is None or parent == index or parent not in forms_by_index

    def _link_sections(self) -> None:
        """Offer, in each row's "Valt onder", the sections that lie within no other, by their heading."""
        by_index = self._sections_by_index()
        headings = {index: str(form["heading"].value() or "").strip() for index, form in by_index.items()}
        tops = [i for i in by_index if headings[i] and self._top_section(i, by_index) and not self._removing(i)]
        for index, form in by_index.items():
            choices = [(str(top), headings[top]) for top in tops if top != index]
            current = form.parent_index()
            if current is not None and current != index and current in headings and current not in tops:
                choices.append((str(current), headings[current] or str(current + 1)))
            parent = form.fields["parent"]
            assert isinstance(parent, forms.ChoiceField)
            parent.choices = [("", _("Geen")), *choices]

    def _removing(self, index: int) -> bool:
        form = self.sections.forms[index]
        return bool(form.is_bound and form["DELETE"].value())

    def section_rows(self) -> list[SectionRow]:
        """The free sections as shown: sections by Volgorde, each with its sub-sections under it."""
        by_index = self._sections_by_index()

        def order(index: int) -> tuple[int, int]:
            value = str(by_index[index]["ORDER"].value() or "")
            return (int(value) if value.isdigit() else 10**6, index)

        rows: dict[int, SectionRow] = {}
        for index in sorted(by_index, key=order):
            if self._top_section(index, by_index):
                rows[index] = SectionRow(by_index[index], index, str(len(rows) + 1))
        for index in sorted(by_index, key=order):
            parent = by_index[index].parent_index()
            if index not in rows and parent is not None and parent in rows:
                top = rows[parent]
                top.children.append(SectionRow(by_index[index], index, f"{top.number}.{len(top.children) + 1}"))
            elif index not in rows:  # it lies within a sub-section: shown on its own, with the error
                rows[index] = SectionRow(by_index[index], index, str(len(rows) + 1))
        return list(rows.values())

    @cached_property
    def empty_section_row(self) -> SectionRow:
        """The row "+ Nog een onderdeel" adds in the page (formsets.js), offering the sections there are."""
        form = self.sections.empty_form
        assert isinstance(form, SectionForm)
        headings = [(str(top.index), str(top.form["heading"].value() or "").strip()) for top in self.section_rows()]
        parent = form.fields["parent"]
        assert isinstance(parent, forms.ChoiceField)
        parent.choices = [("", _("Geen")), *((index, heading) for index, heading in headings if heading)]
        return SectionRow(form, "__prefix__", "")

    def answer_prototype(self) -> forms.BoundField:
        """An answer field for a subgroup named in the page: formsets.js fills in the deelvraag's row
        (__prefix__), the subgroup's row (__col__) and its name as the label."""
        form = SubQuestionForm(prefix=f"{self.subquestions.prefix}-__prefix__", subgroups=[])
        form.fields["answer___col__"] = SubQuestionForm.answer_field("__name__")
        return form["answer___col__"]

    def section_numbers(self) -> dict[str, str]:
        """The number shown for each section row ("1.2"), by the row form's prefix."""
        numbers = {}
        for row in self.section_rows():
            numbers[str(row.form.prefix)] = row.number
            numbers.update({str(child.form.prefix): child.number for child in row.children})
        return numbers

    def _section_order(self) -> list[tuple[SectionForm, int | None]]:
        """The section rows to save in the order shown, each followed by its sub-sections, with the
        position of the row each lies within; a sub-section of a section being removed goes with it."""
        forms_ = self.sections.forms
        kept = {forms_.index(form): form for form in self.sections.ordered_forms}
        deleted = {forms_.index(form) for form in self.sections.deleted_forms}

        def parent_of(index: int) -> int | None:
            parent = kept[index].parent_index()
            return parent if parent is not None and parent != index and parent in kept else None

        order: list[tuple[SectionForm, int | None]] = []
        for index, form in kept.items():
            if parent_of(index) is not None or form.parent_index() in deleted:
                continue
            top = len(order)
            order.append((form, None))
            order += [(child, top) for i, child in kept.items() if parent_of(i) == index]
        return order

    def _section_inputs(self) -> list[SectionInput]:
        return [
            SectionInput(form.cleaned_data["id"], form.cleaned_data["heading"], form.cleaned_data["items"], parent)
            for form, parent in self._section_order()
        ]

    def saved_section(self, row: str, *, outcome: Outcome) -> int | None:
        """The id that the section of row `row` (a form index) has now this form is saved: the
        section a new sub-section goes under (its parent's, if it is one itself)."""
        order = self._section_order()
        position = next((n for n, (form, _parent) in enumerate(order) if form.prefix == f"onderdeel-{row}"), None)
        if position is None:
            return None
        parent = order[position][1]
        saved = outcome.sections.filter(position=position if parent is None else parent).first()
        return saved.pk if saved is not None else None

    def _sections_valid(self) -> bool:
        """Sections go one level deep: the message stands next to the row's "Valt onder"."""
        if not self.sections.is_valid():
            return False
        forms_ = self.sections.forms
        kept = [forms_.index(form) for form in self.sections.ordered_forms]
        position = {index: number for number, index in enumerate(kept)}
        inputs = []
        for index in kept:
            parent = forms_[index].parent_index()
            inputs.append(
                SectionInput(None, "", parent=position.get(parent) if parent is not None and parent != index else None)
            )
        valid = True
        for number, index in enumerate(kept):
            problem = section_level_problem(inputs, number)
            if problem:
                forms_[index].add_error("parent", problem)
                valid = False
        return valid

    def _action_rows(self) -> list[dict[str, Any]]:
        return [
            {"id": a.pk, "description": a.description, "owner_name": a.owner_name, "due_session": a.due_session_id}
            for a in Action.objects.filter(session=self.session)
        ]

    def _earlier_rows(self) -> list[dict[str, Any]]:
        from sessions.selectors import actions_earlier_open

        self.earlier_actions = list(actions_earlier_open(session=self.session))
        return [{"id": a.pk, "done": "1" if a.status == Action.Status.DONE else "0"} for a in self.earlier_actions]

    def _attach_earlier_actions(self) -> None:
        by_id = {action.pk: action for action in self.earlier_actions}
        for form in self.earlier.forms:
            form.action = by_id.get(form["id"].value() and int(form["id"].value()))

    def formsets(self) -> list[forms.BaseFormSet]:
        return [self.subgroups, self.subquestions, self.sections, self.actions, self.earlier]

    def is_valid(self) -> bool:
        results = [self.form.is_valid(), *(formset.is_valid() for formset in self.formsets()), self._sections_valid()]
        waiting = []
        for html_name in self.unresolved:
            found = self._locate(html_name)
            if found is None:  # an answer of a subgroup being removed: nothing left to choose
                continue
            _title, form, name = found
            if getattr(form, "cleaned_data", {}).get("DELETE"):  # the whole row goes
                continue
            form.add_error(name, conflict_error())
            waiting.append(html_name)
        return all(results) and not waiting and self._within_total()

    def _within_total(self) -> bool:
        """The verslag as a whole within textlimits.VERSLAG_TOTAL; else an error on top of the form."""
        length = self.to_input().text_length()
        if length <= textlimits.VERSLAG_TOTAL:
            return True
        numbers = {"count": number_format(length, force_grouping=True)}
        numbers["max"] = number_format(textlimits.VERSLAG_TOTAL, force_grouping=True)
        self.form.add_error(None, VERSLAG_TOO_LONG % numbers)
        return False

    def _locate(self, html_name: str) -> tuple[str, forms.BaseForm, str] | None:
        """(row title, form, field name) of a field by its name in the page: ("Deelvraag 2", …, "remarks")."""
        titled: list[tuple[str, forms.BaseForm]] = [("", self.form)]
        for formset in self.formsets():
            assert formset.prefix is not None
            titled += list(zip(self._row_titles(formset), formset.forms, strict=True))
        for title, form in titled:
            for name in form.fields:
                if form.add_prefix(name) == html_name:
                    return title, form, name
        return None

    def _row_titles(self, formset: forms.BaseFormSet) -> list[str]:
        """'Deelvraag 2' for each row; a free section by the number it is shown with ('Vrij onderdeel 1.2')."""
        assert formset.prefix is not None
        title = self.TITLES[formset.prefix]
        numbers = self.section_numbers() if formset is self.sections else {}
        return [f"{title} {numbers.get(str(form.prefix), n)}" for n, form in enumerate(formset.forms, start=1)]

    def labelled(self, html_name: str) -> str:
        """'Deelvraag 2: Opmerkingen' for a field of a row, 'Centrale vraag' for one of the verslag."""
        found = self._locate(html_name)
        if found is None:
            return ""
        title, form, name = found
        label = str(form.fields[name].label)
        return f"{title}: {label}" if title else label

    def notes_summary(self) -> list[tuple[str, str, str]]:
        """(label, anchor, what happened) for each field and row the merge marked, for the top of the page."""
        fields = [
            (
                self.labelled(name),
                f"div_id_{name}",
                _("kies welke tekst blijft") if note.is_conflict else _("gewijzigd door de ander"),
            )
            for name, note in self.notes.items()
        ]
        rows = [(self._row_title(prefix), f"rij-{prefix}", note.message) for prefix, note in self.row_notes.items()]
        return [(label, anchor, str(what)) for label, anchor, what in [*fields, *rows]]

    def _row_title(self, prefix: str) -> str:
        """'Vrij onderdeel 2' for the row form with prefix "onderdeel-1"."""
        name, _dash, index = prefix.rpartition("-")
        if name == self.sections.prefix and prefix in self.section_numbers():
            return f"{self.TITLES[name]} {self.section_numbers()[prefix]}"
        return f"{self.TITLES.get(name, name)} {int(index) + 1}" if index.isdigit() else prefix

    def errors_summary(self) -> list[tuple[str, str]]:
        """(label, message) for every error, for the summary on top of the page."""
        found: list[tuple[str, str]] = []
        for name, errors in self.form.errors.items():
            label = self.form.fields[name].label if name in self.form.fields else ""
            found.extend((str(label or ""), str(error)) for error in errors)
        for formset in self.formsets():
            assert formset.prefix is not None  # a formset without one falls back to its default prefix
            title = self.TITLES[formset.prefix]
            found.extend((str(title), str(e)) for e in formset.non_form_errors())
            for row_title, form in zip(self._row_titles(formset), formset.forms, strict=True):
                for name, errors in form.errors.items():
                    label = f"{row_title}: {form.fields[name].label}"
                    found.extend((label, str(error)) for error in errors)
        return found

    def to_input(self) -> OutcomeInput:
        data = self.form.cleaned_data
        subgroup_forms = self.subgroups.ordered_forms
        position_by_index = {self.subgroups.forms.index(form): pos for pos, form in enumerate(subgroup_forms)}
        return OutcomeInput(
            central_question=data["central_question"],
            introduction=data["introduction"],
            method=data["method"],
            parts=data["parts"],
            grouping=data["grouping"],
            subgroups=[SubgroupInput(f.cleaned_data["id"], f.cleaned_data["name"]) for f in subgroup_forms],
            subquestions=[
                SubQuestionInput(
                    f.cleaned_data["id"],
                    f.cleaned_data["text"],
                    f.cleaned_data["remarks"],
                    {
                        position_by_index[index]: f.cleaned_data.get(f"answer_{index}", "")
                        for index, _name in self.columns
                        if index in position_by_index
                    },
                )
                for f in self.subquestions.ordered_forms
            ],
            sections=self._section_inputs(),
            actions=[
                ActionInput(
                    f.cleaned_data["id"],
                    f.cleaned_data["description"],
                    f.cleaned_data["owner_name"],
                    f.cleaned_data["due_session"],
                )
                for f in self.actions.ordered_forms
            ],
            earlier_actions_done={f.cleaned_data["id"]: f.cleaned_data["done"] for f in self.earlier.forms},
        )

    def saved_ids(self, outcome: Outcome) -> dict[str, int | None]:
        """The id field of every row by its name in the page ("subgroep-3-id") once this form is saved,
        so the page saves again without adding the new rows twice (None: no stored row, as for a
        removed one). Stored rows' positions follow the order saved (services.outcomes._sync)."""
        lists = [
            (self.subgroups, self.subgroups.ordered_forms, outcome.subgroups.all()),
            (self.subquestions, self.subquestions.ordered_forms, outcome.subquestions.all()),
            (self.sections, [form for form, _parent in self._section_order()], outcome.sections.all()),
            (self.actions, self.actions.ordered_forms, Action.objects.filter(session=self.session)),
        ]
        ids: dict[str, int | None] = {}
        for formset, kept, stored in lists:
            pks = list(stored.order_by("position").values_list("pk", flat=True))
            ids.update({form.add_prefix("id"): None for form in formset.forms})
            ids.update({form.add_prefix("id"): pk for form, pk in zip(kept, pks, strict=False)})
        return ids

    def owner_suggestions(self) -> list[str]:
        """Names for the Actie-eigenaar field: the circle's participants and the session's facilitators."""
        circle = self.session.circle
        people = people_sorted(circle.registrations.filter(status=Registration.Status.CONFIRMED).order_by("pk"))
        names = [person.full_name for person in people]
        facilitators = people_sorted(self.session.facilitators.all())
        names += [user.get_full_name() or user.get_username() for user in facilitators]
        return list(dict.fromkeys(names))
