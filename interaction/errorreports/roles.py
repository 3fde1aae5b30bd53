"""Role permissions for error reports (read by editorial's setup_roles): editors and site administrators see and
handle the reports of errors on the pages they look after."""

PERMISSIONS = ["errorreports.view_errorreport", "errorreports.change_errorreport"]
ROLE_PERMISSIONS: dict[str, list[str]] = {
    "editor": PERMISSIONS,
    "site_admin": PERMISSIONS,
}
