"""Social outbox: posts drafted on publication for Weibo, WeChat, Mastodon and webhooks, approved and sent."""
