from django.apps import AppConfig


class CertificationsConfig(AppConfig):
    name = "certifications"
    verbose_name = "Certifications"

    def ready(self):
        from core import page_cache, roles

        from .models import Certification, CertificationSource, CertifyingBody

        # Each keeps a version history, written on every save and delete.
        page_cache.register_version_source(
            *(page_cache.newest_version(model) for model in (Certification, CertifyingBody, CertificationSource))
        )
        # A credential's sources are parts its history keeps.
        roles.register_app_roles(
            self.label,
            editors_edit=["certification", "certifyingbody", "certificationsource"],
            editors_delete=["certificationsource"],
            editors_view_all=True,
            stewards_view_all=True,
        )
