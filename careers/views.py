from django.shortcuts import get_object_or_404, render

from .models import Career


def career_index(request):
    return render(request, "careers/career_index.html", {"careers": Career.objects.published()})


def career_detail(request, slug):
    career = get_object_or_404(Career.objects.published(), slug=slug)
    return render(request, "careers/career_detail.html", {"career": career})
