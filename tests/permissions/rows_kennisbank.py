"""The kennisbank: its search is for every role (a user without one 403); its public part is for
everyone, and a verslag that is not established and "openbaar" is not there (404)."""

from tests.permissions.rows import PERSONAS, SIGNED_IN, Row, login_then

ROWS = [
    Row("GET", "/kennisbank/", login_then({**dict.fromkeys(SIGNED_IN, 200), "outsider": 403})),
    Row("GET", "/kennisbank/?q=wijkteam&jaar=2027", login_then({"outsider": 403, "begeleider2": 200})),
    Row("POST", "/kennisbank/", login_then({"staf": 405})),
    Row("GET", "/kennisbank/openbaar/", dict.fromkeys(PERSONAS, 200)),
    Row("GET", "/kennisbank/openbaar/{session}/", dict.fromkeys(PERSONAS, 404)),
    Row("GET", "/kennisbank/openbaar/{session}/verslag.pdf", dict.fromkeys(PERSONAS, 404)),
]
