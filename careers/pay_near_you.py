"""Pay near you: a ZIP code, "City, ST" or state in (a GET form, no JavaScript), and the occupation's median pay with
its 10th-90th percentile range in that place's metro area, its state and the nation out.

Reusable on any page about an occupation: ``PayNearYou.build(request.GET, soc_code)`` gives what the partial
``careers/includes/pay_near_you.html`` shows (``{% include ... with pay_near_you=... only %}``). One query when a
place is asked for (reference_data.pay.pay_near), plus at most two to find the place; none otherwise.
"""

from dataclasses import dataclass, field

from django import forms

from core.forms import CONTROL_CHARACTERS, PrintableTextInput, PublicFormRenderer
from reference_data.pay import pay_near
from reference_data.places import PlaceNotFound, resolve_place

from .presenters import format_wage

PARAMETER = "near"
MAX_LENGTH = 60


class PayNearForm(forms.Form):
    default_renderer = PublicFormRenderer  # core/forms.py
    near = forms.CharField(
        label="ZIP code, city or state",
        help_text="For example 35801, Huntsville, AL or Alabama.",
        required=True,
        max_length=MAX_LENGTH,
        error_messages={
            "required": "Enter a ZIP code, a city and state, or a state.",
            "max_length": f"Enter a place of {MAX_LENGTH} characters or fewer.",
        },
        widget=PrintableTextInput(attrs={"autocomplete": "postal-code"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "pay-near-you-%s")
        super().__init__(*args, **kwargs)

    def clean_near(self):
        typed = self.cleaned_data["near"]
        if CONTROL_CHARACTERS.search(typed):
            raise forms.ValidationError("Remove the control characters (such as a NUL byte) from this box.")
        try:
            return resolve_place(typed, allow_state=True)
        except PlaceNotFound as error:
            raise forms.ValidationError(str(error)) from None


@dataclass(frozen=True)
class PayRow:
    """One area's line: its median and 10th-90th percentile range as text, or why there is none."""

    area: str
    median: str
    low: str = ""
    high: str = ""
    is_metro: bool = False


def _row(area, estimate, *, is_metro=False):
    if estimate is None or estimate.annual_median is None:
        return PayRow(area=area, median="not published by BLS for this area", is_metro=is_metro)
    return PayRow(
        area=area,
        median=format_wage(estimate, "annual_median"),
        low=format_wage(estimate, "annual_p10"),
        high=format_wage(estimate, "annual_p90"),
        is_metro=is_metro,
    )


def pay_rows(pay):
    """The metro, state and national lines of a reference_data.pay.PayNear; the metro line only where there is a
    metro figure (PayNear.metro_note says why not)."""
    rows = []
    if pay.metro is not None:
        rows.append(_row(f"{pay.metro.area_name} metro area", pay.metro, is_metro=True))
    if pay.place.state:
        rows.append(_row(pay.place.state_name, pay.state))
    rows.append(_row("United States", pay.national))
    return rows


@dataclass(frozen=True)
class PayNearYou:
    """What the partial shows: the form (bound when a place was asked for), and for a valid place the rows."""

    form: PayNearForm
    pay: object = None  # reference_data.pay.PayNear
    rows: list = field(default_factory=list)

    @property
    def asked(self):
        return self.form.is_bound

    @property
    def has_errors(self):
        return self.form.is_bound and not self.form.is_valid()

    @classmethod
    def build(cls, query_dict, soc_code):
        typed = query_dict.get(PARAMETER)
        if typed is None or soc_code is None:
            return cls(form=PayNearForm())
        form = PayNearForm({PARAMETER: typed})
        if not form.is_valid():
            return cls(form=form)
        pay = pay_near(soc_code, form.cleaned_data[PARAMETER])
        return cls(form=form, pay=pay, rows=pay_rows(pay))

    @staticmethod
    def cache_key(query_dict):
        """What the page's cache entry varies by: the place as typed, its spaces collapsed (the box shows it back);
        None without one. Longer input is an error, and errors are never cached."""
        typed = query_dict.get(PARAMETER)
        return None if typed is None else " ".join(typed.split())[: MAX_LENGTH + 1]
