"""Project-wide pages: /health/ for everyone; the single sign-on pages do not exist while OIDC is off."""

from tests.permissions.rows import PERSONAS, Row

EVERYONE_200 = dict.fromkeys(PERSONAS, 200)
EVERYONE_404 = dict.fromkeys(PERSONAS, 404)

ROWS = [
    Row("GET", "/health/", EVERYONE_200),
    Row("GET", "/accounts/oidc/inloggen/", EVERYONE_404),
    Row("GET", "/accounts/oidc/terug/", EVERYONE_404),
    Row("GET", "/accounts/oidc/mislukt/", EVERYONE_404),
]
