"""Demo data for development: idempotent, so `make run` can call it every time."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from circles import demo as demo_circles
from circles import demo_signups
from leerkring.core.roles import BEGELEIDER, PROJECTLEIDER, STAF
from sessions import demo as demo_outcomes

DEMO_PASSWORD = "leerkring-demo"  # noqa: S105 - development only, refused without DEBUG
DEMO_USERS = [
    # username, first name, last name, role
    ("projectleider", "Elizabeth", "van Twist", PROJECTLEIDER),
    ("begeleider", "Berry", "van den Bos", BEGELEIDER),
    ("begeleider2", "Henk", "Koetsveld", BEGELEIDER),
    ("staf", "Sanne", "de Wit", STAF),
]


class Command(BaseCommand):
    help = "Load demo users and data (development only; running it twice creates nothing twice)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--force", action="store_true", help="Also run when DEBUG is off.")

    @transaction.atomic
    def handle(self, *args: Any, force: bool = False, **options: Any) -> None:
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo creates users with a known password; it runs only with DEBUG=1.")
        users = {username: self.demo_user(username, first, last, role) for username, first, last, role in DEMO_USERS}
        self.seed_content(users)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))

    def demo_user(self, username: str, first: str, last: str, role: str) -> User:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=role))
        return user

    def seed_content(self, users: dict[str, User]) -> None:
        """Circles, sign-ups and outcomes; each part looks its rows up by a natural key first."""
        circles = demo_circles.seed_circles(users)
        demo_signups.seed_registrations(circles)
        demo_outcomes.seed_outcomes(circles, users)
