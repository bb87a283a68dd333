"""Public sign-up and the sign-ups page (issue 4)."""

from tests.permissions.rows import Row, login_then

EVERYONE = ["anonymous", "outsider", "staf", "begeleider", "begeleider2", "projectleider", "superuser"]


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(EVERYONE, status)


def readers(reader_status: int, changer_status: int) -> dict[str, int]:
    """Project leader and staf read personal data; the circle's begeleider may not (403); others 404."""
    return login_then(
        {
            "outsider": 404,
            "begeleider2": 404,
            "begeleider": 403,
            "staf": reader_status,
            "projectleider": changer_status,
            "superuser": changer_status,
        }
    )


ROWS = [
    Row("GET", "/aanbod/{circle}/", everyone(200)),
    # An empty form comes back with its errors, for anyone.
    Row("POST", "/aanbod/{circle}/", everyone(200)),
    Row("GET", "/aanbod/{circle}/aangemeld/", everyone(200)),
    Row("GET", "/privacy/", everyone(200)),
    Row("GET", "/toegankelijkheid/", everyone(200)),
    Row("GET", "/afmelden/not-a-signed-token/", everyone(400)),
    Row("POST", "/afmelden/not-a-signed-token/", everyone(400)),
    Row("GET", "/leerkringen/{circle}/aanmeldingen/", readers(200, 200)),
    Row("GET", "/leerkringen/{circle}/aanmeldingen.csv", readers(200, 200)),
    Row("GET", "/leerkringen/{circle}/aanmeldingen/nieuw/", readers(403, 200)),
    Row("POST", "/leerkringen/{circle}/aanmeldingen/nieuw/", readers(403, 200)),
    Row(
        "POST",
        "/leerkringen/{circle}/aanmeldingen/{registration}/status/",
        readers(403, 302),
        {"status": "wachtlijst"},
    ),
]
