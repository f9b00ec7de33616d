from django.urls import path
from django.views.decorators.http import require_safe

from . import views

app_name = "core"

# Public pages answer GET and HEAD only (405 otherwise: no TRACE or OPTIONS echo of the page); security_txt is
# decorated in views.py.
urlpatterns = [
    path("", require_safe(views.home), name="home"),
    path("about-the-data/", require_safe(views.about_data), name="about-data"),
    path(".well-known/security.txt", views.security_txt, name="security-txt"),
]
