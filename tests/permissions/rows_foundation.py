from tests.permissions.rows import Row, login_then

EVERYONE_200 = dict.fromkeys(
    ["anonymous", "outsider", "staf", "begeleider", "begeleider2", "projectleider", "superuser"], 200
)

ROWS = [
    Row("GET", "/", EVERYONE_200),
    Row("GET", "/bouwstenen/", EVERYONE_200),
    Row("GET", "/accounts/login/", {"anonymous": 200}),
    Row("GET", "/bijeenkomsten/mijn/", login_then({"begeleider": 200, "begeleider2": 200})),
    Row(
        "GET",
        "/rapporten/",
        login_then({"outsider": 403, "begeleider": 403, "staf": 200, "projectleider": 200, "superuser": 200}),
    ),
    Row("GET", "/admin/", {"anonymous": 302, "projectleider": 302, "superuser": 200}),
]
