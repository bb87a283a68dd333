"""Participation records (issue 11): the presence list per session date."""

from tests.permissions.rows import Row, login_then

# Registration numbers are personal data: those who read the sign-ups (project leader, staf).
SIGNUP_READERS = login_then(
    {
        "outsider": 404,
        "begeleider2": 404,
        "begeleider": 403,
        "staf": 200,
        "projectleider": 200,
        "projectleider2": 200,
        "superuser": 200,
    }
)

ROWS = [
    Row("GET", "/bijeenkomsten/{session}/presentielijst.csv", SIGNUP_READERS),
]
