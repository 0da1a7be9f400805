"""Create the viewer, reviewer and editor roles as groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW = [
    "articles.view_outlet",
    "articles.view_article",
    "articles.view_articlerevision",
    "claims.view_claim",
    "claims.view_verdict",
    "claims.view_source",
    "claims.view_claimevent",
]
REVIEW = [
    "claims.review_claim",
    "claims.add_claim",
    "claims.add_verdict",
    "claims.add_source",
    "articles.add_article",
    "articles.add_articlerevision",
]
EDIT = [
    "claims.settle_claim",
    "claims.change_claim",
    "articles.change_article",
    "articles.add_outlet",
    "articles.change_outlet",
]
ROLES = {"viewer": VIEW, "reviewer": VIEW + REVIEW, "editor": VIEW + REVIEW + EDIT}


def create_roles(apps, schema_editor):
    # In the database being migrated, which need not be the default one (backup --verify
    # migrates a scratch database beside it).
    db = schema_editor.connection.alias
    # Permissions are normally created after migrate; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=db)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, names in ROLES.items():
        group, _ = Group.objects.using(db).get_or_create(name=role)
        for name in names:
            app_label, codename = name.split(".")
            group.permissions.add(
                Permission.objects.using(db).get(
                    content_type__app_label=app_label, codename=codename
                )
            )


def remove_roles(apps, schema_editor):
    db = schema_editor.connection.alias
    apps.get_model("auth", "Group").objects.using(db).filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0001_initial"),
        ("claims", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
