"""The staff roles, as groups of permissions. A data migration creates them (core/migrations); add a migration that
calls ``sync_roles`` again whenever a model these rules cover is added, so its permissions join the groups.

Content editors write the guides and certifications: add, change and view, and delete only for the parts of a
guide (a step, a source ...), which is an edit of the guide that its history keeps. They cannot delete a guide
(CareerAdmin refuses to delete any guide that has been published, for everyone), cannot touch users, and only view
imported data (occupations, wages, projections, schools), which the importers own. They may publish.

Data stewards run imports (imports.run_import), view everything editors and importers write, and keep the staff
overrides of imported schools (schools.InstitutionOverride). They change no guide and no user.

Only superusers manage users and groups: neither role has any auth permission.
"""

CONTENT_EDITORS = "Content editors"
DATA_STEWARDS = "Data stewards"

# The editorial models: editors add, change and view them (delete as listed below).
EDITORIAL_MODELS = {
    "careers": [
        "career",
        "careerstep",
        "specialization",
        "relatedcareer",
        "source",
        "careeroccupation",
        "careercertification",
    ],
    "certifications": ["certification", "certifyingbody", "certificationsource"],
    # A staff choice that adds or removes a CIP program from a career's school search.
    "schools": ["careerprogram"],
}
# Parts of a guide that editors may remove (the guide's history keeps them).
EDITOR_DELETABLE = {
    "careers": ["careerstep", "specialization", "relatedcareer", "source", "careeroccupation", "careercertification"],
    "certifications": ["certificationsource"],
    "schools": ["careerprogram"],
}
EDITOR_EXTRA = [("careers", "publish_career")]

# Stewards view every model of these apps (history tables included), and edit the school overrides.
STEWARD_VIEW_APPS = ["reference_data", "careers", "certifications", "schools", "imports"]
STEWARD_EXTRA = [
    ("imports", "run_import"),
    ("schools", "add_institutionoverride"),
    ("schools", "change_institutionoverride"),
    ("schools", "delete_institutionoverride"),
]
# Editors view these apps' data too (to link a guide to an occupation, look up a wage ...).
EDITOR_VIEW_APPS = ["reference_data", "careers", "certifications", "schools"]


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
    """{group name: [(app_label, codename), ...]} from the rules above."""
    editors = []
    for app_label, names in EDITORIAL_MODELS.items():
        editors += _codenames_for(apps, app_label, ["add", "change", "view"], names)
    for app_label, names in EDITOR_DELETABLE.items():
        editors += _codenames_for(apps, app_label, ["delete"], names)
    for app_label in EDITOR_VIEW_APPS:
        editors += _codenames_for(apps, app_label, ["view"])
    editors += EDITOR_EXTRA

    stewards = []
    for app_label in STEWARD_VIEW_APPS:
        stewards += _codenames_for(apps, app_label, ["view"])
    stewards += STEWARD_EXTRA
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
