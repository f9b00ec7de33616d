"""The site's own pages under the "core" namespace. config/urls.py adds the home page (careers.views.home) to this
namespace, so core:home stays the top of the site while core imports no app."""

from django.urls import path
from django.views.decorators.http import require_safe

from . import views

app_name = "core"

# Public pages answer GET and HEAD only (405 otherwise: no TRACE or OPTIONS echo of the page); security_txt is
# decorated in views.py, the home page (careers.views.home) there.
urlpatterns = [
    path("about-the-data/", require_safe(views.about_data), name="about-data"),
    path(".well-known/security.txt", views.security_txt, name="security-txt"),
]
