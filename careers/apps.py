from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Healthcare careers guide"

    def ready(self):
        from core import page_cache, roles

        from .models import Career

        # The admin saves a guide itself also when only one of its sections changed (which bumps updated_at);
        # the count sees a deleted guide, which no date shows.
        page_cache.register_version_source(page_cache.newest(Career, "updated_at"), page_cache.row_count(Career))
        # Editors write the guides and remove their parts (the guide's history keeps them), and publish; the
        # imported data here (occupations, wages, projections) they and the stewards only view.
        guide_parts = ["careerstep", "specialization", "relatedcareer", "source", "careeroccupation"]
        roles.register_app_roles(
            self.label,
            editors_edit=["career", *guide_parts],
            editors_delete=guide_parts,
            editors_view_all=True,
            editors_extra=["publish_career"],
            stewards_view_all=True,
        )
