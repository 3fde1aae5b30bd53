"""The disclosure requests' outcomes and applicant columns as Django choices.

Both are the rows and columns of table 三 of the national annual-report format, defined once in
cms.disclosure.report_format (the labels are the format's own words, deliberately not translated); this module only
shapes them for the model's fields and keeps the names the app's code uses.
"""

from __future__ import annotations

from cms.disclosure.report_format import APPLICANTS, OUTCOME_GROUPS, OutcomeGroup, outcome_group, outcome_label

__all__ = [
    "APPLICANT_COLUMNS",
    "ORGANISATION_KINDS",
    "OUTCOME_GROUPS",
    "OutcomeGroup",
    "outcome_choices",
    "outcome_group",
    "outcome_label",
]

# The applicant columns of table 三: natural persons, then five kinds of legal person or other organisation.
APPLICANT_COLUMNS: tuple[tuple[str, str], ...] = APPLICANTS
ORGANISATION_KINDS = APPLICANT_COLUMNS[1:]


def outcome_choices() -> list:
    """Django choices in the format's words: the two single outcomes, then one optgroup per group with its sub-outcomes."""
    choices: list = []
    for group in OUTCOME_GROUPS:
        if group.outcomes:
            choices.append((group.label, [(f"{group.key}.{key}", label) for key, label in group.outcomes]))
        else:
            choices.append((group.key, group.label))
    return choices
