import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.test import Client

from buildingblocks.models import BuildingBlock

EIGHT = [
    "Vooruit met het oog voor het verleden van het sociaal werk",
    "Relatie tussen aansturend beleid en uitvoering",
    "De lerende en onderzoekende professional en organisatie",
    "Afstemming werkprocessen",
    "Samenwerking in een interdisciplinair team",
    "Samenwerking met het (in)formele (wijk)netwerk",
    "Procesmatig werken",
    "Ontwikkelen kwaliteitsbewustzijn en vormen van verantwoording",
]


@pytest.mark.django_db
def test_the_eight_building_blocks_have_their_exact_names() -> None:
    assert list(BuildingBlock.objects.values_list("number", "name")) == list(enumerate(EIGHT, start=1))


@pytest.mark.django_db
def test_the_building_blocks_page_lists_the_eight_names(client: Client) -> None:
    html = client.get("/bouwstenen/").content.decode()
    positions = [html.index(name) for name in EIGHT]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_roles_are_groups_created_by_a_migration() -> None:
    assert set(Group.objects.values_list("name", flat=True)) >= {"projectleider", "begeleider", "staf"}


def test_our_sessions_app_does_not_take_the_contrib_sessions_label() -> None:
    assert apps.get_app_config("circle_sessions").name == "sessions"
    assert apps.get_app_config("sessions").name == "django.contrib.sessions"


@pytest.mark.django_db
def test_start_page_speaks_dutch_to_an_anonymous_visitor(client: Client) -> None:
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in html
    assert "Samen leren in een leerkring" in html
    assert 'href="#main"' in html and "Naar de inhoud" in html
    assert "Inloggen" in html


@pytest.mark.django_db
def test_the_language_switcher_turns_the_shell_english(client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Log in" in html


@pytest.mark.django_db
def test_login_page_is_dutch(client: Client) -> None:
    html = client.get("/accounts/login/").content.decode()
    assert "Gebruikersnaam" in html and "Wachtwoord" in html


@pytest.mark.django_db
def test_a_wrong_password_gets_a_dutch_message(client: Client, projectleider: User) -> None:
    response = client.post("/accounts/login/", {"username": "pl", "password": "fout"})
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()


@pytest.mark.django_db
def test_logout_is_a_post_and_returns_home(client: Client, projectleider: User) -> None:
    client.force_login(projectleider)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/").wsgi_request.user.is_anonymous


NAV = {
    "projectleider": {"Leerkringen": True, "Rapporten": True, "Mijn bijeenkomsten": False, "Beheer": False},
    "begeleider": {"Leerkringen": True, "Rapporten": False, "Mijn bijeenkomsten": True, "Beheer": False},
    "begeleider2": {"Leerkringen": True, "Rapporten": False, "Mijn bijeenkomsten": True, "Beheer": False},
    "staf": {"Leerkringen": True, "Rapporten": True, "Mijn bijeenkomsten": False, "Beheer": False},
    "outsider": {"Leerkringen": False, "Rapporten": False, "Mijn bijeenkomsten": False, "Beheer": False},
}


def navigation(html: str) -> str:
    start = html.index('<nav class="navbar')
    return html[start : html.index("</nav>", start)]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(NAV))
def test_each_role_sees_its_own_navigation(client: Client, persona: str, request: pytest.FixtureRequest) -> None:
    client.force_login(request.getfixturevalue(persona))
    nav = navigation(client.get("/").content.decode())
    assert ">Uitloggen</button>" in nav
    for label, shown in NAV[persona].items():
        assert (f">{label}</a>" in nav) is shown, label


@pytest.mark.django_db
def test_superuser_sees_the_admin_link(client: Client, superuser: User) -> None:
    client.force_login(superuser)
    assert 'href="/admin/"' in client.get("/").content.decode()
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_an_english_browser_still_gets_dutch_until_the_visitor_switches(client: Client) -> None:
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nl">' in html
