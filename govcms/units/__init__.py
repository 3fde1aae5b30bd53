"""Applicant units (省直单位 and other bodies the bureau serves) and the people who sign in for them."""
