"""News articles (工作动态)."""
