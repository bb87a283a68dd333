"""What the test identity provider tells about a user: names, e-mail, and a `groups` claim."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from oidc_provider.lib.claims import ScopeClaims


def userinfo(claims: dict[str, Any], user: User) -> dict[str, Any]:
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    claims["email"] = user.email
    claims["email_verified"] = True
    return claims


class GroupsClaims(ScopeClaims):
    info_groups = ("Groepen", "De groepen waarin u zit.")

    def scope_groups(self) -> dict[str, Any]:
        return {"groups": sorted(self.user.groups.values_list("name", flat=True))}
