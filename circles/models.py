from __future__ import annotations

import datetime
import re
import uuid
from typing import TYPE_CHECKING, ClassVar, NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from buildingblocks.models import BuildingBlock
from leerkring.core import textlimits

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Organisation(models.TextChoices):
    WIJKTEAM = "wijkteam", _("Wijkteam")
    VRAAGWIJZER = "vraagwijzer", _("Vraagwijzer")
    STEDELIJK_LOKET = "stedelijk_loket", _("Stedelijk loket")
    GEMEENTE = "gemeente", _("Gemeente (beleid)")
    HOGESCHOOL = "hogeschool", _("Hogeschool of onderzoek")
    OVERIG = "overig", _("Overig")


class Function(models.TextChoices):
    """Function groups used when counting attendance in an outcome summary."""

    WIJKTEAMMEDEWERKER = "wijkteammedewerker", _("Wijkteammedewerker")
    VRAAGWIJZERMEDEWERKER = "vraagwijzermedewerker", _("Vraagwijzermedewerker")
    WIJKTEAMLEIDER = "wijkteamleider", _("Wijkteamleider")
    BELEIDSMEDEWERKER = "beleidsmedewerker", _("Beleidsmedewerker")
    ONDERZOEKER_DOCENT = "onderzoeker_docent", _("Onderzoeker of docent")
    ANDERS = "anders", _("Anders")


def function_count_label(function: str, count: int) -> str:
    """'8 wijkteammedewerkers', '1 onderzoeker of docent'."""
    labels = {
        Function.WIJKTEAMMEDEWERKER: ngettext("%(n)d wijkteammedewerker", "%(n)d wijkteammedewerkers", count),
        Function.VRAAGWIJZERMEDEWERKER: ngettext("%(n)d vraagwijzermedewerker", "%(n)d vraagwijzermedewerkers", count),
        Function.WIJKTEAMLEIDER: ngettext("%(n)d wijkteamleider", "%(n)d wijkteamleiders", count),
        Function.BELEIDSMEDEWERKER: ngettext("%(n)d beleidsmedewerker", "%(n)d beleidsmedewerkers", count),
        Function.ONDERZOEKER_DOCENT: ngettext("%(n)d onderzoeker of docent", "%(n)d onderzoekers of docenten", count),
        Function.ANDERS: ngettext(
            "%(n)d deelnemer met een andere functie", "%(n)d deelnemers met een andere functie", count
        ),
    }
    return labels[Function(function)] % {"n": count}


class ProfessionalRegister(models.TextChoices):
    """The registers in which Dutch social professionals collect hours of professional development."""

    REGISTERPLEIN = "registerplein", _("Registerplein")
    SKJ = "skj", _("SKJ (Stichting Kwaliteitsregister Jeugd)")
    BIG = "big", _("BIG-register")


# The shape of each register's numbers: Registerplein numbers begin with 4610 (its own FAQ says so),
# SKJ numbers have nine digits, BIG numbers eleven. Spaces, dots and dashes are left out first.
REGISTRATION_NUMBER_PATTERNS: dict[str, tuple[str, StrOrPromise]] = {
    ProfessionalRegister.REGISTERPLEIN: (
        r"4610[0-9]{4,8}",
        _("Een registratienummer van Registerplein begint met 4610 en heeft 8 tot 12 cijfers."),
    ),
    ProfessionalRegister.SKJ: (r"[0-9]{9}", _("Een SKJ-registratienummer heeft 9 cijfers.")),
    ProfessionalRegister.BIG: (r"[0-9]{11}", _("Een BIG-nummer heeft 11 cijfers.")),
}


def registration_number_normalised(number: str) -> str:
    """'BIG-1234 5678.901' → '12345678901': how people write it, reduced to the digits the register uses."""
    cleaned = re.sub(r"[\s.\-]", "", number.strip())
    return re.sub(r"^(?i:big)", "", cleaned)


def registration_number_problems(register: str, number: str) -> list[tuple[str, StrOrPromise]]:
    """(field, message) pairs: both or neither filled in, and the number in the register's format.

    Never required: a professional without a registration simply leaves both empty.
    """
    if not register and not number:
        return []
    if not register:
        return [("professional_register", _("Kies het register waarin dit nummer staat."))]
    if not number:
        return [("registration_number", _("Vul uw registratienummer in, of kies bij register „geen”."))]
    pattern, message = REGISTRATION_NUMBER_PATTERNS[register]
    if not re.fullmatch(pattern, registration_number_normalised(number)):
        return [("registration_number", message)]
    return []


