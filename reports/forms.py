"""Forms of the reports app: revoking a proof of participation, the programme folder's introduction."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.models import ProgrammeFolder


class CertificateRevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=300,
        error_messages={"required": _("Vul in waarom u dit deelnamebewijs intrekt.")},
    )


class ProgrammeFolderForm(forms.ModelForm):
    class Meta:
        model = ProgrammeFolder
        fields = ["introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "introduction": _("Een korte inleiding bovenaan de folder: waarom leerkringen, voor wie, wat ze opleveren.")
        }
        error_messages = {"introduction": {"required": _("Schrijf een korte inleiding voor de folder.")}}
