"""The evaluation's two mails, built by the outbox at delivery (registered in SessionsConfig.ready()).

One invitation and one reminder, each for the evaluation and for the impact follow-up; the row's
`data` names the EvaluationResponse, whose signed link is the participant's way in (no account).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from circles.mails import mine_url
from leerkring.core.models import OutgoingMail
from leerkring.core.outbox import Letter, MailKind

INVITATION = "evaluation-invitation"
REMINDER = "evaluation-reminder"


def evaluation_letter(mail: OutgoingMail) -> Letter | None:
    from sessions.evaluation.models import EvaluationResponse
    from sessions.evaluation.services import response_token, response_window

    response = (
        EvaluationResponse.objects.select_related("registration__circle__project_leader")
        .filter(pk=mail.data.get("response"), registration__anonymised_at__isnull=True)
        .first()
    )
    if response is None or (mail.name == REMINDER and response.is_answered):
        return None
    path = reverse("sessions:evaluation_answer", args=[response_token(response)])
    context = {
        "registration": response.registration,
        "circle": response.registration.circle,
        "impact": response.is_impact,
        "closes_on": response_window(response).closes_on,
        "answer_url": f"{settings.SITE_URL}{path}",
        # Mijn aanmelding stays open after the circle: it also holds the proof of participation.
        "mine_url": mine_url(response.registration),
    }
    return Letter(context)


KINDS = (
    MailKind(INVITATION, _("uitnodiging voor de evaluatie"), evaluation_letter),
    MailKind(REMINDER, _("herinnering aan de evaluatie"), evaluation_letter),
)
