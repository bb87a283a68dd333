"""The actions board: every role opens it (each sees the actions it may read); no role, 403."""

from tests.permissions.rows import Row, login_then

ROWS = [
    Row(
        "GET",
        "/bijeenkomsten/acties/",
        login_then(
            {
                "outsider": 403,
                "staf": 200,
                "begeleider": 200,
                "begeleider2": 200,
                "projectleider": 200,
                "projectleider2": 200,
                "superuser": 200,
            }
        ),
    ),
]
