"""The privacy pages (AVG): staf and superusers only; the other roles 403."""

from tests.permissions.rows import Row, login_then

STAF_ONLY = login_then(
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
    Row("GET", "/avg/logboek/", STAF_ONLY),
]

ROWS += [
    Row("GET", "/avg/", STAF_ONLY),
    Row("GET", "/avg/aanmelding/{registration}/", STAF_ONLY),
    Row("POST", "/avg/", STAF_ONLY, {"email": "anna@example.org"}),
    Row("POST", "/avg/export.json", STAF_ONLY, {"email": "anna@example.org"}),
    Row("POST", "/avg/export/", STAF_ONLY, {"email": "anna@example.org"}),
    Row("POST", "/avg/wissen/", STAF_ONLY, {"email": "anna@example.org"}),
]
