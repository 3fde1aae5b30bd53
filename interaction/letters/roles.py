"""Role permissions for letters (read by editorial's setup_roles): 来信办理员 handle letters and see the writer's
personal data; reviewers approve replies; site administrators manage the categories and their deadlines."""

ROLE_NAMES: dict[str, str] = {"correspondence": "来信办理员"}

ROLE_PERMISSIONS: dict[str, list[str]] = {
    "correspondence": [
        "wagtailadmin.access_admin",
        "letters.view_letter",
        "letters.add_letter",
        "letters.change_letter",
        "privacy.view_personal_data",
    ],
    "reviewer": ["letters.view_letter", "letters.change_letter", "letters.approve_reply"],
    "site_admin": [
        "letters.view_letter",
        "letters.change_letter",
        "letters.approve_reply",
        "letters.add_lettercategory",
        "letters.change_lettercategory",
        "letters.delete_lettercategory",
        "letters.view_lettercategory",
    ],
}
