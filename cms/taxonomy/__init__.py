"""Snippets that classify disclosed items: issuing organs, topics (主题分类) and genres (体裁分类)."""
