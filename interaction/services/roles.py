"""Role permissions for the online services (read by editorial's setup_roles): 行政审批 handlers accept, review and
decide cases and keep the wording of the 批复 (设置 → 批复); reviewers see them and take the review steps assigned to
them; editors keep the service guides (page permissions come with the page tree); site administrators may do
everything."""

ROLE_NAMES: dict[str, str] = {"approvals": "行政审批办理员"}

HANDLING = [
    "wagtailadmin.access_admin",
    "applications.view_application",
    "applications.change_application",
    "applications.accept_application",
    "applications.decide_application",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    "approvals": [*HANDLING, "applications.change_resulttemplatesettings"],
    "reviewer": ["applications.view_application", "applications.change_application"],
    "site_admin": [*HANDLING, "applications.change_resulttemplatesettings"],
}
