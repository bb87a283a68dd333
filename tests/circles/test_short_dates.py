"""Short month names: "29 sep 2026" in Dutch, "29 Sep 2026" in English."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from tests.factories import make_circle

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "expected"), [("nl", "di 29 sep 2026"), ("en", "Tue 29 Sep 2026")])
def test_short_date_follows_the_language(language: str, expected: str) -> None:
    template = Template('{% load short_dates %}{{ day|short_date:"D j b Y" }}')
    with translation.override(language):
        assert template.render(Context({"day": datetime.date(2026, 9, 29)})) == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("nl", "1 feb 2027 – 31 mei 2027"), ("en", "1 Feb 2027 – 31 May 2027")]
)
def test_the_planning_overview_writes_months_as_the_language_does(
    client: Client, projectleider: User, language: str, expected: str
) -> None:
    make_circle(projectleider, start_date=datetime.date(2027, 2, 1), end_date=datetime.date(2027, 5, 31))
    client.force_login(projectleider)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert expected in client.get("/leerkringen/").content.decode()
