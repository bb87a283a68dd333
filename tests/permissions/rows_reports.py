"""Reports: project leaders and staf make PDFs; a facilitator of the circle gets 403, others 404.

The world has no report yet, so the report page and download are checked with an unknown
code here; who may open an existing report is in tests/reports/test_views.py.
"""

from tests.permissions.rows import Row, login_then

UNKNOWN = "00000000-0000-4000-8000-000000000000"
MAKERS = {"staf": 302, "projectleider": 302, "superuser": 302}

ROWS = [
    Row(
        "POST",
        "/rapporten/nieuw/leerkring/{circle}/",
        login_then({"outsider": 404, "begeleider": 403, "begeleider2": 404, **MAKERS}),
    ),
    Row(
        "POST",
        "/rapporten/nieuw/samenvatting/{session}/",
        login_then({"outsider": 404, "begeleider": 403, "begeleider2": 404, **MAKERS}),
    ),
    Row("GET", "/rapporten/nieuw/leerkring/{circle}/", login_then({"projectleider": 405, "staf": 405})),
    Row(
        "GET",
        f"/rapporten/{UNKNOWN}/",
        login_then({"outsider": 404, "begeleider": 404, "staf": 404, "projectleider": 404}),
    ),
    Row(
        "GET",
        f"/rapporten/{UNKNOWN}/status/",
        login_then({"outsider": 404, "begeleider": 404, "staf": 404, "projectleider": 404}),
    ),
    Row(
        "POST",
        f"/rapporten/{UNKNOWN}/opnieuw/",
        login_then({"outsider": 404, "begeleider": 404, "staf": 404, "projectleider": 404}),
    ),
    Row(
        "GET",
        f"/rapporten/{UNKNOWN}/download/",
        login_then({"outsider": 404, "begeleider": 404, "staf": 404, "projectleider": 404}),
    ),
]
