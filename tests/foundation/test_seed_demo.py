import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client, override_settings

from circles.models import Circle, Registration, Session


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_seed_demo_twice_creates_nothing_twice() -> None:
    call_command("seed_demo")
    counts = [model.objects.count() for model in (User, Circle, Session, Registration)]
    call_command("seed_demo")
    assert counts == [model.objects.count() for model in (User, Circle, Session, Registration)]


DEMO_NAVIGATION = {
    "projectleider": {"Leerkringen": True, "Rapporten": True, "Mijn bijeenkomsten": False},
    "staf": {"Leerkringen": True, "Rapporten": True, "Mijn bijeenkomsten": False},
    "begeleider": {"Leerkringen": True, "Rapporten": False, "Mijn bijeenkomsten": True},
    "begeleider2": {"Leerkringen": True, "Rapporten": False, "Mijn bijeenkomsten": True},
}


def navigation(html: str) -> str:
    start = html.index('<nav class="navbar')
    return html[start : html.index("</nav>", start)]


@pytest.mark.django_db
@override_settings(DEBUG=True)
@pytest.mark.parametrize("username", list(DEMO_NAVIGATION))
def test_each_demo_user_logs_in_on_the_login_page_and_sees_the_navigation_of_the_role(
    client: Client, username: str
) -> None:
    call_command("seed_demo")
    response = client.post("/accounts/login/", {"username": username, "password": "leerkring-demo"})
    assert response.status_code == 302
    nav = navigation(client.get(response["Location"], follow=True).content.decode())
    for label, shown in DEMO_NAVIGATION[username].items():
        assert (f">{label}</a>" in nav) is shown, label


@pytest.mark.django_db
def test_seed_demo_refuses_without_debug() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="only with DEBUG=1"):
        call_command("seed_demo")
