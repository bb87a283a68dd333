"""List stored verslagen and attendance that break the PAR cycle's dates; change nothing.

Since issue 9 attendance and submitting wait for the session's own date, and a verslag is
established only at a later session held on or after the day it was submitted. Data entered
before that rule may break it; this lists each case (circle, session, dates, what is wrong) so
the project leader can judge it, for instance reopen a verslag and establish it again.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sessions.selectors import par_date_problems


class Command(BaseCommand):
    help = "List verslagen and attendance whose dates break the PAR cycle (nothing is changed)."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = par_date_problems()
        for session, problem in problems:
            where = _("%(circle)s · bijeenkomst %(number)d (%(date)s)") % {
                "circle": session.circle.name,
                "number": session.number,
                "date": date_format(session.date, "j F Y"),
            }
            self.stdout.write(f"{where}: {problem}")
        if not problems:
            self.stdout.write(_("Alle verslagen en aanwezigheid volgen de data van de PAR-cyclus."))
            return
        summary = ngettext(
            "%(n)d probleem gevonden; er is niets gewijzigd.",
            "%(n)d problemen gevonden; er is niets gewijzigd.",
            len(problems),
        )
        self.stdout.write(summary % {"n": len(problems)})
