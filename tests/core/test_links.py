"""code_link gives the URL reverse() gives, for every code."""

from __future__ import annotations

import uuid

import pytest
from django.urls import NoReverseMatch, reverse
from django.urls.base import set_script_prefix

from leerkring.core.links import code_link


@pytest.mark.parametrize("viewname", ["circles:detail", "sessions:outcome", "sessions:attendance"])
def test_each_code_gets_the_url_reverse_gives(viewname):
    link = code_link(viewname)
    for code in (uuid.uuid4() for _ in range(5)):
        assert link(code) == reverse(viewname, args=[code])


def test_a_script_prefix_is_kept():
    set_script_prefix("/leerkring/")
    try:
        code = uuid.uuid4()
        assert code_link("circles:detail")(code) == f"/leerkring/leerkringen/{code}/"
    finally:
        set_script_prefix("/")


def test_a_url_without_a_code_is_refused():
    with pytest.raises(NoReverseMatch):
        code_link("circles:home")
