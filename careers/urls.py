from django.urls import path, re_path

from . import views

app_name = "careers"

urlpatterns = [
    path("", views.career_index, name="index"),
    # Only a well-formed SOC code reaches the view (and the page cache's key); anything else is a 404.
    re_path(r"^occupations/(?P<soc_code>\d{2}-\d{4})/$", views.occupation_detail, name="occupation"),
    re_path(r"^occupations/(?P<soc_code>\d{2}-\d{4})/areas/$", views.occupation_areas, name="occupation_areas"),
    path("<slug:slug>/", views.career_detail, name="detail"),
]
