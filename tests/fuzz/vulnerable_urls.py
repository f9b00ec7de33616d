"""Deliberately broken views, to prove the fuzz harness catches what it is meant to catch."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns
from schools.models import Institution


def reflects_input(request):
    # The classic mistake: user input pasted into HTML without escaping.
    return HttpResponse(f"<p>You searched for {request.GET.get('q', '')}</p>")


def queries_raw_input(request):
    # Reads request.GET directly instead of through a form: a NUL byte reaches PostgreSQL.
    Institution.objects.filter(state=request.GET.get("state", "")).exists()
    return HttpResponse("<p>ok</p>")


# Before the site's own URLs (which the error pages need to render), so these win.
urlpatterns = [
    path("schools/", reflects_input),
    path("schools/raw-query/", queries_raw_input),
    *site_urlpatterns,
]
