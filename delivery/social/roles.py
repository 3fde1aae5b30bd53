"""Role permissions for the social outbox (read by editorial's setup_roles)."""

ROLE_PERMISSIONS: dict[str, list[str]] = {
    "press_office": [
        "social.add_post",
        "social.change_post",
        "social.view_post",
        "social.approve_post",
        "social.send_post",
        "social.view_channel",
        "social.view_delivery",
    ],
    "site_admin": [
        "social.add_channel",
        "social.change_channel",
        "social.delete_channel",
        "social.view_channel",
        "social.add_post",
        "social.change_post",
        "social.delete_post",
        "social.view_post",
        "social.approve_post",
        "social.send_post",
        "social.view_delivery",
    ],
}