def local_today() -> datetime.date:
    """Today where the circles take place: a circle ends at midnight in Amsterdam, not in UTC."""
    return timezone.localdate(timezone=ZoneInfo(settings.TIME_ZONE))


class CircleQuerySet(models.QuerySet["Circle"]):
    def open_for_signup(self) -> CircleQuerySet:
        """The circles whose `is_open_for_signup` holds, as a query."""
        return self.filter(status=Circle.Status.PUBLISHED, end_date__gte=local_today())


class Circle(models.Model):
    class Kind(models.TextChoices):
        OP_MAAT = "op_maat", _("Leerkring op maat")
        THEMA = "thema", _("Themaleerkring")

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        PUBLISHED = "gepubliceerd", _("Gepubliceerd")
        CLOSED = "gesloten", _("Gesloten")
        COMPLETED = "afgerond", _("Afgerond")
        CANCELLED = "geannuleerd", _("Geannuleerd")

    # The status sets, each named once.
    # Announced to the public: shown with its own page, and free places go to the waiting list.
    ANNOUNCED_STATUSES = (Status.PUBLISHED, Status.CLOSED)
    # Its calendar is public: announced, or completed after having been announced.
    PUBLIC_CALENDAR_STATUSES = (Status.PUBLISHED, Status.CLOSED, Status.COMPLETED)
    EDITABLE_STATUSES = (Status.CONCEPT, Status.PUBLISHED, Status.CLOSED)
    OVER_STATUSES = (Status.COMPLETED, Status.CANCELLED)
    TRANSITIONS: ClassVar[dict[str, tuple[str, ...]]] = {
        Status.CONCEPT: (Status.PUBLISHED, Status.CANCELLED),
        Status.PUBLISHED: (Status.CLOSED, Status.CANCELLED),
        Status.CLOSED: (Status.PUBLISHED, Status.COMPLETED, Status.CANCELLED),
        Status.COMPLETED: (),
        Status.CANCELLED: (),
    }
    # The button that moves a circle from one status to another; cancelling is the same from anywhere.
    STATUS_ACTIONS: ClassVar[dict[tuple[str, str], StrOrPromise]] = {
        (Status.CONCEPT, Status.PUBLISHED): _("Publiceren"),
        (Status.CLOSED, Status.PUBLISHED): _("Aanmelding heropenen"),
        (Status.PUBLISHED, Status.CLOSED): _("Aanmelding sluiten"),
        (Status.CLOSED, Status.COMPLETED): _("Afronden"),
    }
    # Bootstrap badge colour per status, for the templates.
    BADGES: ClassVar[dict[str, str]] = {
        Status.CONCEPT: "text-bg-secondary",
        Status.PUBLISHED: "text-bg-success",
        Status.CLOSED: "text-bg-warning",
        Status.COMPLETED: "text-bg-primary",
        Status.CANCELLED: "text-bg-danger",
    }

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("Naam"), max_length=200)
    kind = models.CharField(_("Soort"), max_length=20, choices=Kind.choices, default=Kind.THEMA)
    description = models.TextField(_("Omschrijving"), blank=True, max_length=textlimits.PARAGRAPH)
    goal = models.TextField(_("Doel"), blank=True, max_length=textlimits.PARAGRAPH)
    building_blocks = models.ManyToManyField(
        BuildingBlock, verbose_name=_("Bouwstenen"), related_name="circles", blank=True
    )
    audience = models.JSONField(_("Doelgroep"), default=list, blank=True)
    team = models.CharField(_("Team"), max_length=100, blank=True)
    # The teams or locations the participants come from, in the order the project leader wrote them.
    teams = models.JSONField(_("Deelnemende teams"), default=list, blank=True)
    start_date = models.DateField(_("Startdatum"))
    end_date = models.DateField(_("Einddatum"))
    capacity = models.PositiveIntegerField(
        _("Maximum aantal deelnemers"), default=25, validators=[MinValueValidator(1)]
    )
    location = models.CharField(_("Locatie"), max_length=200, blank=True)
    certificate_threshold = models.PositiveSmallIntegerField(
        _("Drempel deelnamebewijs (%)"),
        default=75,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Wie minstens dit deel van de bijeenkomsten bijwoonde, krijgt een deelnamebewijs."),
    )
    project_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Projectleider"),
        on_delete=models.PROTECT,
        related_name="led_circles",
    )
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.CONCEPT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CircleQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("leerkring")
        verbose_name_plural = _("leerkringen")
        # The catalogue's filter and order (status, then by start), so its plan never scans every circle.
        indexes = [
            models.Index(fields=["status", "start_date", "name"], name="circle_status_start"),
            # The circle overview and the bouwstenen figures read the most recent circles first.
            models.Index(fields=["-start_date", "name", "id"], name="circle_newest"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, int]:
        """The circle this row belongs to, stored on its audit rows (leerkring/core/audit.py)."""
        return {"circle": self.pk}

    @property
    def teams_text(self) -> str:
        """'Hoogvliet, Charlois, IJsselmonde en Pernis'."""
        return str(get_text_list(list(self.teams or []), _("en")))

    @property
    def is_open_for_signup(self) -> bool:
        """The public may sign up: published, and the last day has not passed."""
        return self.status == self.Status.PUBLISHED and self.end_date >= local_today()

    @property
    def is_announced(self) -> bool:
        """Published or closed: the circle has a public page."""
        return self.status in self.ANNOUNCED_STATUSES

    @property
    def places_left(self) -> int:
        """Free places to offer. Whoever waits gets a free place first, so a circle with a waiting
        list has none. Reads the counts that circles.selectors.public_circles annotates."""
        waiting: int = self.__dict__["waitlist_count"]
        confirmed: int = self.__dict__["confirmed_count"]
        return 0 if waiting else max(self.capacity - confirmed, 0)

    @property
    def hands_out_places(self) -> bool:
        """Announced circles give a free place to the first on the waiting list."""
        return self.is_announced

    @property
    def is_over(self) -> bool:
        """Completed or cancelled: nobody is added or confirmed any more."""
        return self.status in self.OVER_STATUSES

    @property
    def is_concept(self) -> bool:
        return self.status == self.Status.CONCEPT

    @property
    def is_editable(self) -> bool:
        """Its data and sessions may still change: not completed or cancelled."""
        return self.status in self.EDITABLE_STATUSES

    @property
    def has_public_calendar(self) -> bool:
        return self.status in self.PUBLIC_CALENDAR_STATUSES

    @property
    def is_strict(self) -> bool:
        """Open (not a concept): every change must keep the circle ready to publish."""
        return not self.is_concept

    @property
    def next_statuses(self) -> tuple[str, ...]:
        return self.TRANSITIONS[self.status]

    @property
    def badge_class(self) -> str:
        return self.BADGES[self.status]

    def status_actions(self) -> list[StatusAction]:
        """The statuses this circle may move to, each with its button label."""
        return [StatusAction(to, self.status_action_label(to)) for to in self.next_statuses]

    def status_action_label(self, to_status: str) -> str:
        if to_status == self.Status.CANCELLED:
            return str(_("Leerkring annuleren"))
        return str(self.STATUS_ACTIONS[(self.status, to_status)])

    @classmethod
    def status_label(cls, status: str) -> str:
        return str(dict(cls.Status.choices).get(status, status))


class StatusAction(NamedTuple):
    """A button on the circle page: the status it moves to, and its label."""

    to: str
    label: str

    @property
    def cancels(self) -> bool:
        return self.to == Circle.Status.CANCELLED

    @property
    def publishes(self) -> bool:
        return self.to == Circle.Status.PUBLISHED


class CircleStatusChange(models.Model):
    """Who moved a circle from one status to another, and when."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Circle.Status.choices)
    to_status = models.CharField(max_length=20, choices=Circle.Status.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.circle}: {self.from_status} → {self.to_status}"


class Registration(models.Model):
    """A professional's sign-up (aanmelding) for a circle."""

    class Status(models.TextChoices):
        CONFIRMED = "bevestigd", _("Bevestigd")
        WAITLIST = "wachtlijst", _("Wachtlijst")
        CANCELLED = "afgemeld", _("Afgemeld")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="registrations")
    first_name = models.CharField(_("Voornaam"), max_length=100)
    last_name = models.CharField(_("Achternaam"), max_length=100)
    email = models.EmailField(_("E-mailadres"), max_length=254)
    phone = models.CharField(_("Telefoonnummer"), max_length=30, blank=True)
    organisation = models.CharField(_("Organisatie"), max_length=20, choices=Organisation.choices)
    team = models.CharField(_("Team of locatie"), max_length=100)
    function = models.CharField(_("Functie"), max_length=30, choices=Function.choices)
    learning_question = models.TextField(_("Leervraag"), blank=True, max_length=2000)
    professional_register = models.CharField(
        _("Beroepsregister"), max_length=20, choices=ProfessionalRegister.choices, blank=True
    )
    registration_number = models.CharField(_("Registratienummer"), max_length=20, blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # The language the participant signed up in: their e-mails are written in it.
    language = models.CharField(max_length=10, default=settings.LANGUAGE_CODE)
    # Personal data is wiped a year after the circle ends; function and team stay for the figures.
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.UniqueConstraint(fields=["circle", "email"], name="registration_unique_email_per_circle"),
        ]
        # Places left per circle: confirmed and waiting sign-ups counted from the index alone.
        indexes = [models.Index(fields=["circle", "status"], name="registration_circle_status")]

    def __str__(self) -> str:
        return self.full_name

    def get_additional_data(self) -> dict[str, int]:
        """The circle this row belongs to, stored on its audit rows (leerkring/core/audit.py)."""
        return {"circle": self.circle_id}

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def is_waitlisted(self) -> bool:
        return self.status == self.Status.WAITLIST

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def status_options(self) -> list[StatusOption]:
        """Every status, the current one selected: the choices of the status menu on the sign-ups page."""
        return [StatusOption(value, str(label), value == self.status) for value, label in self.Status.choices]


