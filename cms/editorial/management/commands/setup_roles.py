"""Create the editorial roles (groups) with page, collection and model permissions, and the approval workflows whose
reviewers' task runs the pre-publication checks; idempotent."""

import sys

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import autodiscover_modules
from wagtail.contrib.settings.registry import registry
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.editorial.models import PrePublicationApprovalTask

ROLE_NAMES = {
    "editor": "编辑",
    "reviewer": "审核员",
    "press_office": "新闻办",
    "site_admin": "网站管理员",
}
EDIT = ["add_page", "change_page"]
PUBLISH = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
ALL_PAGE = PUBLISH + ["bulk_delete_page"]
MEDIA_EDIT = ["add_image", "choose_image", "add_document", "choose_document"]
MEDIA_ALL = MEDIA_EDIT + ["change_image", "delete_image", "change_document", "delete_document"]
ADMIN = ["wagtailadmin.access_admin"]
TAXONOMY = ["taxonomy.organ", "taxonomy.topic", "taxonomy.genre"]
# Model permissions of the core roles (apps add theirs in <app>/roles.py). Everyone who writes may see and choose
# the classification and read the sensitive-word list; only site administrators change them, and the settings.
VIEW_SHARED = [m.replace(".", ".view_") for m in TAXONOMY] + ["editorial.view_sensitiveword"]
MANAGED_BY_SITE_ADMIN = TAXONOMY + ["editorial.sensitiveword", "sitesearch.synonymrule", "wagtailredirects.redirect"]
CORE_MODEL_PERMS: dict[str, list[str]] = {
    "editor": VIEW_SHARED,
    "reviewer": VIEW_SHARED,
    "press_office": VIEW_SHARED,
    "site_admin": [
        f"{app}.{action}_{model}"
        for app, _, model in (m.partition(".") for m in MANAGED_BY_SITE_ADMIN)
        for action in ("add", "change", "delete", "view")
    ]
    + ["wagtailcore.add_workflow", "wagtailcore.change_workflow", "wagtailcore.add_task", "wagtailcore.change_task"],
}
REVIEW_TASK = "审核员审批"
# What Wagtail's migrations leave behind: groups no role uses and an approval by one of them. Removed when nothing
# depends on them; otherwise renamed, so that nobody takes them for roles of this site.
LEFTOVER_GROUPS = {"Editors": "待清理：Wagtail 默认编辑组", "Moderators": "待清理：Wagtail 默认审核组"}
LEFTOVER_WORKFLOW = ("Moderators approval", "待清理：Wagtail 默认审批")
ROOT_COLLECTION = "全部"
ROOT_PAGE = "全部站点"
CATALOGUE_WORKFLOW = "信息公开审批"
SITE_WORKFLOW = "栏目审批"


def perm(name: str) -> Permission:
    app_label, _, codename = name.rpartition(".")
    qs = Permission.objects.filter(codename=codename)
    if app_label:
        qs = qs.filter(content_type__app_label=app_label)
    found = qs.first()
    if found is None:
        raise CommandError(f"Unknown permission: {name}")
    return found


