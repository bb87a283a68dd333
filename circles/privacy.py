"""A person's sign-ups for their AVG rights: found by e-mail address, erased like retention does.

Registered with leerkring/core/privacy.py in apps.py. Organisation, team and function stay, so
the attendance figures per function group still count the person.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from circles.models import Registration, SessionReminder
from leerkring.core.privacy import Person


def registration_rows(person: Person) -> QuerySet[Registration]:
    return Registration.objects.filter(email__iexact=person.email).select_related("circle").order_by("created_at")


def registration_names(email: str) -> set[str]:
    return {registration.full_name for registration in Registration.objects.filter(email__iexact=email)}


def registrations_wipe(registrations: QuerySet[Registration], placeholder: str) -> int:
    """Name, address, phone, learning question and registration number go; each address becomes
    unique and undeliverable (one sign-up per address per circle)."""
    count = 0
    for registration in registrations.only("pk", "code"):
        Registration.objects.filter(pk=registration.pk).update(
            first_name=placeholder,
            last_name="",
            email=f"{registration.code}@anoniem.invalid",
            phone="",
            learning_question="",
            registration_number="",
            anonymised_at=timezone.now(),
            updated_at=timezone.now(),
        )
        count += 1
    return count


def reminder_rows(person: Person) -> QuerySet[SessionReminder]:
    return SessionReminder.objects.filter(registration__email__iexact=person.email).order_by("sent_at")
