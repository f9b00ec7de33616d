"""The guide index's filters: a GET form, so every view of the list is a shareable address."""

from django import forms
from django.db import models

from core.forms import PublicFormRenderer

from .entry_education import EntryEducation

MAX_PAY = 1_000_000  # far above any OEWS median; a bigger number is a typo, answered with a message


class Growth(models.TextChoices):
    GROWING = "growing", "Growing"
    FASTER = "faster", "Growing faster than all jobs"


class Sort(models.TextChoices):
    NAME = "name", "Name"
    PAY = "pay", "Median pay, highest first"
    GROWTH = "growth", "Projected growth, fastest first"
    OPENINGS = "openings", "Openings a year, most first"


def _choice_error(what):
    return {"invalid_choice": f"Choose {what} from the list."}


class OccupationFilterForm(forms.Form):
    """Every field in the order of its parameter in the page cache's key (``known_query``)."""

    default_renderer = PublicFormRenderer  # core/forms.py

    education = forms.ChoiceField(
        label="Education needed to start, at most",
        choices=[("", "Any education"), *EntryEducation.choices],
        required=False,
        error_messages=_choice_error("a level of education"),
        help_text="BLS's typical education for entry.",
    )
    min_pay = forms.IntegerField(
        label="Median pay at least (dollars a year)",
        required=False,
        min_value=0,
        max_value=MAX_PAY,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "1000"}),
        help_text="For example 45000.",
        error_messages={
            "invalid": "Enter the pay as a whole number of dollars, like 45000.",
            "min_value": "Enter a pay of 0 or more.",
            "max_value": f"Enter a pay of {MAX_PAY:,} or less.",
        },
    )
    growth = forms.ChoiceField(
        label="Projected growth",
        choices=[("", "Any growth"), *Growth.choices],
        required=False,
        error_messages=_choice_error("a growth"),
    )
    sort = forms.ChoiceField(
        label="Sort by",
        choices=Sort.choices,
        required=False,
        error_messages=_choice_error("an order"),
    )

    def clean_sort(self):
        return self.cleaned_data["sort"] or Sort.NAME

    def known_query(self):
        """The cleaned filters in a fixed order: the page cache's key, so unknown parameters make no new entry."""
        data = self.cleaned_data
        return tuple((name, data.get(name)) for name in self.fields)

    @property
    def is_filtered(self):
        data = self.cleaned_data
        return bool(data.get("education") or data.get("min_pay") is not None or data.get("growth"))
