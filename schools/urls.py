from django.urls import path, register_converter

from . import views


class UnitIdConverter:
    """IPEDS UNITIDs are digits; kept as strings so leading zeros never vanish."""

    regex = "[0-9]{1,9}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


register_converter(UnitIdConverter, "unitid")

app_name = "schools"

urlpatterns = [
    path("", views.school_search, name="search"),
    path("compare/", views.school_compare, name="compare"),
    path("<unitid:unitid>-<slug:slug>/", views.school_detail, name="detail"),
]
