"""The built-in site health rules, by area: updates (home page, dates, columns), responses (letters, error reports,
disclosure requests, personal data on answers), content (sensitive words, expired policies, alt text), links."""
