from django.shortcuts import get_object_or_404, render

from .models import Institution


def school_search(request):
    return render(request, "schools/school_search.html", {})


def school_detail(request, unitid, slug):
    institution = get_object_or_404(Institution, unitid=unitid)
    return render(request, "schools/school_detail.html", {"institution": institution})


def school_compare(request):
    return render(request, "schools/school_compare.html", {})
