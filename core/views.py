from django.shortcuts import render

from careers.models import Career


def home(request):
    guides = Career.objects.published().only("slug", "short_name", "summary")
    return render(request, "core/home.html", {"guides": guides})


def about_data(request):
    return render(request, "core/about_data.html")
