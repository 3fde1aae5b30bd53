"""What leaves the site: the headless API, feeds, share cards, the social outbox and the page cache."""
