"""Role permissions for business systems (read by editorial's setup_roles): site administrators manage them."""

ROLE_PERMISSIONS: dict[str, list[str]] = {
    "site_admin": [f"integrations.{action}_system" for action in ("add", "change", "view")],
}
