"""Reviewers and viewers work in the review interface, not the admin console (issue 18).

- The role groups hold what ``claims.roles.ROLE_PERMISSIONS`` says (frozen here): reviewers
  lose the admin's "add" permissions on claims, verdicts, sources, articles and revisions.
- Users whose only roles are viewer or reviewer lose the staff flag (the admin console);
  editors get it; superusers keep theirs. Reversing restores the permissions, not the flags
  (who was staff before is not known).
- A claim event can record an editor's correction of a claim's kind or attribution.
"""

from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS, migrations, models

VIEW = [
    "articles.view_outlet",
    "articles.view_article",
    "articles.view_articlerevision",
    "claims.view_claim",
    "claims.view_verdict",
    "claims.view_source",
    "claims.view_claimevent",
]
ROLES = {
    "viewer": VIEW,
    "reviewer": [*VIEW, "claims.review_claim"],
    "editor": [
        *VIEW,
        "claims.review_claim",
        "claims.settle_claim",
        "claims.change_claim",
        "articles.change_article",
        "articles.add_outlet",
        "articles.change_outlet",
    ],
}
# What 0002 gave reviewers and editors on top (restored when reversing).
ADMIN_ADDS = [
    "claims.add_claim",
    "claims.add_verdict",
    "claims.add_source",
    "articles.add_article",
    "articles.add_articlerevision",
]
STAFF_ROLES = ["editor"]


def _db(schema_editor):
    """The database being migrated (backup --verify migrates a scratch one beside the
    default); the tests call these functions without a schema editor, on the default."""
    return schema_editor.connection.alias if schema_editor is not None else DEFAULT_DB_ALIAS


def _permissions(apps, names, db=DEFAULT_DB_ALIAS):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(
            Permission.objects.using(db).get(content_type__app_label=app_label, codename=codename)
        )
    return found


def _ensure_permissions(apps, db):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=db)
        app_config.models_module = None


def reviewers_leave_the_admin(apps, schema_editor):
    db = _db(schema_editor)
    if schema_editor is not None:  # the tests call this with the live registry
        _ensure_permissions(apps, db)
    Group = apps.get_model("auth", "Group")
    User = apps.get_model("auth", "User")
    for role, names in ROLES.items():
        group, _ = Group.objects.using(db).get_or_create(name=role)
        group.permissions.set(_permissions(apps, names, db))
    role_users = User.objects.using(db).filter(groups__name__in=ROLES).distinct()
    editors = User.objects.using(db).filter(groups__name__in=STAFF_ROLES)
    role_users.filter(is_superuser=False).exclude(pk__in=editors).update(is_staff=False)
    editors.update(is_staff=True)


def restore_admin_adds(apps, schema_editor):
    db = _db(schema_editor)
    Group = apps.get_model("auth", "Group")
    for role in ("reviewer", "editor"):
        group = Group.objects.using(db).filter(name=role).first()
        if group is not None:
            group.permissions.add(*_permissions(apps, ADMIN_ADDS, db))


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0003_source_archives"),
    ]

    operations = [
        migrations.AlterField(
            model_name="claimevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("dismissed", "dismissed"),
                    ("restored", "restored"),
                    ("added", "added by a reviewer"),
                    ("span_changed", "span adjusted"),
                    ("assigned", "assigned"),
                    ("merged", "merged"),
                    ("carried", "carried to a new revision"),
                    ("gone", "gone from the current revision"),
                    ("corrected", "corrected by an editor"),
                ],
                max_length=20,
                verbose_name="action",
            ),
        ),
        migrations.RunPython(reviewers_leave_the_admin, restore_admin_adds),
    ]
