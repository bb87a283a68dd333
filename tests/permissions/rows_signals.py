"""Signals for policy: a verslag's readers see its signals and its editors mark them; project leaders
and staf follow all signals (others 403); period PDFs are theirs too (others 403 or 404)."""

from tests.permissions.rows import Row, login_then
from tests.permissions.rows_outcomes import READ, change

UNKNOWN = "00000000-0000-4000-8000-000000000000"
FOLLOWERS = {"staf": 200, "projectleider": 200, "projectleider2": 200, "superuser": 200}
OTHERS_403 = {"outsider": 403, "begeleider": 403, "begeleider2": 403}

ROWS = [
    Row("GET", "/bijeenkomsten/{session}/verslag/signalen/", READ),
    Row("POST", "/bijeenkomsten/{session}/verslag/signalen/", change(200)),
    Row("GET", "/bijeenkomsten/signalen/", login_then({**OTHERS_403, **FOLLOWERS})),
    Row("GET", "/bijeenkomsten/signalen/export.csv", login_then({**OTHERS_403, **FOLLOWERS})),
    Row(
        "GET",
        f"/bijeenkomsten/signalen/{UNKNOWN}/",
        login_then({**OTHERS_403, **dict.fromkeys(FOLLOWERS, 404)}),
    ),
    Row("POST", "/rapporten/nieuw/signalen/", login_then({**OTHERS_403, **dict.fromkeys(FOLLOWERS, 302)})),
    Row("GET", "/rapporten/nieuw/signalen/", login_then({"staf": 405})),
    Row("GET", f"/rapporten/periode/{UNKNOWN}/", login_then({"outsider": 404, "begeleider": 404, "staf": 404})),
    Row(
        "GET",
        f"/rapporten/periode/{UNKNOWN}/status/",
        login_then({"outsider": 404, "begeleider": 404, "staf": 404}),
    ),
    Row(
        "GET",
        f"/rapporten/periode/{UNKNOWN}/download/",
        login_then({"outsider": 404, "begeleider": 404, "projectleider": 404}),
    ),
]

# The programme folder: staff and project leaders write its introduction; its PDF is public once made.
ROWS += [
    Row("GET", "/rapporten/programma/2027/", login_then({**OTHERS_403, **FOLLOWERS})),
    Row("POST", "/rapporten/programma/2027/", login_then({**OTHERS_403, **FOLLOWERS})),
    Row("GET", "/rapporten/programma/2027/leerkringen.pdf", {"anonymous": 404, "staf": 404}),
]
