from django.urls import path

from . import views

app_name = "certifications"

urlpatterns = [
    path("", views.certification_index, name="index"),
    path("<slug:slug>/", views.certification_detail, name="detail"),
]
