"""App configuration for cms.policy."""

from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "cms.policy"
    label = "policy"
    verbose_name = "政策文件"