class Command(BaseCommand):
    help = "Create or update the editorial roles and their permissions."

    def handle(self, *args, **options):
        self.changes = 0
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        home = site.root_page.specific if site else None
        root_collection = Collection.get_first_root_node()
        sections = list(home.get_children().specific()) if home else []
        press = [p for p in sections if p.specific_class.__name__ == "PressIndexPage"]
        others = [p for p in sections if p not in press]

        model_perms: dict[str, list[str]] = {key: list(CORE_MODEL_PERMS[key]) + self.settings_perms(key) for key in ROLE_NAMES}
        names = dict(ROLE_NAMES)
        autodiscover_modules("roles")
        for config in apps.get_app_configs():
            mod = sys.modules.get(f"{config.name}.roles")
            if mod is None:
                continue
            names.update(getattr(mod, "ROLE_NAMES", {}))
            for key, plist in getattr(mod, "ROLE_PERMISSIONS", {}).items():
                model_perms.setdefault(key, []).extend(plist)

        groups = {key: self.group(name) for key, name in names.items()}
        if home:
            self.page_perms(groups["editor"], home, EDIT)
            self.page_perms(groups["reviewer"], home, PUBLISH)
            self.page_perms(groups["site_admin"], home, ALL_PAGE)
            for page in press:
                self.page_perms(groups["press_office"], page, PUBLISH)
            for page in others:
                group = self.group(f"{ROLE_NAMES['editor']}：{page.title}")
                self.page_perms(group, page, EDIT)
                self.model_perms(group, ADMIN + VIEW_SHARED)
                self.collection_perms(group, root_collection, MEDIA_EDIT)
        self.workflows(groups["reviewer"], home, sections)
        self.leftovers(root_collection)
        for key, group in groups.items():
            self.model_perms(group, ADMIN + model_perms.get(key, []))
            media = MEDIA_ALL if key == "site_admin" else MEDIA_EDIT
            self.collection_perms(group, root_collection, media)
        self.stdout.write(f"setup_roles: {self.changes} change(s)")

    def group(self, name: str) -> Group:
        group, created = Group.objects.get_or_create(name=name)
        if created:
            self.changes += 1
            self.stdout.write(f"created group {name}")
        return group

    def page_perms(self, group: Group, page: Page, codenames: list[str]) -> None:
        for codename in codenames:
            _, created = GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=perm(f"wagtailcore.{codename}")
            )
            if created:
                self.changes += 1
                self.stdout.write(f"{group.name}: {codename} on {page.title}")

    def collection_perms(self, group: Group, collection: Collection, codenames: list[str]) -> None:
        for codename in codenames:
            app = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
            _, created = GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=perm(f"{app}.{codename}")
            )
            if created:
                self.changes += 1
                self.stdout.write(f"{group.name}: {codename} on collection {collection.name}")

    def model_perms(self, group: Group, names: list[str]) -> None:
        for name in names:
            p = perm(name)
            if not group.permissions.filter(pk=p.pk).exists():
                group.permissions.add(p)
                self.changes += 1
                self.stdout.write(f"{group.name}: {name}")

    @staticmethod
    def settings_perms(key: str) -> list[str]:
        """Site administrators change every registered setting (site identity, publishing checks …)."""
        if key != "site_admin":
            return []

        return [f"{model._meta.app_label}.change_{model._meta.model_name}" for model in registry]

    def workflows(self, reviewers: Group, home: Page | None, sections: list[Page]) -> None:
        """One approval task (审核员, approving only what passes the pre-publication checks), used by the catalogue's
        workflow and by the site workflow on the home page (news, columns, press …). Wagtail's default "Moderators
        approval" workflow on the tree root asks a group that no role belongs to, so it is detached from the root
        (pages already in it finish it as they are)."""
        task, created = self.review_task()
        if not task.groups.filter(pk=reviewers.pk).exists():
            task.groups.add(reviewers)
            created = True
        self.changes += int(created)
        root = Page.get_first_root_node()
        for link in WorkflowPage.objects.filter(page=root).select_related("workflow"):
            if link.workflow.name in (CATALOGUE_WORKFLOW, SITE_WORKFLOW):
                continue
            link.delete()
            self.changes += 1
            self.stdout.write(f"workflow {link.workflow.name} detached from the root page")
        catalogue = [p for p in sections if p.specific_class.__name__ == "CatalogueIndexPage"]
        if catalogue:
            self.attach(self.workflow(CATALOGUE_WORKFLOW, task), catalogue)
        if home:
            self.attach(self.workflow(SITE_WORKFLOW, task), [home])

    def leftovers(self, root_collection: Collection) -> None:
        """Wagtail's default workflow and task (detached above), its groups Editors and Moderators, and the root
        collection's and the tree root's English names."""
        old, renamed = LEFTOVER_WORKFLOW
        busy = ["in_progress", "needs_changes"]
        for flow in Workflow.objects.filter(name=old):
            if flow.workflow_states.filter(status__in=busy).exists():
                flow.name = renamed
                flow.save(update_fields=["name"])
                self.stdout.write(f"workflow {old} renamed {renamed} (pages are still in it)")
            else:
                flow.delete()
                self.stdout.write(f"workflow {old} removed")
            self.changes += 1
        for task in Task.objects.filter(name=old):
            if task.workflow_tasks.exists() or task.task_states.filter(status="in_progress").exists():
                task.name = renamed
                task.save(update_fields=["name"])
                self.stdout.write(f"task {old} renamed {renamed}")
            else:
                task.delete()
                self.stdout.write(f"task {old} removed")
            self.changes += 1
        for name, new_name in LEFTOVER_GROUPS.items():
            group = Group.objects.filter(name=name).first()
            if group is None:
                continue
            if group.user_set.exists():
                group.name = new_name
                group.save(update_fields=["name"])
                self.stdout.write(f"group {name} renamed {new_name} (it still has members)")
            else:
                group.delete()
                self.stdout.write(f"group {name} removed")
            self.changes += 1
        root = Page.get_first_root_node()
        if root is not None and root.title == "Root":
            Page.objects.filter(pk=root.pk).update(title=ROOT_PAGE, draft_title=ROOT_PAGE)
            self.changes += 1
            self.stdout.write(f"root page renamed {ROOT_PAGE}")
        if root_collection.name == "Root":
            root_collection.name = ROOT_COLLECTION
            root_collection.save(update_fields=["name"])
            self.changes += 1
            self.stdout.write(f"root collection renamed {ROOT_COLLECTION}")

    def review_task(self) -> tuple[PrePublicationApprovalTask, bool]:
        """The reviewers' task; a plain group approval of that name (made by an older setup_roles) becomes, in place,
        the approval after the checks: its workflows, groups and task states are kept."""
        task = PrePublicationApprovalTask.objects.filter(name=REVIEW_TASK).first()
        if task is not None:
            return task, False
        plain = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
        if plain is None:
            return PrePublicationApprovalTask.objects.create(name=REVIEW_TASK), True
        task = PrePublicationApprovalTask(groupapprovaltask_ptr=plain)
        task.__dict__.update({k: v for k, v in plain.__dict__.items() if not k.startswith("_")})
        task.save_base(raw=True)  # the new table's row only: the task's own rows are already there
        content_type = ContentType.objects.get_for_model(PrePublicationApprovalTask)
        Task.objects.filter(pk=plain.pk).update(content_type=content_type)
        self.stdout.write(f"task {REVIEW_TASK} now approves only what passes the pre-publication checks")
        return PrePublicationApprovalTask.objects.get(pk=plain.pk), True

    def workflow(self, name: str, task: GroupApprovalTask) -> Workflow:
        flow, created = Workflow.objects.get_or_create(name=name)
        if not flow.active:
            flow.active = True
            flow.save(update_fields=["active"])
            created = True
        WorkflowTask.objects.get_or_create(workflow=flow, task=task, defaults={"sort_order": 0})
        self.changes += int(created)
        return flow

    def attach(self, flow: Workflow, pages: list[Page]) -> None:
        for page in pages:
            link, created = WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": flow})
            if not created and link.workflow_id != flow.pk:
                link.workflow = flow
                link.save()
                created = True
            if created:
                self.changes += 1
                self.stdout.write(f"workflow {flow.name} on {page.title}")
