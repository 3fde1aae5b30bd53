"""The director's mailbox (局长信箱) and 咨询建议: letters from the public, their handling, and published replies."""
