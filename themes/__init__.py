"""The public theme: templates, styles, the accessible mode, error pages, robots.txt."""
