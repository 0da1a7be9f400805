"""The built-in rating scales (issue 19), the three-grade one the desk's; every stored
verdict gets the three-grade scale's grade of its verdict. Apart from 0012's schema changes,
so that PostgreSQL never alters a table with these rows' pending checks."""

from django.db import migrations

# The built-in scales as claims.scales.BUILT_IN held them when this was written (frozen:
# (code, name, Korean name, bestRating, worstRating, grades); a grade is (code, label,
# Korean label, status, ratingValue, English and Korean published names).
SCALES = (
    (
        "three-grade",
        "Verified / disputed / unverifiable",
        "사실 / 사실 아님 / 판단 불가",
        5,
        1,
        (
            ("verified", "verified", "사실", "verified", 5, "True", "사실"),
            (
                "disputed",
                "disputed",
                "사실 아님",
                "disputed",
                1,
                "False",
                "사실 아님",
            ),
            (
                "unverifiable",
                "unverifiable",
                "판단 불가",
                "unverifiable",
                None,
                "Unverifiable",
                "판단 유보",
            ),
        ),
    ),
    (
        "snu-factcheck",
        "SNU FactCheck (six grades)",
        "서울대 팩트체크 (6단계)",
        5,
        1,
        (
            ("true", "true", "사실", "verified", 5, "True", ""),
            (
                "mostly_true",
                "mostly true",
                "대체로 사실",
                "verified",
                4,
                "Mostly true",
                "",
            ),
            ("half_true", "half true", "절반의 사실", "disputed", 3, "Half true", ""),
            (
                "mostly_false",
                "mostly false",
                "대체로 사실 아님",
                "disputed",
                2,
                "Mostly false",
                "",
            ),
            ("false", "false", "사실 아님", "disputed", 1, "False", ""),
            (
                "unverifiable",
                "unverifiable",
                "판단 유보",
                "unverifiable",
                None,
                "Unverifiable",
                "",
            ),
        ),
    ),
    (
        "politifact",
        "PolitiFact-style Truth-O-Meter",
        "폴리티팩트식 진실 측정기",
        6,
        1,
        (
            ("true", "true", "사실", "verified", 6, "True", ""),
            (
                "mostly_true",
                "mostly true",
                "대체로 사실",
                "verified",
                5,
                "Mostly True",
                "",
            ),
            ("half_true", "half true", "절반의 사실", "disputed", 4, "Half True", ""),
            (
                "mostly_false",
                "mostly false",
                "대체로 사실 아님",
                "disputed",
                3,
                "Mostly False",
                "",
            ),
            ("false", "false", "사실 아님", "disputed", 2, "False", ""),
            (
                "pants_on_fire",
                "pants on fire",
                "새빨간 거짓말",
                "disputed",
                1,
                "Pants on Fire!",
                "",
            ),
            (
                "unverifiable",
                "unverifiable",
                "판단 유보",
                "unverifiable",
                None,
                "Unverifiable",
                "",
            ),
        ),
    ),
)
FIELDS = (
    "code",
    "label",
    "label_ko",
    "verdict",
    "rating_value",
    "alternate_name",
    "alternate_name_ko",
)


def create_scales(apps, schema_editor):
    db = schema_editor.connection.alias  # the database being migrated, not the default
    scales = apps.get_model("claims", "RatingScale").objects.using(db)
    grades = apps.get_model("claims", "RatingGrade").objects.using(db)
    verdicts = apps.get_model("claims", "Verdict").objects.using(db)
    for code, name, name_ko, best, worst, specs in SCALES:
        scale = scales.create(
            code=code,
            name=name,
            name_ko=name_ko,
            best_rating=best,
            worst_rating=worst,
            built_in=True,
            active=code == "three-grade",
        )
        grades.bulk_create(
            grades.model(scale=scale, order=i, **dict(zip(FIELDS, spec, strict=True)))
            for i, spec in enumerate(specs)
        )
    # Existing verdicts keep their meaning: the three-grade scale's grade of their name.
    for grade in grades.filter(scale__code="three-grade"):
        verdicts.filter(verdict=grade.code).update(grade=grade.code, scale_grade=grade)


def drop_scales(apps, schema_editor):
    db = schema_editor.connection.alias
    apps.get_model("claims", "Verdict").objects.using(db).update(grade="", scale_grade=None)
    apps.get_model("claims", "RatingScale").objects.using(db).all().delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0018_rating_scales")]

    operations = [migrations.RunPython(create_scales, drop_scales)]
