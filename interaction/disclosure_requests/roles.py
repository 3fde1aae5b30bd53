"""Role permissions for disclosure on request (read by editorial's setup_roles): the new 依申请公开办理员 role handles
requests and sees applicants' personal data; site administrators can follow them."""

ROLE_NAMES: dict[str, str] = {"disclosure_officer": "依申请公开办理员"}
ROLE_PERMISSIONS: dict[str, list[str]] = {
    "disclosure_officer": [
        "disclosure_requests.view_disclosurerequest",
        "disclosure_requests.add_disclosurerequest",
        "disclosure_requests.change_disclosurerequest",
        "disclosure_requests.approve_reply",
        "privacy.view_personal_data",
    ],
    "site_admin": ["disclosure_requests.view_disclosurerequest"],
}
