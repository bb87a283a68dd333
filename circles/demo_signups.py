"""Demo sign-ups for `seed_demo` (development only)."""

from __future__ import annotations

from circles.models import Circle, Function, Organisation, Registration

W, V, L, G, H = (
    Organisation.WIJKTEAM,
    Organisation.VRAAGWIJZER,
    Organisation.STEDELIJK_LOKET,
    Organisation.GEMEENTE,
    Organisation.HOGESCHOOL,
)
F = Function
# first name, last name, organisation, team, function, learning question
LEERKRING_1 = [
    ("Fatima", "El Amrani", W, "Hoogvliet", F.WIJKTEAMMEDEWERKER, "Hoe betrek ik het netwerk van een gezin?"),
    ("Jeroen", "Visser", W, "Hoogvliet", F.WIJKTEAMMEDEWERKER, ""),
    ("Sandra", "de Groot", W, "Hoogvliet", F.WIJKTEAMLEIDER, "Hoe geef ik ruimte aan professionals en houd ik zicht?"),
    ("Mohamed", "Bouzid", W, "Charlois", F.WIJKTEAMMEDEWERKER, ""),
    ("Linda", "Verhoeven", W, "Charlois", F.WIJKTEAMMEDEWERKER, "Integraal werken zonder dubbel werk."),
    ("Kees", "Dijkstra", W, "Charlois", F.WIJKTEAMLEIDER, ""),
    ("Ayşe", "Yılmaz", V, "IJsselmonde", F.VRAAGWIJZERMEDEWERKER, "Wanneer verwijs ik door naar het wijkteam?"),
    ("Priscilla", "Martina", V, "IJsselmonde", F.VRAAGWIJZERMEDEWERKER, ""),
    ("Bram", "Hoekstra", V, "Pernis", F.VRAAGWIJZERMEDEWERKER, ""),
    ("Nicole", "van Leeuwen", W, "Pernis", F.WIJKTEAMMEDEWERKER, ""),
    ("Ruud", "Smit", G, "Gemeente Rotterdam, cluster MO", F.BELEIDSMEDEWERKER, "Wat betekent ons beleid op straat?"),
    ("Esther", "Brouwer", G, "Gemeente Rotterdam, cluster MO", F.BELEIDSMEDEWERKER, ""),
    ("Thijs", "Kramer", H, "Hogeschool Rotterdam", F.ONDERZOEKER_DOCENT, ""),
    ("Samira", "Ouali", L, "Stedelijk loket Schuldhulp", F.ANDERS, ""),
]
THEMA = [
    ("Ingrid", "Mulder", W, "Hoogvliet", F.WIJKTEAMMEDEWERKER, "Hoe vind ik vrijwilligers in de buurt?"),
    ("Dennis", "Koster", W, "Charlois", F.WIJKTEAMMEDEWERKER, ""),
    ("Naima", "Haddou", V, "Feijenoord", F.VRAAGWIJZERMEDEWERKER, ""),
    ("Wouter", "Bos", L, "Stedelijk loket Jeugd", F.ANDERS, ""),
    ("Marieke", "Jansen", W, "IJsselmonde", F.WIJKTEAMLEIDER, "Samenwerken met de kerk en de moskee in de wijk."),
    ("Hasan", "Demir", V, "Pernis", F.VRAAGWIJZERMEDEWERKER, ""),
]


def _email(first: str, last: str) -> str:
    local = f"{first}.{last}".lower().replace(" ", "").replace("ş", "s").replace("ı", "i")
    return f"{local}@example.org"


def _sign_up(circle: Circle, people: list[tuple[str, str, Organisation, str, Function, str]]) -> None:
    for first, last, organisation, team, function, question in people:
        confirmed = circle.registrations.filter(status=Registration.Status.CONFIRMED).count()
        Registration.objects.get_or_create(
            circle=circle,
            email=_email(first, last),
            defaults={
                "first_name": first,
                "last_name": last,
                "organisation": organisation,
                "team": team,
                "function": function,
                "learning_question": question,
                "status": Registration.Status.CONFIRMED
                if confirmed < circle.capacity
                else Registration.Status.WAITLIST,
            },
        )


def seed_registrations(circles: dict[str, Circle]) -> None:
    """Sign demo professionals up for the published demo circles, once."""
    if "leerkring1" in circles:
        _sign_up(circles["leerkring1"], LEERKRING_1)
    if "thema" in circles:
        _sign_up(circles["thema"], THEMA)
