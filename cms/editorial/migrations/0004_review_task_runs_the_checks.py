"""The reviewers' approval task that setup_roles made (审核员审批, a plain group approval) becomes the approval after
the pre-publication checks, in place: same task, groups, workflows and task states; only its type changes."""

from django.db import migrations

REVIEW_TASK = "审核员审批"  # setup_roles.REVIEW_TASK at the time of this migration


def promote(apps, schema_editor):
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Task = apps.get_model("wagtailcore", "Task")
    Checked = apps.get_model("editorial", "PrePublicationApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")
    plain = ContentType.objects.filter(app_label="wagtailcore", model="groupapprovaltask").first()
    if plain is None:
        return
    checked, _ = ContentType.objects.get_or_create(app_label="editorial", model="prepublicationapprovaltask")
    for task in GroupApprovalTask.objects.filter(name=REVIEW_TASK, content_type=plain):
        if Checked.objects.filter(pk=task.pk).exists():
            continue
        child = Checked(groupapprovaltask_ptr_id=task.pk)
        child.__dict__.update({k: v for k, v in task.__dict__.items() if not k.startswith("_")})
        child.save_base(raw=True)  # the child row only: the task and group-approval rows are already there
        Task.objects.filter(pk=task.pk).update(content_type=checked)


def demote(apps, schema_editor):
    Task = apps.get_model("wagtailcore", "Task")
    Checked = apps.get_model("editorial", "PrePublicationApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")
    plain = ContentType.objects.filter(app_label="wagtailcore", model="groupapprovaltask").first()
    for pk in list(Checked.objects.filter(name=REVIEW_TASK).values_list("pk", flat=True)):
        Task.objects.filter(pk=pk).update(content_type=plain)
        schema_editor.execute(f"DELETE FROM {Checked._meta.db_table} WHERE groupapprovaltask_ptr_id = %s", [pk])


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_prepublication_approval_task"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(promote, demote)]
