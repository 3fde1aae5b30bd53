"""Role permissions for the web archive (read by editorial's setup_roles): site administrators browse and download it."""

ROLE_PERMISSIONS: dict[str, list[str]] = {
    "site_admin": ["webarchive.view_capture", "webarchive.download_archive"],
}
