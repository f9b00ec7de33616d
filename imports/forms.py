from urllib.parse import urlparse, urlsplit

from django import forms
from django.conf import settings
from django.core.validators import URLValidator

ONLY_HTTP_MESSAGE = "Only http and https addresses can be imported."


class HttpAddressField(forms.URLField):
    """A URL field that names the reason a file://, ftp:// or gopher:// address is refused, instead of Django's
    "Enter a valid URL." (its URL check accepts ftp and rejects the others as malformed)."""

    default_validators = []

    def validate(self, value):
        super().validate(value)
        if value:
            if urlsplit(value).scheme.lower() not in ("http", "https"):
                raise forms.ValidationError(ONLY_HTTP_MESSAGE, code="scheme")
            URLValidator(schemes=["http", "https"])(value)


def dataset_choices():
    from .registry import IMPORTERS

    return [(name, f"{importer.title} ({name})") for name, importer in IMPORTERS.items()]


class AdminImportForm(forms.Form):
    """Check (dry run) an official file from an upload or a download address."""

    dataset = forms.ChoiceField(label="Dataset", help_text="Which official dataset the file holds.")
    upload = forms.FileField(
        label="Upload the file",
        required=False,
        help_text="As the publisher gives it (.csv, .txt, .xlsx, or a .zip of them); keep its own name, which "
        "tells the importer the year (for example hd2024.csv or national_M2025_dl.xlsx).",
    )
    url = HttpAddressField(
        label="Or its download address",
        required=False,
        assume_scheme="https",
        max_length=2000,
        help_text="An http(s) address on the publisher's site; the server downloads the file.",
    )
    period = forms.CharField(
        label="Vintage, if the file name does not say it",
        required=False,
        max_length=40,
        help_text='For example "May 2025" for OEWS, or 2024 for an IPEDS year. Leave blank normally.',
    )
    max_rejects = forms.IntegerField(
        label="Rejected rows allowed",
        min_value=0,
        max_value=1_000_000,
        initial=0,
        help_text="With 0, one bad row stops the import. Raise it only after reading the dry run's report.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dataset"].choices = [("", "Choose a dataset")] + dataset_choices()

    def clean_url(self):
        from .safe_download import INTERNAL_ADDRESS_MESSAGE, internal_address_of

        url = self.cleaned_data["url"]
        if not url:
            return url
        parsed = urlparse(url)
        try:
            port = parsed.port
        except ValueError:
            raise forms.ValidationError("That address has a port that is not a number.") from None
        if not settings.IMPORT_ALLOW_PRIVATE_ADDRESSES and (
            not parsed.hostname or internal_address_of(parsed.hostname, port)
        ):
            # The download checks again, on the addresses it connects to and on every redirect.
            raise forms.ValidationError(INTERNAL_ADDRESS_MESSAGE)
        return url

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            has_upload, has_url = bool(cleaned.get("upload")), bool(cleaned.get("url"))
            if has_upload == has_url:
                raise forms.ValidationError("Upload a file or give its download address (one of the two).")
        return cleaned
