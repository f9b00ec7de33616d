from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Healthcare careers guide"

    def ready(self):
        from core import page_cache, roles

        from .models import Career, CareerCertification

        # The admin saves a guide itself also when only one of its sections changed (which bumps updated_at);
        # the count sees a deleted guide, which no date shows.
        # A guide's links to credentials keep a version history of their own (a certification's page lists them).
        page_cache.register_version_source(
            page_cache.newest(Career, "updated_at"),
            page_cache.row_count(Career),
            page_cache.newest_version(CareerCertification),
        )
        # Editors write the guides and remove their parts (the guide's history keeps them), and publish; the
        # rest they and the stewards only view.
        guide_parts = [
            "careerstep",
            "specialization",
            "relatedcareer",
            "source",
            "careeroccupation",
            "careercertification",
        ]
        roles.register_app_roles(
            self.label,
            editors_edit=["career", *guide_parts],
            editors_delete=guide_parts,
            editors_view_all=True,
            editors_extra=["publish_career"],
            stewards_view_all=True,
        )
