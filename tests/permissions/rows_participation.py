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

# Issuing and revoking: a project leader; staff reads (403); a facilitator may not see names (403).
CERTIFICATE_CHANGERS = login_then(
    {
        "outsider": 404,
        "begeleider2": 404,
        "begeleider": 403,
        "staf": 403,
        "projectleider": 302,
        "projectleider2": 302,
        "superuser": 302,
    }
)
EVERYONE = ["anonymous", "outsider", "staf", "begeleider", "begeleider2", "projectleider", "superuser"]

ROWS += [
    Row("GET", "/rapporten/leerkring/{circle}/deelnamebewijzen/", SIGNUP_READERS),
    Row("POST", "/rapporten/leerkring/{circle}/deelnamebewijzen/uitgeven/", CERTIFICATE_CHANGERS),
    Row("POST", "/rapporten/leerkring/{circle}/deelnamebewijzen/{registration}/uitgeven/", CERTIFICATE_CHANGERS),
    # No such certificate in the circle: who may change gets 404 too, after the access check.
    Row(
        "POST",
        "/rapporten/leerkring/{circle}/deelnamebewijzen/ZZZZZZZZZZ/intrekken/",
        {**CERTIFICATE_CHANGERS, "projectleider": 404, "projectleider2": 404, "superuser": 404},
    ),
    # The world's registration attended nothing: who may ask is sent back with a message (302).
    Row(
        "POST",
        "/rapporten/leerkring/{circle}/deelnamebewijzen/{registration}/reflectieverklaring/",
        CERTIFICATE_CHANGERS,
    ),
    Row("GET", "/controle/", dict.fromkeys(EVERYONE, 200)),
    Row("GET", "/controle/ZZZZZZZZZZ/", dict.fromkeys(EVERYONE, 404)),
]

ROWS += [
    Row("GET", "/mijn-aanmelding/", dict.fromkeys(EVERYONE, 200)),
    Row("GET", "/mijn-aanmelding/not-a-signed-token/", dict.fromkeys(EVERYONE, 400)),
    Row("GET", "/mijn-aanmelding/not-a-signed-token/agenda.ics", dict.fromkeys(EVERYONE, 400)),
    Row("GET", "/mijn-aanmelding/not-a-signed-token/gegevens/", dict.fromkeys(EVERYONE, 400)),
    Row("POST", "/mijn-aanmelding/not-a-signed-token/gegevens/", dict.fromkeys(EVERYONE, 400)),
    Row("GET", "/rapporten/mijn-deelnamebewijs/not-a-signed-token/", dict.fromkeys(EVERYONE, 404)),
]
