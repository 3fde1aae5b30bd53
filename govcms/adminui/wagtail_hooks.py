"""Admin hooks: a new page (or a draft never published) sent with a blank or Chinese slug gets a short pinyin one
before Wagtail's form validates it, so the address is short from the first save and stays once published."""

from wagtail import hooks

from .slugs import available_slug, needs_short_slug, short_slug


def _replace_slug(request, parent, page=None) -> None:
    if request.method != "POST" or not needs_short_slug(request.POST.get("slug", "")):
        return
    title = request.POST.get("title", "").strip()
    if not title:
        return  # the form will ask for the title; nothing to make the slug from yet
    data = request.POST.copy()
    data["slug"] = available_slug(short_slug(title), parent, page)
    request.POST = data


@hooks.register("before_create_page")
def short_slug_for_new_page(request, parent_page, page_class):
    _replace_slug(request, parent_page)


@hooks.register("before_edit_page")
def short_slug_for_unpublished_page(request, page):
    if page.first_published_at is None:
        _replace_slug(request, page.get_parent(), page)
