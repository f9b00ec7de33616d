"""The filters of Find a School that are plain column lookups, applied by django-filter.

Only what django-filter is good at lives here: each filter names its field and lookup. The search form
(forms.SchoolSearchForm) validates the visitor's input first; the selector (selectors.school_search) hands this
FilterSet only cleaned values, together with what it builds itself (the program criteria, the distance, the order).
"""

import django_filters
from django.db.models import Q

from .models import Institution, InstitutionOverride
from .states import STATE_CHOICES


class SchoolFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", method="filter_name_or_alias")
    state = django_filters.ChoiceFilter(field_name="state", lookup_expr="exact", choices=STATE_CHOICES)
    control = django_filters.ChoiceFilter(field_name="control", lookup_expr="exact", choices=Institution.Control)
    level = django_filters.ChoiceFilter(field_name="level", lookup_expr="exact", choices=Institution.Level)

    class Meta:
        model = Institution
        fields = []

    def filter_name_or_alias(self, queryset, name, value):
        """The name, the alias, or a staff correction of the name contains ``value`` (icontains on each).

        The schools staff renamed are looked up first (a handful of rows), so that the rest is three conditions on
        the institution table itself, which PostgreSQL answers from its trigram indexes (schools migration 0006)
        instead of scanning every school.
        """
        renamed = list(
            InstitutionOverride.objects.filter(display_name__icontains=value).values_list("institution_id", flat=True)
        )
        return queryset.filter(Q(name__icontains=value) | Q(alias__icontains=value) | Q(pk__in=renamed))
