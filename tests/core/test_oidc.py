"""Single sign-on through a real OpenID Connect provider (tests/idp, its own process and port).

A browser logs in at the provider as each mapped role and lands on that role's page; someone
whose groups map to no role is not logged in and reads whom to ask.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Page, expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from leerkring.core.roles import user_roles
from tests.browser import log_in
from tests.foundation.test_settings import PRODUCTION, ROOT, run_settings
from tests.idp.server import IdentityProvider, identity_provider

ROLE_MAP = {"lk-projectleiders": "projectleider", "lk-begeleiders": "begeleider", "lk-staf": "staf"}
PEOPLE = [
    {
        "username": "anna",
        "first_name": "Anna",
        "last_name": "de Vries",
        "groups": ["lk-projectleiders", "alle-medewerkers"],
    },
    {"username": "bert", "first_name": "Bert", "last_name": "Jansen", "groups": ["lk-begeleiders"]},
    {"username": "sara", "first_name": "Sara", "last_name": "Bakker", "groups": ["lk-staf"]},
    {"username": "gijs", "first_name": "Gijs", "last_name": "Smit", "groups": ["alle-medewerkers"]},
    {"username": "karin", "first_name": "Karin", "last_name": "Mulder", "groups": []},
]
PASSWORD = "wachtwoord-bij-de-organisatie"


@pytest.fixture(scope="module")
def provider(live_server: LiveServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[IdentityProvider]:
    users = [
        {
            **person,
            "email": f"{person['username']}@gemeente.example.nl",
            "password": PASSWORD,
            "groups": list(person["groups"]),
        }
        for person in PEOPLE
    ]
    folder: Path = tmp_path_factory.mktemp("idp")
    with identity_provider(folder, redirect_uri=f"{live_server.url}/accounts/oidc/terug/", users=users) as running:
        yield running


@pytest.fixture
def sso(provider: IdentityProvider, settings: Settings) -> IdentityProvider:
    for name, value in provider.rp_settings().items():
        setattr(settings, name, value)
    settings.OIDC_ROLE_MAP = ROLE_MAP
    settings.WERKPLAATS_CONTACT_NAME = "Marieke Visser van de Werkplaats Sociaal Domein"
    settings.WERKPLAATS_CONTACT_EMAIL = "werkplaats@example.nl"
    return provider


def log_in_at_the_provider(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_role("link", name="Inloggen via uw organisatie").click()
    page.get_by_label("Gebruikersnaam organisatie").fill(username)
    page.get_by_label("Wachtwoord organisatie").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen bij organisatie").click()
    page.wait_for_url(lambda url: url.startswith(base_url) and "/accounts/oidc/terug/" not in url)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("username", "role", "landing"),
    [
        ("anna", "projectleider", "/leerkringen/"),
        ("bert", "begeleider", "/bijeenkomsten/mijn/"),
        ("sara", "staf", "/leerkringen/"),
    ],
)
def test_each_mapped_role_logs_in_through_the_identity_provider_and_lands_on_its_page(
    browser: Browser, live_server: LiveServer, sso: IdentityProvider, username: str, role: str, landing: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        log_in_at_the_provider(page, live_server.url, username)
        assert page.url == f"{live_server.url}{landing}"
        nav = page.get_by_role("navigation", name="Hoofdnavigatie")
        expect(nav.get_by_role("button", name="Uitloggen")).to_be_visible()
    finally:
        context.close()

    user = User.objects.get(email=f"{username}@gemeente.example.nl")
    assert user.username.startswith("oidc-")
    assert not user.has_usable_password()
    assert user_roles(user) == {role}


@pytest.mark.browser
def test_someone_without_a_mapped_role_reads_whom_to_ask_and_is_not_logged_in(
    browser: Browser, live_server: LiveServer, sso: IdentityProvider
) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        log_in_at_the_provider(page, live_server.url, "gijs")
        assert page.url == f"{live_server.url}/accounts/oidc/mislukt/"
        expect(page.get_by_role("heading", level=1)).to_have_text("Nog geen rol in Leerkring")
        main = page.locator("main")
        expect(main).to_contain_text("Vraag Marieke Visser van de Werkplaats Sociaal Domein (werkplaats@example.nl)")
        expect(main.get_by_role("link", name="werkplaats@example.nl")).to_have_attribute(
            "href", "mailto:werkplaats@example.nl"
        )
        page.goto(f"{live_server.url}/start/")
        assert "/accounts/login/" in page.url, "not logged in"
    finally:
        context.close()
    assert not User.objects.filter(email="gijs@gemeente.example.nl").exists()


@pytest.mark.browser
def test_roles_follow_the_identity_provider_on_every_login(
    browser: Browser, live_server: LiveServer, sso: IdentityProvider
) -> None:
    def log_in_as_karin() -> str:
        context = browser.new_context()
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            log_in_at_the_provider(page, live_server.url, "karin")
            return page.url.removeprefix(live_server.url)
        finally:
            context.close()

    sso.set_groups("karin", ["lk-begeleiders"])
    assert log_in_as_karin() == "/bijeenkomsten/mijn/"
    karin = User.objects.get(email="karin@gemeente.example.nl")
    assert user_roles(karin) == {"begeleider"}

    sso.set_groups("karin", ["lk-staf", "lk-projectleiders"])
    assert log_in_as_karin() == "/leerkringen/"
    karin = User.objects.get(pk=karin.pk)
    assert user_roles(karin) == {"staf", "projectleider"}

    sso.set_groups("karin", ["alle-medewerkers"])
    assert log_in_as_karin() == "/accounts/oidc/mislukt/"
    karin = User.objects.get(pk=karin.pk)
    assert user_roles(karin) == frozenset()


@pytest.mark.browser
def test_the_login_page_offers_both_and_a_local_account_still_logs_in(
    page: Page, live_server: LiveServer, sso: IdentityProvider, begeleider: User
) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("link", name="Inloggen via uw organisatie")).to_be_visible()
    log_in(page, live_server.url, "bg")
    assert page.url == f"{live_server.url}/bijeenkomsten/mijn/"


@pytest.mark.django_db
def test_without_oidc_the_login_page_offers_local_accounts_only_and_the_sso_pages_do_not_exist(client) -> None:
    page = client.get("/accounts/login/").content.decode()
    assert "Inloggen via uw organisatie" not in page
    assert client.get("/accounts/oidc/inloggen/").status_code == 404
    assert client.get("/accounts/oidc/terug/?code=x&state=y").status_code == 404


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"OIDC_ENABLED": "1"}, "OIDC_ENABLED is on, but these are empty: OIDC_RP_CLIENT_ID"),
        ({"OIDC_ROLE_MAP": "lk-pl=projectleiders"}, "OIDC_ROLE_MAP maps to unknown roles ['projectleiders']"),
        ({"OIDC_ROLE_MAP": "lk-pl"}, "OIDC_ROLE_MAP must look like a=x,b=y"),
    ],
)
def test_a_half_configured_single_sign_on_stops_start_up(env: dict[str, str], message: str) -> None:
    result = run_settings({**PRODUCTION, **env})
    assert result.returncode != 0
    assert message in result.stderr


def test_every_oidc_setting_is_in_the_readme_settings_table() -> None:
    source = (ROOT / "leerkring" / "settings.py").read_text()
    names = set(re.findall(r'env_\w+\("(OIDC_\w+)"', source))
    readme = (ROOT / "README.md").read_text()
    table = "\n".join(line for line in readme.splitlines() if line.startswith("| `"))
    assert len(names) >= 12
    assert sorted(name for name in names if f"`{name}`" not in table) == []
