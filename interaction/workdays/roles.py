"""Role permissions for the working-day calendar (read by editorial's setup_roles)."""

ROLE_PERMISSIONS: dict[str, list[str]] = {
    "site_admin": [
        "workdays.add_calendarday",
        "workdays.change_calendarday",
        "workdays.delete_calendarday",
        "workdays.view_calendarday",
    ],
}
