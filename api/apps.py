from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The public read-only JSON API (/api/v1/), its documentation page and the bulk CSV downloads (/data/).

    The top layer of the site: it reads every domain app through their selectors and presenters, and none of them
    imports it (pyproject.toml, the import-linter contract)."""

    name = "api"
    verbose_name = "Public API and data downloads"
