"""Evaluation and impact follow-up (issue 11): the participant's signed link, the leader's questions."""

from tests.permissions.rows import PERSONAS, Row
from tests.permissions.rows_planning import on_circle

ROWS = [
    # The link is the key: a wrong one is refused alike for everyone, signed in or not.
    Row("GET", "/bijeenkomsten/evaluatie/not-a-signed-token/", dict.fromkeys(PERSONAS, 400)),
    Row("POST", "/bijeenkomsten/evaluatie/not-a-signed-token/", dict.fromkeys(PERSONAS, 400)),
    Row("GET", "/bijeenkomsten/leerkring/{circle}/evaluatie/", on_circle(200)),
    Row("POST", "/bijeenkomsten/leerkring/{circle}/evaluatie/", on_circle(200), {"statements_text": ""}),
]
