"""Mijn gegevens, and the facilitators' details that staff keep (issue 14)."""

from tests.permissions.rows import Row, login_then

OWN = login_then(
    {
        "outsider": 403,
        "staf": 403,
        "begeleider": 200,
        "begeleider2": 200,
        "projectleider": 200,
        "projectleider2": 200,
        "superuser": 200,
    }
)
STAFF = login_then(
    {
        "outsider": 403,
        "staf": 200,
        "begeleider": 403,
        "begeleider2": 403,
        "projectleider": 403,
        "projectleider2": 403,
        "superuser": 200,
    }
)

ROWS = [
    Row("GET", "/mijn-gegevens/", OWN),
    Row("POST", "/mijn-gegevens/", OWN, {"organisation": "x" * 201}),
    Row("GET", "/begeleiders/", STAFF),
    Row("GET", "/begeleiders/bg/gegevens/", STAFF),
    Row("POST", "/begeleiders/bg/gegevens/", STAFF, {"organisation": "x" * 201}),
    # Staff users are not named in verslagen: no details to change.
    Row("GET", "/begeleiders/staf/gegevens/", login_then({"staf": 404, "begeleider": 403})),
]
