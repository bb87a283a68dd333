"""Where generated reports live: the `reports` entry of settings.STORAGES.

The filesystem under REPORTS_ROOT by default, an S3-compatible bucket when configured
(leerkring/core/storage_s3.py). Neither gives a file a public URL: only the permission-checked
download view hands a report out.
"""

from __future__ import annotations

import os
from typing import cast

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

REPORTS = "reports"


class ReportsFileSystemStorage(FileSystemStorage):
    """Files under settings.REPORTS_ROOT, read at use time so a changed setting is followed."""

    @property
    def base_location(self) -> str:
        return str(settings.REPORTS_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Reports have no public URL; use the download view.")


class ReportsStorage(LazyObject):
    """storages["reports"], looked up on first use (like Django's default_storage).

    A FileField evaluates its storage once, at import; this proxy lets settings decide later.
    """

    def _setup(self) -> None:
        self._wrapped = storages[REPORTS]


_proxy = ReportsStorage()
# The proxy passes every attribute on to a Storage (and passes isinstance checks as one).
reports_storage = cast(Storage, _proxy)


@receiver(setting_changed)
def _forget_reports_storage(*, setting: str, **kwargs: object) -> None:
    if setting == "STORAGES":
        _proxy._wrapped = empty  # type: ignore[assignment]  # `empty` is LazyObject's own "not set up yet"
