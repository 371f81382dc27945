from django.db import migrations


def load(apps, schema_editor):
    from matching.services import taxonomy_load

    taxonomy_load(
        skill_model=apps.get_model("matching", "Skill"),
        alias_model=apps.get_model("matching", "SkillAlias"),
        related_model=apps.get_model("matching", "RelatedSkill"),
    )


class Migration(migrations.Migration):
    dependencies = [("matching", "0003_skillalias_text")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=True)]
