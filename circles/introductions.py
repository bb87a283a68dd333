"""The sentences that open a verslag: who leads the circle, with their organisations, and the teams
taking part, as the real "Samenvatting opbrengst" writes them (seeds/samenvatting-opbrengst-leerkring-1.txt):
"geleid door Elizabeth van Twist (projectleider vanuit Kenniscentrum Talentontwikkeling) in samenwerking
met Berry van den Bos (Bos & Meer), Erfan Pourmohammadi en Henk Koetsveld (docenten HR-Instituut
Sociale Opleidingen)". Callers prefetch `facilitator_profile` of the people they pass.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from circles.models import Circle


def person_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def person_organisation(user: User) -> str:
    """The organisation the person gave on Mijn gegevens, or "" when they gave none."""
    profile = getattr(user, "facilitator_profile", None)
    return profile.organisation.strip() if profile is not None else ""


def leader_label(user: User) -> str:
    """'Elizabeth van Twist (projectleider vanuit Kenniscentrum Talentontwikkeling)'."""
    organisation = person_organisation(user)
    if organisation:
        return _("%(name)s (projectleider vanuit %(organisation)s)") % {
            "name": person_name(user),
            "organisation": organisation,
        }
    return _("%(name)s (projectleider)") % {"name": person_name(user)}


def facilitators_text(users: Iterable[User]) -> str:
    """'Berry van den Bos (Bos & Meer), Erfan Pourmohammadi en Henk Koetsveld (docenten HR-Instituut
    Sociale Opleidingen)': in the given order, people of one organisation named together."""
    groups: dict[str, list[str]] = {}
    for user in users:
        groups.setdefault(person_organisation(user), []).append(person_name(user))
    parts = [
        get_text_list(names, _("en")) + (f" ({organisation})" if organisation else "")
        for organisation, names in groups.items()
    ]
    if len(parts) > 1 and len(groups[list(groups)[-1]]) == 1:
        return ", ".join(parts[:-1]) + f" {_('en')} " + parts[-1]
    return ", ".join(parts)


def teams_sentence(circle: Circle) -> str:
    """'De deelnemers komen uit de teams Hoogvliet, Charlois, IJsselmonde en Pernis.', or ""."""
    if not circle.teams:
        return ""
    return ngettext(
        "De deelnemers komen uit team %(teams)s.",
        "De deelnemers komen uit de teams %(teams)s.",
        len(circle.teams),
    ) % {"teams": circle.teams_text}
