"""Reports in an S3-compatible bucket (django-storages), for web and workers on different hosts.

Imported only when REPORTS_S3_BUCKET is set, so the filesystem default never loads boto3.
"""

from __future__ import annotations

from typing import Any

from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    """Private objects, and no URL at all: not even a signed one leaves the download view."""

    default_acl = "private"
    querystring_auth = True
    file_overwrite = False

    def url(self, name: str, parameters: Any = None, expire: Any = None, http_method: Any = None) -> str:
        raise NotImplementedError("Reports have no public URL; use the download view.")
