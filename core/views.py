from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from .page_meta import PageMeta
from .security_txt import security_txt as security_txt_body

ABOUT_DATA_META = PageMeta(
    title="About the data",
    description="Where every figure on this site comes from: the official releases of BLS, O*NET, IPEDS and College "
    "Scorecard we use, how often they change, and what each one measures.",
)


def about_data(request):
    return render(request, "core/about_data.html", {"meta": ABOUT_DATA_META})


@require_safe
def security_txt(request):
    # Canonical is this file's own address (never the query string, which is the visitor's input).
    canonical_url = request.build_absolute_uri(reverse("core:security-txt"))
    body = security_txt_body(canonical_url=canonical_url, now=timezone.now())
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


def bench_floor(request):
    """The benchmark's floor: the site's chrome around static text, with no database query (only config/urls_bench.py,
    the URLconf of config.settings.bench that make bench runs, mounts it). Every page is at least this slow; make
    bench reports each one against it."""
    return render(request, "core/bench_floor.html")
