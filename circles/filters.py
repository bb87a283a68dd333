"""Filters of the project leader's overview of circles (django-filter)."""

from __future__ import annotations

import django_filters
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from buildingblocks.models import BuildingBlock
from circles.forms.planning import DATE_WIDGET, PersonChoiceField
from circles.models import Circle, Session
from circles.selectors import circles_working_on
from leerkring.core.roles import BEGELEIDER

NOT_CANCELLED = "niet-geannuleerd"


class PersonChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = PersonChoiceField


class CircleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken op naam"), method="filter_name")
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(NOT_CANCELLED, _("Alle behalve geannuleerd")), *Circle.Status.choices],
        method="filter_status",
        empty_label=_("Alle statussen"),
    )
    kind = django_filters.ChoiceFilter(label=_("Soort"), choices=Circle.Kind.choices, empty_label=_("Alle soorten"))
    bouwsteen = django_filters.ModelChoiceFilter(
        label=_("Bouwsteen"),
        queryset=BuildingBlock.objects.all(),
        method="filter_building_block",
        empty_label=_("Alle bouwstenen"),
    )
    begeleider = PersonChoiceFilter(
        label=_("Begeleider"),
        queryset=User.objects.filter(groups__name=BEGELEIDER),
        method="filter_facilitator",
        empty_label=_("Alle begeleiders"),
    )
    # A period as the programme folder and the bouwstenen matrix count it: the year a circle starts.
    jaar = django_filters.NumberFilter(
        label=_("Startjaar"), field_name="start_date", lookup_expr="year", min_value=1990, max_value=2100
    )
    vanaf = django_filters.DateFilter(
        label=_("Periode vanaf"), field_name="end_date", lookup_expr="gte", widget=DATE_WIDGET
    )
    tot = django_filters.DateFilter(
        label=_("Periode tot en met"), field_name="start_date", lookup_expr="lte", widget=DATE_WIDGET
    )

    class Meta:
        model = Circle
        fields: list[str] = []

    def filter_status(self, queryset: QuerySet[Circle], name: str, value: str) -> QuerySet[Circle]:
        if value == NOT_CANCELLED:
            return queryset.exclude(status=Circle.Status.CANCELLED)
        return queryset.filter(status=value)

    def filter_name(self, queryset: QuerySet[Circle], name: str, value: str) -> QuerySet[Circle]:
        return queryset.filter(name__icontains=value.strip()) if value.strip() else queryset

    def filter_building_block(self, queryset: QuerySet[Circle], name: str, value: BuildingBlock) -> QuerySet[Circle]:
        return circles_working_on(queryset, value)

    def filter_facilitator(self, queryset: QuerySet[Circle], name: str, value: User) -> QuerySet[Circle]:
        return queryset.filter(pk__in=Session.objects.filter(facilitators=value).values("circle_id"))
