"""One small world every permission row is checked against.

`projectleider` leads the circle (and guides none of its sessions); `begeleider` guides its
sessions; `begeleider2` guides nothing there; `projectleider2` leads another circle.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User

from circles.models import Circle, Registration, Session
from tests.factories import make_circle, make_registration, make_session


@dataclass
class World:
    circle: Circle
    session: Session
    next_session: Session
    registration: Registration

    def codes(self) -> dict[str, str]:
        return {
            "circle": str(self.circle.code),
            "session": str(self.session.code),
            "next_session": str(self.next_session.code),
            "registration": str(self.registration.code),
        }


def build_world(projectleider: User, begeleider: User, other_begeleider: User) -> World:
    circle = make_circle(projectleider, status=Circle.Status.PUBLISHED)
    sessions = [make_session(circle, datetime.date(2027, 3, day), facilitators=[begeleider]) for day in (2, 9, 16, 23)]
    registration = make_registration(circle)
    return World(circle=circle, session=sessions[0], next_session=sessions[1], registration=registration)
