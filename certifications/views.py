from django.shortcuts import get_object_or_404, render

from .models import Certification, CertifyingBody


def certification_index(request):
    bodies = CertifyingBody.objects.prefetch_related("certifications")
    return render(request, "certifications/certification_index.html", {"bodies": bodies})


def certification_detail(request, slug):
    certification = get_object_or_404(Certification.objects.select_related("body"), slug=slug)
    return render(request, "certifications/certification_detail.html", {"certification": certification})
