"""The site's own pages under the "core" namespace. config/urls.py adds the home page (careers.views.home) to this
namespace, so core:home stays the top of the site while core imports no app."""

from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("about-the-data/", views.about_data, name="about-data"),
    path(".well-known/security.txt", views.security_txt, name="security-txt"),
]
