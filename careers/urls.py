from django.urls import path

from . import views

app_name = "careers"

urlpatterns = [
    path("", views.career_index, name="index"),
    path("<slug:slug>/", views.career_detail, name="detail"),
]
