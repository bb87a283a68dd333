"""The admin keeps the same rules as the pages: statuses change only through the services.

A circle's status and a sign-up's status are read-only on their forms; admin actions move them
through circle_change_status (publish rules, history, mails) and registration_set_status
(capacity, promotion from the waiting list, mails). What the service refuses is shown as an error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from circles.models import Circle, CircleStatusChange, FacilitatorProfile, Registration, Session
from circles.services.planning import StatusChangeRefused, circle_change_status
from circles.services.registrations import SignupRefused, registration_set_status


class StatusChangeInline(admin.TabularInline):
    """The status history is a record: shown, never edited, added to or deleted in the admin."""

    model = CircleStatusChange
    extra = 0
    fields = ("from_status", "to_status", "changed_by", "changed_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


CircleAction = Callable[[admin.ModelAdmin, HttpRequest, QuerySet[Circle]], None]


def _circle_status_action(to_status: str, label: Any) -> CircleAction:
    def action(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Circle]) -> None:
        changed = 0
        for circle in queryset:
            try:
                circle_change_status(circle=circle, to_status=to_status, by=request.user)  # type: ignore[arg-type]
            except StatusChangeRefused as refused:
                modeladmin.message_user(
                    request,
                    gettext("%(circle)s: niet gewijzigd. %(reasons)s")
                    % {"circle": circle.name, "reasons": " ".join(refused.problems)},
                    messages.ERROR,
                )
            else:
                changed += 1
        if changed:
            modeladmin.message_user(
                request,
                gettext("Status gewijzigd in „%(status)s” voor %(count)d leerkring(en).")
                % {"status": Circle.status_label(to_status), "count": changed},
                messages.SUCCESS,
            )

    action.__name__ = f"status_{to_status}"
    return admin.action(description=label, permissions=["change"])(action)


@admin.register(Circle)
class CircleAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "status", "start_date", "end_date", "project_leader"]
    list_filter = ["status", "kind"]
    search_fields = ["name"]
    readonly_fields = ["status"]
    inlines = [StatusChangeInline]
    actions = [
        _circle_status_action(Circle.Status.PUBLISHED, _("Publiceren (of aanmelding heropenen)")),
        _circle_status_action(Circle.Status.CLOSED, _("Aanmelding sluiten")),
        _circle_status_action(Circle.Status.COMPLETED, _("Afronden")),
        _circle_status_action(Circle.Status.CANCELLED, _("Annuleren")),
    ]

    def has_delete_permission(self, request: HttpRequest, obj: Circle | None = None) -> bool:
        """Only a concept that nobody signed up for and that never changed status may go:
        anything else is cancelled, so its history and the people's records stay."""
        if not super().has_delete_permission(request, obj):
            return False
        if obj is None:
            return True
        untouched = not obj.status_changes.exists() and not obj.registrations.exists()
        return obj.status == Circle.Status.CONCEPT and untouched

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        found = super().get_actions(request)
        found.pop("delete_selected", None)  # the bulk delete would skip the check above
        return found


RegistrationAction = Callable[[admin.ModelAdmin, HttpRequest, QuerySet[Registration]], None]


def _registration_status_action(status: str, label: Any) -> RegistrationAction:
    def action(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Registration]) -> None:
        changed = 0
        for registration in queryset.select_related("circle"):
            try:
                registration_set_status(registration=registration, status=status)
            except SignupRefused as refused:
                modeladmin.message_user(
                    request,
                    gettext("%(person)s: niet gewijzigd. %(reason)s")
                    % {"person": registration.full_name, "reason": refused},
                    messages.ERROR,
                )
            else:
                changed += 1
        if changed:
            modeladmin.message_user(
                request,
                gettext("Status gewijzigd in „%(status)s” voor %(count)d aanmelding(en).")
                % {"status": Registration.Status(status).label, "count": changed},
                messages.SUCCESS,
            )

    action.__name__ = f"status_{status}"
    return admin.action(description=label, permissions=["change"])(action)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """No add and no delete here: a sign-up comes in through the form or the sign-ups page, and a
    delete would take past attendance along and leave the name in the logs. A person's data is
    erased on the AVG page instead, which keeps the counts (leerkring/core/avg.py)."""

    list_display = ["full_name", "email", "circle", "status", "created_at"]
    list_filter = ["status", "organisation", "function"]
    search_fields = ["first_name", "last_name", "email"]
    list_select_related = ["circle"]
    # Status and its moments are set by the services; erasing is done on the AVG page.
    readonly_fields = ["circle", "status", "cancelled_at", "anonymised_at", "avg_link"]
    actions = [
        _registration_status_action(Registration.Status.CONFIRMED, _("Bevestigen")),
        _registration_status_action(Registration.Status.WAITLIST, _("Op de wachtlijst zetten")),
        _registration_status_action(Registration.Status.CANCELLED, _("Afmelden")),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Registration | None = None) -> bool:
        return False

    @admin.display(description=_("AVG"))
    def avg_link(self, obj: Registration) -> str:
        if obj.pk is None:
            return "—"
        url = reverse("avg:registration", args=[obj.code])
        return format_html('<a href="{}">{}</a>', url, _("Gegevens van deze persoon inzien, exporteren of wissen"))


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["circle", "number", "date", "start_time", "end_time", "location"]
    list_select_related = ["circle"]
    # Checkboxes rather than the two-list filter widget: its search icons carry an ARIA label
    # that axe-core rejects, and a session has few facilitators and eight bouwstenen to choose from.
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}


@admin.register(FacilitatorProfile)
class FacilitatorProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "name_public"]
    search_fields = ["user__first_name", "user__last_name", "organisation"]
    list_select_related = ["user"]
