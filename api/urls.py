from django.urls import path

from . import views
from .main import api

app_name = "api"

urlpatterns = [
    path("api/", views.documentation, name="docs"),
    path("data/", views.downloads_page, name="downloads"),
    path("data/<slug:table>.csv", views.download_table, name="download"),
]

api_urlpatterns = [path("api/v1/", api.urls)]
