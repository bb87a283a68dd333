"""Planning circles and sessions (issue 3)."""

from tests.permissions.rows import PERSONAS, SIGNED_IN, Row, login_then

CHANGERS_ONLY_200 = login_then(
    {
        "outsider": 403,
        "staf": 403,
        "begeleider": 403,
        "begeleider2": 403,
        "projectleider": 200,
        "projectleider2": 200,
        "superuser": 200,
    }
)

# A form that is only posted: GET is refused before anything is looked up.
ONLY_POST = login_then(dict.fromkeys(SIGNED_IN, 405))


def on_circle(changer: int, reader: int = 403) -> dict[str, int]:
    """Outsiders and begeleider2 (who guides nothing here) get 404; staf and begeleider read only."""
    return login_then(
        {
            "outsider": 404,
            "begeleider2": 404,
            "staf": reader,
            "begeleider": reader,
            "projectleider": changer,
            # Every project leader plans every circle; only verslagen are the circle's own leader's.
            "projectleider2": changer,
            "superuser": changer,
        }
    )


ROWS = [
    Row(
        "GET",
        "/leerkringen/",
        login_then(
            {
                "outsider": 403,
                "staf": 200,
                "begeleider": 200,
                "begeleider2": 200,
                "projectleider": 200,
                "superuser": 200,
            }
        ),
    ),
    Row("GET", "/leerkringen/?status=gepubliceerd&q=Leerkring", login_then({"staf": 200, "projectleider": 200})),
    Row("GET", "/leerkringen/nieuw/", CHANGERS_ONLY_200),
    Row("POST", "/leerkringen/nieuw/", CHANGERS_ONLY_200, {"name": ""}),
    Row("GET", "/leerkringen/{circle}/", on_circle(200, reader=200)),
    Row("GET", "/leerkringen/{circle}/wijzigen/", on_circle(200)),
    # The history names participants: project leaders and staff; a facilitator gets 403.
    Row(
        "GET",
        "/leerkringen/{circle}/geschiedenis/",
        on_circle(200, reader=403) | {"staf": 200},
    ),
    Row("POST", "/leerkringen/{circle}/wijzigen/", on_circle(200), {"name": ""}),
    Row("POST", "/leerkringen/{circle}/status/", on_circle(302), {"to": "gesloten"}),
    Row("GET", "/leerkringen/{circle}/status/", ONLY_POST),
    # A published circle's calendar is public, like its dates in the catalogue.
    Row("GET", "/leerkringen/{circle}/agenda.ics", dict.fromkeys(PERSONAS, 200)),
    Row("POST", "/bijeenkomsten/leerkring/{circle}/toevoegen/", on_circle(200), {"date": ""}),
    # GET opens the circle page with the form to add a session (the form is closed once published).
    Row("GET", "/bijeenkomsten/leerkring/{circle}/toevoegen/", on_circle(200)),
    Row("GET", "/bijeenkomsten/leerkring/{circle}/reeks/", on_circle(200)),
    Row("POST", "/bijeenkomsten/leerkring/{circle}/reeks/", on_circle(200), {"first_date": ""}),
    Row("GET", "/leerkringen/{circle}/kopieren/", on_circle(200)),
    Row("POST", "/leerkringen/{circle}/kopieren/", on_circle(200), {"name": ""}),
    Row("GET", "/bijeenkomsten/{session}/wijzigen/", on_circle(200)),
    Row("POST", "/bijeenkomsten/{session}/wijzigen/", on_circle(200), {"date": ""}),
    # Four sessions is the minimum of a published circle: the project leader is sent back.
    Row("GET", "/bijeenkomsten/{session}/verwijderen/", on_circle(302)),
    Row("POST", "/bijeenkomsten/{session}/verwijderen/", on_circle(302)),
    Row("GET", "/bijeenkomsten/agenda/geen-geldige-sleutel.ics", dict.fromkeys(PERSONAS, 404)),
    Row("POST", "/bijeenkomsten/agenda/nieuwe-link/", login_then(dict.fromkeys(SIGNED_IN, 302))),
]
