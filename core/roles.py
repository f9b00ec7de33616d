"""The staff roles, as groups of permissions. Each app says what the roles may do with its models
(``register_app_roles`` in its AppConfig.ready()); a data migration creates the groups (core/migrations). Add a
migration that calls ``sync_roles`` again whenever a model these rules cover is added, so its permissions join the
groups.

Content editors write the guides and certifications: add, change and view, and delete only for the parts of a
guide (a step, a source ...), which is an edit of the guide that its history keeps. They cannot delete a guide
(CareerAdmin refuses to delete any guide that has been published, for everyone), cannot touch users, and only view
imported data (occupations, wages, projections, schools), which the importers own. They may publish.

Data stewards run imports (imports.run_import), view everything editors and importers write, and keep the staff
overrides of imported schools (schools.InstitutionOverride). They change no guide and no user.

Only superusers manage users and groups: neither role has any auth permission.
"""

from dataclasses import dataclass

CONTENT_EDITORS = "Content editors"
DATA_STEWARDS = "Data stewards"


@dataclass(frozen=True)
class AppRoles:
    """What the two roles may do with one app's models (model names in lower case, codenames of the app's own
    permissions)."""

    editors_edit: tuple = ()  # editors add, change and view these
    editors_delete: tuple = ()  # and delete these (parts of a guide, which its history keeps)
    editors_view_all: bool = False  # editors view every model of the app (history tables included)
    editors_extra: tuple = ()  # further permissions for editors, e.g. "publish_career"
    stewards_view_all: bool = False
    stewards_extra: tuple = ()


# Each app's rules, registered in its AppConfig.ready(); core names no app.
_app_roles: dict[str, AppRoles] = {}


def register_app_roles(app_label, **rules):
    """Declare what the roles may do with ``app_label``'s models (the fields of AppRoles). Call from the app's
    AppConfig.ready(); a second call for the same app replaces the first."""
    _app_roles[app_label] = AppRoles(
        **{name: tuple(value) if isinstance(value, list | tuple) else value for name, value in rules.items()}
    )


def view_apps(role):
    """The apps every model of which ``role`` may view."""
    attribute = "editors_view_all" if role == CONTENT_EDITORS else "stewards_view_all"
    return [app_label for app_label, rules in _app_roles.items() if getattr(rules, attribute)]


def _codenames_for(apps, app_label, actions, model_names=None):
    try:
        models = apps.get_app_config(app_label).get_models()
    except LookupError:
        # The role migrations written before an app existed run against a migration state without it; the
        # migration that added the app syncs the roles again (core/0004 for reference_data).
        return []
    return [
        (app_label, f"{action}_{model._meta.model_name}")
        for model in models
        if model_names is None or model._meta.model_name in model_names
        for action in actions
    ]


def role_permissions(apps):
    """{group name: [(app_label, codename), ...]} from the rules the apps registered."""
    editors, stewards = [], []
    for app_label, rules in _app_roles.items():
        editors += _codenames_for(apps, app_label, ["add", "change", "view"], rules.editors_edit)
        editors += _codenames_for(apps, app_label, ["delete"], rules.editors_delete)
        if rules.editors_view_all:
            editors += _codenames_for(apps, app_label, ["view"])
        editors += [(app_label, codename) for codename in rules.editors_extra]
        if rules.stewards_view_all:
            stewards += _codenames_for(apps, app_label, ["view"])
        stewards += [(app_label, codename) for codename in rules.stewards_extra]
    return {CONTENT_EDITORS: sorted(set(editors)), DATA_STEWARDS: sorted(set(stewards))}


def sync_roles(apps, schema_editor=None):
    """Create or update the groups so each holds exactly its permissions. Usable as a RunPython function."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations have run; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in role_permissions(apps).items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = []
        for app_label, codename in wanted:
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is None:
                raise LookupError(f"role {name!r}: no permission {app_label}.{codename}")
            permissions.append(permission)
        group.permissions.set(permissions)
