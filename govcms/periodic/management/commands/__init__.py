"""run_periodic and set_site_address."""
