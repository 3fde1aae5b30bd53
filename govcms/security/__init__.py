"""Security: HTML sanitising on save, upload checks, CSP and security headers, login throttling."""
