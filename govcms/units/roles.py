"""Role permissions for applicant units (read by editorial's setup_roles): site administrators manage them."""

ROLE_PERMISSIONS: dict[str, list[str]] = {
    "site_admin": [f"units.{action}_{model}" for model in ("unit", "unitmember") for action in ("add", "change", "view")],
}
