import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import override_settings

from circles.models import Circle, Registration
from sessions.models import Session


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_seed_demo_twice_creates_nothing_twice() -> None:
    call_command("seed_demo")
    counts = [model.objects.count() for model in (User, Circle, Session, Registration)]
    call_command("seed_demo")
    assert counts == [model.objects.count() for model in (User, Circle, Session, Registration)]


@pytest.mark.django_db
@override_settings(DEBUG=True)
@pytest.mark.parametrize("username", ["projectleider", "begeleider", "begeleider2", "staf"])
def test_each_demo_user_can_log_in(username: str) -> None:
    call_command("seed_demo")
    assert authenticate(username=username, password="leerkring-demo") is not None


@pytest.mark.django_db
def test_seed_demo_refuses_without_debug() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="only with DEBUG=1"):
        call_command("seed_demo")
