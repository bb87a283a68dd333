"""The programme folder per period: staf write the introduction, the worker renders every announced circle."""

from __future__ import annotations

import datetime
from html import unescape
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from circles.models import Circle, FacilitatorProfile
from reports.models import PeriodReport, ProgrammeFolder
from tests.factories import make_circle, make_session
from tests.reports.conftest import assert_in_order, pdf_text, qr_codes

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_circles(projectleider: User, begeleider: User, begeleider2: User) -> list[Circle]:
    FacilitatorProfile.objects.create(user=begeleider, name_public=True)
    FacilitatorProfile.objects.create(user=begeleider2, name_public=False)
    circles = [
        make_circle(
            projectleider,
            name="Leerkring Hoogvliet",
            kind=Circle.Kind.OP_MAAT,
            goal="Teamvorming van het wijkteam Hoogvliet.",
            status=Circle.Status.PUBLISHED,
            building_blocks=[5],
            start_date=datetime.date(2027, 3, 1),
        ),
        make_circle(
            projectleider,
            name="Themaleerkring Eigen kracht",
            goal="Eigen kracht van bewoners versterken.",
            status=Circle.Status.CLOSED,
            building_blocks=[6, 7],
            start_date=datetime.date(2027, 4, 1),
        ),
        make_circle(
            projectleider,
            name="Leerkring Charlois",
            status=Circle.Status.COMPLETED,
            start_date=datetime.date(2027, 1, 10),
            end_date=datetime.date(2027, 2, 28),
        ),
    ]
    make_session(
        circles[0], datetime.date(2027, 3, 9), facilitators=[begeleider, begeleider2], location="Wijkpunt Hoogvliet"
    )
    make_circle(projectleider, name="Concept blijft binnen", status=Circle.Status.CONCEPT)
    make_circle(
        projectleider, name="Leerkring 2026", status=Circle.Status.PUBLISHED, start_date=datetime.date(2026, 9, 1)
    )
    return circles


def test_staf_writes_the_introduction_and_the_worker_renders_the_folder(
    client: Client,
    staf: User,
    begeleider: User,
    begeleider2: User,
    three_circles: list[Circle],
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(staf)
    page = unescape(client.get("/rapporten/programma/2027/").content.decode())
    assert "3 leerkringen in de folder" in page
    refused = client.post("/rapporten/programma/2027/", {"introduction": "", "pdf": "1"})
    assert "Schrijf een korte inleiding voor de folder." in unescape(refused.content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/rapporten/programma/2027/", {"introduction": "Samen leren in tijden van transformatie.", "pdf": "1"}
        )
    report = PeriodReport.objects.get(kind=PeriodReport.Kind.PROGRAMME)
    assert response["Location"] == f"/rapporten/periode/{report.code}/"
    assert ProgrammeFolder.objects.get(period=2027).updated_by == staf
    public = client.get("/rapporten/programma/2027/leerkringen.pdf")
    pdf = b"".join(public.streaming_content)  # type: ignore[attr-defined]
    text = pdf_text(pdf)
    hoogvliet, _eigen_kracht, _charlois = three_circles
    assert_in_order(
        text,
        [
            "Leerkringen 2027",
            "Samen leren in tijden van transformatie.",
            "Leerkring Charlois",
            "Leerkring Hoogvliet",
            "Leerkring op maat",
            "1 maart 2027 – 30 juni 2027",
            "5. Samenwerking in een interdisciplinair team",
            begeleider.get_full_name(),
            "Teamvorming van het wijkteam Hoogvliet.",
            "dinsdag 9 maart 2027, 13:00–16:00 · Wijkpunt Hoogvliet",
            "Aanmelden",
            f"/aanbod/{hoogvliet.code}/",
            "Themaleerkring Eigen kracht",
            "6. Samenwerking met het (in)formele (wijk)netwerk",
            "7. Procesmatig werken",
            "Meer informatie",
            "De acht bouwstenen",
            "1. Vooruit met het oog voor het verleden van het sociaal werk",
            "8. Ontwikkelen kwaliteitsbewustzijn en vormen van verantwoording",
        ],
    )
    assert begeleider2.get_full_name() not in text
    assert "Concept blijft binnen" not in text and "Leerkring 2026" not in text
    assert "@" not in text
    catalogue = Client().get("/").content.decode()
    assert '<a href="/rapporten/programma/2027/leerkringen.pdf">Download de programmafolder 2027 (PDF)</a>' in catalogue
    assert sorted(qr_codes(pdf)) == sorted(f"{settings.SITE_URL}/aanbod/{circle.code}/" for circle in three_circles)


def test_the_public_link_is_404_before_a_folder_is_made(client: Client) -> None:
    assert "programmafolder" not in client.get("/").content.decode()
    assert client.get("/rapporten/programma/2027/leerkringen.pdf").status_code == 404


def test_the_page_lists_each_circle_with_its_dates_written_the_dutch_way(
    client: Client, staf: User, three_circles: list[Circle]
) -> None:
    """Lowercase months, and the year on both ends: a circle may start in one year and end in the next."""
    three_circles[0].end_date = datetime.date(2028, 1, 19)
    three_circles[0].save(update_fields=["end_date"])
    client.force_login(staf)
    page = unescape(client.get("/rapporten/programma/2027/").content.decode())
    assert 'Leerkring Hoogvliet</a> <span class="small text-body-secondary">1 mrt 2027 – 19 jan 2028</span>' in page
