"""Attendance and verslag pages: the session's facilitators and the circle's project leader edit,
staf reads (403 on changes), other facilitators and outsiders get 404."""

from tests.permissions.rows import Row, login_then

READ = login_then(
    {
        "outsider": 404,
        "staf": 200,
        "begeleider": 200,
        "begeleider2": 404,
        "projectleider": 200,
        "projectleider2": 200,
        "superuser": 200,
    }
)


def change(allowed: int, *, begeleider: int | None = None) -> dict[str, int]:
    return login_then(
        {
            "outsider": 404,
            "staf": 403,
            "begeleider": allowed if begeleider is None else begeleider,
            "begeleider2": 404,
            "projectleider": allowed,
            # A project leader reads every verslag, but changes only those of circles they lead.
            "projectleider2": 403,
            "superuser": allowed,
        }
    )


ROWS = [
    Row("GET", "/bijeenkomsten/{session}/verslag/", READ),
    # An empty POST is shown again with the form's errors (200).
    Row("POST", "/bijeenkomsten/{session}/verslag/", change(200)),
    # The background save: an empty POST is answered with what is missing (400, JSON).
    Row("POST", "/bijeenkomsten/{session}/verslag/automatisch-opslaan/", change(400)),
    Row("GET", "/bijeenkomsten/{session}/aanwezigheid/", READ),
    Row("POST", "/bijeenkomsten/{session}/aanwezigheid/", change(400)),
    # Nothing submitted yet: who may establish is sent back with a message (302).
    Row("POST", "/bijeenkomsten/{next_session}/vaststellen/{session}/", change(302)),
    # Only the circle's project leader (and superusers) reopen.
    Row("POST", "/bijeenkomsten/{session}/verslag/heropenen/", change(302, begeleider=403)),
    Row("GET", "/bijeenkomsten/00000000-0000-0000-0000-000000000000/verslag/", login_then({"projectleider": 404})),
]
ROWS += [
    # Only the circle's project leader (and superusers) change the publication level; nothing is
    # established in the world, so who may is sent back with a message (302).
    Row("POST", "/bijeenkomsten/{session}/verslag/publicatie/", change(302, begeleider=403)),
]
