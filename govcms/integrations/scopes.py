"""The scopes apps declare with the hook `register_integration_scopes` (each returns `[(scope, label), …]`)."""

from wagtail import hooks


def declared_scopes() -> list[tuple[str, str]]:
    found: dict[str, str] = {}
    for fn in hooks.get_hooks("register_integration_scopes"):
        for scope, label in fn():
            found.setdefault(scope, str(label))
    return sorted(found.items())
