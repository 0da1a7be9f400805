"""Every role sees canonical claims, claim links, arithmetic checks and the entity aliases;
editors keep the aliases (``claims.roles.ROLE_PERMISSIONS``, frozen here)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SEEN = [
    "claims.view_canonicalclaim",
    "claims.view_claimlink",
    "claims.view_arithmeticcheck",
    "claims.view_entityalias",
]
ADDED = {
    "viewer": SEEN,
    "reviewer": SEEN,
    "editor": [
        *SEEN,
        "claims.add_entityalias",
        "claims.change_entityalias",
        "claims.delete_entityalias",
    ],
}


def _permissions(apps, names):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for role, names in ADDED.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(*_permissions(apps, names))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role, names in ADDED.items():
        group = Group.objects.filter(name=role).first()
        if group is not None:
            group.permissions.remove(*_permissions(apps, names))


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0007_canonical_claims_links_and_arithmetic_checks"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
