"""Every field that holds a person's data is declared by a handler of leerkring/core/privacy.py."""

from __future__ import annotations

import re

from django.apps import apps

from leerkring.core import privacy

OUR_APPS = ("core", "buildingblocks", "circles", "circle_sessions", "reports")
# Fields whose name says they hold a person's name, address, phone or own words.
PERSONAL = re.compile(r"(first_name|last_name|email|phone|guest_name|owner_name|learning_question)$")


def test_every_personal_field_of_our_models_is_declared_by_a_handler() -> None:
    personal = {
        (model._meta.label, field.name)
        for app in OUR_APPS
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False) and PERSONAL.search(field.name)
    }
    assert personal
    assert personal - privacy.declared_fields() == set()


def test_each_app_declares_its_own_personal_data() -> None:
    labels = {handler.label for handler in privacy.handlers()}
    assert {"circles.Registration", "circle_sessions.Attendance", "circle_sessions.Action", "reports.Report"} <= labels


def test_declared_fields_exist_on_their_models() -> None:
    for handler in privacy.handlers():
        names = {field.name for field in handler.model._meta.get_fields()}
        assert set(handler.fields) <= names, handler.label
