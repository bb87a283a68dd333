from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from buildingblocks.texts import OFFICIAL
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
        return f"{self.number}. {self.display_name}"

    @property
    def display_name(self) -> str:
        """The name in the reader's language while it is the official one; as written once renamed."""
        return self._in_language(self.name, 0)

    @property
    def display_description(self) -> str:
        return self._in_language(self.description, 1)

    def _in_language(self, text: str, part: int) -> str:
        official = OFFICIAL.get(self.number)
        return gettext(text) if official is not None and text == official[part] else text
