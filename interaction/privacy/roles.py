"""Role permissions for personal data (read by editorial's setup_roles): site administrators may see
visitors' personal data and audit who else saw it. Apps that hold letters grant the same to their handlers."""

ROLE_PERMISSIONS: dict[str, list[str]] = {
    "site_admin": ["privacy.view_personal_data", "privacy.view_personaldataview"],
}
