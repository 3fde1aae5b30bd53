"""Management commands of the periodic jobs and the site's address."""
