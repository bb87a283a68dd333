from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from leerkring.core import textlimits


class BuildingBlock(models.Model):
    """One of the eight official bouwstenen a circle can be built from."""

    number = models.PositiveSmallIntegerField(
        _("nummer"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(8)]
    )
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True, max_length=textlimits.PARAGRAPH)

    class Meta:
        ordering = ["number"]
        verbose_name = _("bouwsteen")
        verbose_name_plural = _("bouwstenen")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"
