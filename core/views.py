from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from careers.models import Career
from careers.versions import apply_published_text

from .page_cache import content_page_response
from .security_txt import security_txt as security_txt_body


def home(request):
    def render_parts():
        guides = Career.objects.published().only(
            "slug", "short_name", "summary", "status", "published_at", "content_changed_at"
        )
        guides = apply_published_text(list(guides))
        return {"content": render_to_string("core/home.html#content", {"guides": guides})}

    return content_page_response(request, "core/home.html", "core:home", render=render_parts)


def about_data(request):
    return render(request, "core/about_data.html")


@require_safe
def security_txt(request):
    # Canonical is this file's own address (never the query string, which is the visitor's input).
    canonical_url = request.build_absolute_uri(reverse("core:security-txt"))
    body = security_txt_body(canonical_url=canonical_url, now=timezone.now())
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


def bench_floor(request):
    """The benchmark's floor: the site's chrome around static text, with no database query (config/urls.py mounts
    it only when BENCH_FLOOR is set). Every page is at least this slow; make bench reports each one against it."""
    return render(request, "core/bench_floor.html")
