"""The data-access log ("Logboek Dataverwerkingen"): every view or export of personal data.

A view that shows or hands out personal data calls `data_access_record` once, after its access
check passed: who (the user), when, what (the kind and the object), why (the purpose) and the
request id of the log lines (leerkring/core/logs.py), so one look can be followed into the
server's logs. A person is named by `email_hash`, never by their address.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Model
from django.utils.crypto import salted_hmac

from leerkring.core.logs import request_id
from leerkring.core.models import DataAccess

Kind = DataAccess.Kind
Purpose = DataAccess.Purpose

# Why each kind of look happens, unless the caller says otherwise.
DEFAULT_PURPOSES = {
    Kind.SIGNUPS_VIEWED: Purpose.CIRCLE,
    Kind.SIGNUPS_CSV: Purpose.CIRCLE,
    Kind.PRESENCE_CSV: Purpose.ACCREDITATION,
    Kind.PDF_WITH_NAMES: Purpose.CIRCLE,
    Kind.CERTIFICATES_VIEWED: Purpose.ACCREDITATION,
    Kind.PERSON_VIEWED: Purpose.AVG_REQUEST,
    Kind.PERSON_EXPORT: Purpose.AVG_REQUEST,
    Kind.PERSON_ERASE: Purpose.AVG_REQUEST,
}
PERSON = "persoon"


def email_hash(email: str) -> str:
    """A keyed hash of the address: the same person gets the same mark, the address cannot be read back."""
    return salted_hmac("leerkring.dataaccess", email.strip().lower(), algorithm="sha256").hexdigest()


def data_access_record(
    *,
    user: User,
    kind: str,
    obj: Model | None = None,
    object_type: str = "",
    object_ref: str = "",
    object_repr: str = "",
    purpose: str = "",
) -> DataAccess:
    """Record one look; `obj` (with a `code`) fills the object's reference and name."""
    if obj is not None:
        object_type = object_type or str(obj._meta.verbose_name)
        object_ref = object_ref or str(getattr(obj, "code", obj.pk))
        object_repr = object_repr or str(obj)
    return DataAccess.objects.create(
        user=user,
        username=user.get_username(),
        kind=kind,
        object_type=object_type,
        object_ref=object_ref,
        object_repr=object_repr[:300],
        purpose=purpose or DEFAULT_PURPOSES[Kind(kind)],
        request_id=request_id.get(),
    )


def person_access_record(*, user: User, kind: str, email: str) -> DataAccess:
    return data_access_record(user=user, kind=kind, object_type=PERSON, object_ref=email_hash(email))
