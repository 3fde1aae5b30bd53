"""Role permissions for the working-day calendar and the confirmation of holiday notices (read by editorial's
setup_roles)."""

ROLE_PERMISSIONS: dict[str, list[str]] = {
    "site_admin": [
        "workdays.add_calendarday",
        "workdays.change_calendarday",
        "workdays.delete_calendarday",
        "workdays.view_calendarday",
        "workdays.add_holidaynotice",
        "workdays.change_holidaynotice",
        "workdays.delete_holidaynotice",
        "workdays.view_holidaynotice",
    ],
}
