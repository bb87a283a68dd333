"""Demo attendance and outcomes for `seed_demo` (development only)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.utils import timezone

from circles.models import Circle, Function, Session
from sessions.kennisbank.services import outcome_index
from sessions.models import (
    Action,
    Answer,
    AttendanceCount,
    Outcome,
    OutcomeEvent,
    PolicySignal,
    Section,
    Subgroup,
    SubQuestion,
)
from sessions.services.outcomes import outcome_default_introduction, outcome_default_method
from sessions.services.signals import signal_items, signal_mark, signal_update

SUBGROUPS = ["Wijkteamleden", "Wijkteamleiders", "Vraagwijzers", "Beleidsmakers"]

# The five deelvragen of the real summary, with each subgroup's answer (one point per line).
RESULTS: list[tuple[str, list[str], str]] = [
    (
        "Wat betekent het werken binnen het wijkteam volgens de Wmo voor jouw professie?",
        [
            "kortere lijnen\nniet zorgen voor maar zorgen dat\nmeer mantelzorg",
            "integraliteit bevorderen\nverbinden\nmaatwerk\nde burger (denkende mens) in zijn eigen kracht zetten",
            "meerwaarde\nsnelle adequate hulp\neenduidigheid",
            "positioneren van professionals\ndidactiek\nkansen",
        ],
        "De vraagwijzers hebben de volgende opmerkingen:\n"
        "De nieuwe manier van uitvragen (problemen op meer dan twee leefgebieden betekent doorverwijzen naar "
        "het wijkteam) ziet de vraagwijzer als beknotting. Het is een verarming voor de burger als de hulp over "
        "twee schijven moet.\n"
        "Minder aandacht voor eigen kracht.\n"
        "Door indiceren verandert het karakter van de vraagwijzer op een verkeerde manier.",
    ),
    (
        "Wat wil je dat een wijkteammedewerker van jouw professie afweet en zelf kan overdragen?",
        [
            "kennis over wat leidt tot gewenste gedrags- en situatieveranderingen\n"
            "deze kennis graag delen om zo gedrag te veranderen",
            "T-shaped professional\npositieve houding\ngeneralistisch denken\n"
            "organisatorische eigenschappen met oog voor kansen",
            "kennis over de sociale kaart, vooral de werkwijze van de vraagwijzer",
            "kritische houding tegenover de bestaande uitvoering\nsignaleren (en aan beleidsmakers doorgeven)",
        ],
        "",
    ),
    (
        "Waar ligt het bereik van en de grens van jouw professie?",
        [
            "volle caseload\nlokaal team huiselijk geweld en medicatie",
            "'the sky is the limit': zien vanuit het grote geheel\n"
            "nu wel de tijd om in te richten ten dienste van bewoners",
            "de vraagwijzer is 'grenzeloos': iedereen kan in eerste instantie bij de vraagwijzer terecht",
            "de keten is zo sterk als de zwakste schakel\nkennis delen",
        ],
        "",
    ),
    (
        "Waar loop je tegenaan en wat is er al wel?",
        [
            "dubbele functie; werk en inkomen, aanbod trainingen en faciliteren als struikelblokken\n"
            "goede communicatie is nodig: stoppen met de organisatie maar de relatie goed houden\n"
            "snel kunnen opschalen",
            "achtervang voor zware zaken\nandere partners doen hun werk onvoldoende\nhoge verwachtingen\n"
            "er is wel deskundigheid en casusregie",
            "een toenemende bureaucratie; doe het voor de cliënt\nonduidelijkheid over nieuwe initiatieven\n"
            "zaken worden niet snel opgepakt door het wijkteam",
            "zorgzwaarte goed inschatten en op het juiste niveau beleggen\n"
            "wettelijke kaders versus menselijke maat versus integriteit van de professional\n"
            "de wijkteams zijn nog onvoldoende ingevuld met deskundigheid",
        ],
        "",
    ),
    (
        "Hoe voer je je werk uit binnen het Wmo-kader?",
        [
            "weinig focus op preventie en signalering\ninformatiedeling dramatisch geregeld\nvraaggericht\n"
            "met mandaten zou ik meer en sneller wat voor cliënten kunnen betekenen",
            "kostenbesparend en samenwerking\nnetwerk eigen kracht",
            "goede samenwerking met andere disciplines, kruisbestuiving\n"
            "eerst de informele kant benaderen vóór professionele inzet",
            "professionals centraal stellen\nde gemeente ondersteunt, ook met een convenant met de politie",
        ],
        "",
    ),
]

PARTS = (
    "Reflectie over de opbrengst van Living Lab I (gesprek).\n"
    "Ervaren hoe je deel kunt zijn van verschillende groepen (ludieke technieken).\n"
    "Het uitwisselen van informatie (moderatiemethode)."
)
GROUPING = (
    "Het was de opzet van de onderzoekers en docenten de groep in te delen in subgroepen van verschillende "
    "professies. In samenspraak met de groep is besloten de subgroepen te vormen aan de hand van functies: "
    "wijkteammedewerkers, vraagwijzermedewerkers, wijkteamleiders en beleidsmedewerkers. De laatste groep "
    "bestond uit beleidsmedewerkers van de gemeente Rotterdam en onderzoekers en docenten van Leerkring 2."
)
# 26 people; the "meewerkend voorvrouw" of a vraagwijzer counted with the leaders.
COUNTS_SESSION_2 = {
    Function.WIJKTEAMMEDEWERKER: 8,
    Function.VRAAGWIJZERMEDEWERKER: 5,
    Function.WIJKTEAMLEIDER: 4,
    Function.BELEIDSMEDEWERKER: 5,
    Function.ONDERZOEKER_DOCENT: 4,
}
COUNTS_SESSION_1 = {
    Function.WIJKTEAMMEDEWERKER: 9,
    Function.VRAAGWIJZERMEDEWERKER: 6,
    Function.WIJKTEAMLEIDER: 3,
    Function.BELEIDSMEDEWERKER: 3,
    Function.ONDERZOEKER_DOCENT: 2,
}
SWOT = [
    ("Sterktes", "korte lijnen in de wijk\nbrede kennis in één team"),
    ("Zwaktes", "informatiedeling tussen organisaties\nhoge caseload"),
    ("Kansen", "samenwerken met vrijwilligers en buurtnetwerken\nvroegsignalering"),
    ("Bedreigingen", "toenemende bureaucratie\nonduidelijke mandaten"),
]

# The first session's verslag: a sterkte-zwakteanalyse of working in the wijkteams under Visie and
# the leervragen grouped as the Inholland slides do, published openly.
FIRST_SWOT = [
    ("Sterktes", "het wijkteam kent de wijk en de bewoners\nkorte lijnen tussen wijkteam en vraagwijzer"),
    ("Zwaktes", "onduidelijk wie de casusregie heeft\ninformatiedeling tussen wijkteams en loketten"),
    ("Kansen", "eigen kracht en het informele netwerk eerder benutten\nmantelzorgers vroeg betrekken"),
    ("Bedreigingen", "volle caseload in de wijkteams\nbezuinigingen op preventie"),
]
LEERVRAGEN = [
    ("Kennis", "welke voorzieningen zijn er in de wijk en wie biedt ze aan?\nwat verandert er met de Wmo 2015?"),
    ("Positionering", "hoe laat het wijkteam zien wat het doet?\nwie heeft de regie bij meerdere partijen?"),
    ("Professionalisering", "hoe voer je een goed keukentafelgesprek?\nhoe betrek je het netwerk van een bewoner?"),
]


def _sections(outcome: Outcome, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
    """Free sections with their sub-sections: (heading, [(sub-heading, items), …]), in order."""
    position = 0
    for heading, subsections in groups:
        parent = Section.objects.create(outcome=outcome, heading=heading, position=position)
        position += 1
        for sub_heading, items in subsections:
            Section.objects.create(outcome=outcome, parent=parent, heading=sub_heading, items=items, position=position)
            position += 1


def seed_outcomes(circles: dict[str, Circle], users: dict[str, User]) -> None:
    """Record a verslag modelled on the real summary in shared/seeds/, once."""
    circle = circles.get("leerkring1")
    if circle is None:
        return
    sessions = list(circle.sessions.order_by("number"))
    if len(sessions) < 4:
        return
    writer = users["begeleider"]
    _counts(sessions[0], COUNTS_SESSION_1)
    _counts(sessions[1], COUNTS_SESSION_2)
    _established_swot(sessions[0], sessions[1], writer, users["projectleider"])
    _established_summary(sessions[1], sessions[2], writer, users["projectleider"])
    _concept_with_swot(sessions[2], sessions[3], writer)
    # The kennisbank finds them: its search rows are rewritten on every run.
    for outcome in Outcome.objects.filter(session__circle=circle):
        outcome_index(outcome=outcome)


def _counts(session: Session, counts: dict[Function, int]) -> None:
    if session.attendance_counts.exists() or session.attendances.exists():
        return
    AttendanceCount.objects.bulk_create(
        AttendanceCount(session=session, function=function, count=count) for function, count in counts.items()
    )


def _established_fields(session: Session, at: Session, writer: User, leader: User) -> dict[str, object]:
    moment = timezone.make_aware(datetime.datetime.combine(at.date, at.end_time))
    return {
        "session": session,
        "status": Outcome.Status.ESTABLISHED,
        "introduction": outcome_default_introduction(session=session),
        "method": outcome_default_method(),
        "submitted_by": writer,
        "submitted_at": moment - datetime.timedelta(days=7),
        "established_at_session": at,
        "established_by": leader,
        "established_at": moment,
        "updated_by": writer,
    }


def _established_swot(session: Session, at: Session, writer: User, leader: User) -> None:
    """Openbaar, so the public part of the kennisbank has something to show."""
    if Outcome.objects.filter(session=session).exists():
        return
    outcome = Outcome.objects.create(
        **_established_fields(session, at, writer, leader),
        publication=Outcome.Publication.PUBLIC,
        central_question="Waar staan de wijkteams en vraagwijzers nu, en wat willen we leren?",
        parts="Kennismaking.\nSterkte-zwakteanalyse van het werken in de wijkteams.\nLeervragen verzamelen.",
        grouping="De deelnemers werkten in vier gemengde groepen van wijkteams en vraagwijzers.",
    )
    _sections(outcome, [("Visie", FIRST_SWOT), ("Leervragen", LEERVRAGEN)])
    OutcomeEvent.objects.create(outcome=outcome, action=OutcomeEvent.Action.SUBMITTED, by=writer)
    OutcomeEvent.objects.create(outcome=outcome, action=OutcomeEvent.Action.ESTABLISHED, by=leader)


def _established_summary(session: Session, at: Session, writer: User, leader: User) -> None:
    if Outcome.objects.filter(session=session).exists():
        return
    moment = timezone.make_aware(datetime.datetime.combine(at.date, at.end_time))
    outcome = Outcome.objects.create(
        session=session,
        status=Outcome.Status.ESTABLISHED,
        publication=Outcome.Publication.WERKPLAATS,
        central_question="Wat betekent de WMO voor jouw professie?",
        introduction=outcome_default_introduction(session=session),
        method=outcome_default_method(),
        parts=PARTS,
        grouping=GROUPING,
        submitted_by=writer,
        submitted_at=moment - datetime.timedelta(days=14),
        established_at_session=at,
        established_by=leader,
        established_at=moment,
        updated_by=writer,
    )
    subgroups = [Subgroup.objects.create(outcome=outcome, name=name, position=i) for i, name in enumerate(SUBGROUPS)]
    for position, (text, answers, remarks) in enumerate(RESULTS):
        question = SubQuestion.objects.create(outcome=outcome, text=text, remarks=remarks, position=position)
        Answer.objects.bulk_create(
            Answer(subquestion=question, subgroup=group, text=answer)
            for group, answer in zip(subgroups, answers, strict=True)
        )
    OutcomeEvent.objects.create(outcome=outcome, action=OutcomeEvent.Action.SUBMITTED, by=writer)
    OutcomeEvent.objects.create(outcome=outcome, action=OutcomeEvent.Action.ESTABLISHED, by=leader)
    # A signal for policy, passed on to the municipality: the signals pages have something to show.
    item = next(item for item in signal_items(outcome=outcome) if item.text == "meer mantelzorg")
    note = "Wijkteams zien de vraag naar mantelzorgondersteuning groeien; graag bespreken met de gemeente."
    signal = signal_mark(outcome=outcome, user=leader, item=item, note=note)
    signal_update(signal=signal, user=leader, status=PolicySignal.Status.FORWARDED, reply="")


def _concept_with_swot(session: Session, following: Session, writer: User) -> None:
    if Outcome.objects.filter(session=session).exists():
        return
    outcome = Outcome.objects.create(
        session=session,
        central_question="Hoe staat de samenwerking in het wijkteam ervoor?",
        introduction=outcome_default_introduction(session=session),
        method=outcome_default_method(),
        parts="Terugblik op de vorige bijeenkomst.\nSterkte-zwakteanalyse in subgroepen.\nActies afspreken.",
        grouping="De deelnemers werkten in vier gemengde groepen.",
        updated_by=writer,
    )
    _sections(outcome, [("Visie", SWOT)])
    Action.objects.create(
        circle=session.circle,
        session=session,
        description="Een overzicht maken van de vrijwilligersorganisaties in Charlois.",
        owner_name="Berry van den Bos",
        due_session=following,
        position=0,
    )
    Action.objects.create(
        circle=session.circle,
        session=session,
        description="Afspraken over informatiedeling voorleggen aan de wijkteamleiders.",
        owner_name="Henk Koetsveld",
        due_session=following,
        position=1,
    )
