from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("about-the-data/", views.about_data, name="about-data"),
    path(".well-known/security.txt", views.security_txt, name="security-txt"),
]
