"""Sign-ups: capacity, waiting list, cancelling, and the e-mails around them."""

from __future__ import annotations

import datetime

from sessions.models import Session


def registrations_notify_session_change(
    *, session: Session, old: dict[str, datetime.date | datetime.time | str]
) -> None:
    """Tell the participants of a published circle that a session's date, time or place changed.

    `old` holds the previous values of the changed fields (date, start_time, end_time,
    location). Call it after the transaction commits.
    """
