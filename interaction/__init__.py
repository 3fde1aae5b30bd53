"""What the public sends: letters, disclosure requests, error reports, their statistics, personal data and working days."""
