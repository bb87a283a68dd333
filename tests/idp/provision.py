"""Run in the provider's environment: create its tables, a signing key, the client and the users.

Reads JSON on stdin: {"client": {"id", "secret", "redirect_uri"}, "users": [{"username", "password",
"first_name", "last_name", "email", "groups": [...]}]}; or {"set_groups": {"username", "groups"}}
to change one user's groups later.
"""

from __future__ import annotations

import json
import sys

import django


def main() -> None:
    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType

    data = json.load(sys.stdin)
    if "set_groups" in data:
        change = data["set_groups"]
        user = User.objects.get(username=change["username"])
        user.groups.set([Group.objects.get_or_create(name=name)[0] for name in change["groups"]])
        return
    call_command("migrate", verbosity=0)
    call_command("creatersakey")
    client = Client.objects.create(
        name="Leerkring",
        client_type="confidential",
        client_id=data["client"]["id"],
        client_secret=data["client"]["secret"],
        jwt_alg="RS256",
        require_consent=False,
        reuse_consent=True,
    )
    client.redirect_uris = [data["client"]["redirect_uri"]]
    client.save()
    client.response_types.set(ResponseType.objects.filter(value="code"))
    for person in data["users"]:
        groups = person.pop("groups")
        user = User.objects.create_user(**person)
        user.groups.set([Group.objects.get_or_create(name=name)[0] for name in groups])


if __name__ == "__main__":
    main()
