"""The Curators group: what curation needs and nothing more (no users, groups or permissions)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Curators"
PERMISSIONS = {
    ("entities", "person"): ["view", "change", "delete"],
    ("entities", "event"): ["view", "change", "delete"],
    ("entities", "country"): ["view"],
    ("entities", "organization"): ["view"],
    ("entities", "slugredirect"): ["view"],
    ("articles", "article"): ["view"],
    ("articles", "quote"): ["view", "change", "delete"],
    ("articles", "mention"): ["view"],
    ("articles", "role"): ["view"],
    ("articles", "correction"): ["view", "add"],
}


def create_group(apps, schema_editor):
    for app_config in apps.get_app_configs():  # permissions exist only after post_migrate
        historical = getattr(app_config, "models_module", None) is None
        if historical:  # create_permissions skips app configs without a models module
            app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        if historical:
            app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    codenames = [
        (app, f"{action}_{model}") for (app, model), actions in PERMISSIONS.items()
        for action in actions
    ]
    group.permissions.set(
        [Permission.objects.get(content_type__app_label=a, codename=c) for a, c in codenames]
    )


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_curation"),
        ("entities", "0002_curation"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