class StatusOption(NamedTuple):
    value: str
    label: str
    selected: bool


class Session(models.Model):
    """A bijeenkomst of a circle. `number` follows the date order within the circle."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("Nummer"), default=0)
    date = models.DateField(_("Datum"))
    start_time = models.TimeField(_("Begintijd"))
    end_time = models.TimeField(_("Eindtijd"))
    location = models.CharField(_("Locatie"), max_length=200, blank=True)
    theme = models.CharField(_("Thema"), max_length=200, blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("Begeleiders"), related_name="facilitated_sessions", blank=True
    )
    building_blocks = models.ManyToManyField(
        BuildingBlock, verbose_name=_("Bouwstenen"), related_name="sessions", blank=True
    )
    # The iCalendar SEQUENCE: raised when the date, time or place changes, so calendars that
    # imported the session take the new version instead of keeping the old one.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "start_time", "pk"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        # A circle's sessions in date order (next session, upcoming ones) without sorting them all.
        indexes = [
            models.Index(fields=["circle", "date"], name="session_circle_date"),
            # Mijn bijeenkomsten reads a facilitator's next (and last) few sessions in date order.
            models.Index(fields=["date", "start_time", "id"], name="session_when"),
        ]

    def __str__(self) -> str:
        return f"{self.circle} – {_('bijeenkomst')} {self.number}"

    def get_additional_data(self) -> dict[str, int]:
        """The circle this row belongs to, stored on its audit rows (leerkring/core/audit.py)."""
        return {"circle": self.circle_id}

    @property
    def starts_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.start_time, tzinfo=ZoneInfo(settings.TIME_ZONE))

    @property
    def ends_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.end_time, tzinfo=ZoneInfo(settings.TIME_ZONE))

    @property
    def duration(self) -> datetime.timedelta:
        return self.ends_at - self.starts_at

    def has_begun(self) -> bool:
        """Its date has come (Amsterdam): from then on a verslag can be established at it."""
        return self.date <= local_today()


class SessionReminder(models.Model):
    """A reminder e-mail sent to one participant for one session; the row makes it once-only."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="reminders")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="reminders")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "registration"], name="reminder_once_per_session"),
        ]

    def __str__(self) -> str:
        return f"{self.registration} – {self.session}"


class FacilitatorProfile(models.Model):
    """What a facilitator (begeleider) says about themself: the organisation printed beside their
    name, and whether their name may appear in public outcomes (kennisbank "openbaar")."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="facilitator_profile")
    organisation = models.CharField(
        _("Organisatie"),
        max_length=200,
        blank=True,
        help_text=_("Zoals in de inleiding van een verslag, bijvoorbeeld „docent Hogeschool Rotterdam”."),
    )
    name_public = models.BooleanField(
        _("Mijn naam mag in openbare opbrengsten staan"),
        default=False,
        help_text=_("Zonder deze toestemming staat uw naam niet in het openbare deel van de kennisbank."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profiel begeleider")
        verbose_name_plural = _("profielen begeleiders")

    def __str__(self) -> str:
        return str(self.user)
