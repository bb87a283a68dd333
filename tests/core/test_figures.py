"""Cached figures (leerkring/core/figures.py): a change moves the version on at once and again at
its commit, so figures computed before the commit are never read afterwards."""

from __future__ import annotations

import pytest
from pytest_django import DjangoCaptureOnCommitCallbacks

from leerkring.core import figures

pytestmark = pytest.mark.django_db


def test_figures_computed_before_a_change_commits_are_left_behind_at_the_commit(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    assert figures.cached("proef", "alle", lambda: "voor") == "voor"
    assert figures.cached("proef", "alle", lambda: "opnieuw") == "voor"  # read back
    with django_capture_on_commit_callbacks(execute=True):
        figures.changed()
        # Another view, before the commit, still sees the data as it was and caches that.
        assert figures.cached("proef", "alle", lambda: "oud") == "oud"
        assert figures.cached("proef", "alle", lambda: "nieuw") == "oud"
    assert figures.cached("proef", "alle", lambda: "na de commit") == "na de commit"
