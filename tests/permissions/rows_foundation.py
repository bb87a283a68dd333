from tests.permissions.rows import PERSONAS, SIGNED_IN, Row, login_then

EVERYONE_200 = dict.fromkeys(PERSONAS, 200)

ROWS = [
    Row("GET", "/", EVERYONE_200),
    Row("GET", "/bouwstenen/", EVERYONE_200),
    # A signed-in user is sent on from the login page.
    Row("GET", "/accounts/login/", {"anonymous": 200, **dict.fromkeys(SIGNED_IN, 302)}),
    # After logging in: on to the page of one's role.
    Row("GET", "/start/", login_then(dict.fromkeys(SIGNED_IN, 302))),
    # Everyone signed in has the page; it is empty for who guides nothing.
    Row("GET", "/bijeenkomsten/mijn/", login_then(dict.fromkeys(SIGNED_IN, 200))),
    Row(
        "GET",
        "/rapporten/",
        login_then(
            {
                "outsider": 403,
                "begeleider": 403,
                "begeleider2": 403,
                "staf": 200,
                "projectleider": 200,
                "projectleider2": 200,
                "superuser": 200,
            }
        ),
    ),
    Row("GET", "/admin/", {**dict.fromkeys(["anonymous", *SIGNED_IN], 302), "superuser": 200}),
]
