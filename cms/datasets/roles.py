"""Role permissions for open data (read by editorial's setup_roles): editors upload releases, reviewers also withdraw
them, site administrators also read the log of reads of shared data."""

ROLE_PERMISSIONS: dict[str, list[str]] = {
    "editor": ["datasets.add_release", "datasets.view_release"],
    "reviewer": ["datasets.add_release", "datasets.change_release", "datasets.view_release"],
    "site_admin": ["datasets.add_release", "datasets.change_release", "datasets.view_release", "datasets.view_accesslog"],
}
