"""Role permissions for site health (read by editorial's setup_roles): site administrators keep the column update
rules. Everyone who may use the admin sees the health report."""

ROLE_PERMISSIONS: dict[str, list[str]] = {
    "site_admin": [
        "health.view_columnrule",
        "health.add_columnrule",
        "health.change_columnrule",
        "health.delete_columnrule",
    ],
}
