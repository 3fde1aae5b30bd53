"""RSS 2.0 and Atom feeds of the site, its listings, page types and searches."""
