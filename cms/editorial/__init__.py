"""Editorial workflow: roles, approval workflow, periodic jobs, publishing checks."""
