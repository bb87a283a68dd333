"""Forms of the reports app: revoking a proof of participation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CertificateRevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=300,
        error_messages={"required": _("Vul in waarom u dit deelnamebewijs intrekt.")},
    )
