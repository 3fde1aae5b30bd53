"""Fixtures for the theme tests: the factory site with its top-level pages in the menu and a footer identity."""

import pytest
from wagtail.models import Page, Site

from cms.core.models import SiteIdentity
from tests.factories import build_site

IDENTITY = {
    "organiser": "湖南省机关事务管理局",
    "site_code": "4300000059",
    "icp_number": "湘ICP备05001234号",
    "police_number": "湘公网安备 43010202000123号",
    "address": "长沙市开福区三一大道",
    "postcode": "410001",
    "phone": "0731-82212345",
}


def dress_site():
    """build_site() plus what a real site has: menu entries and the footer identity."""
    tree = build_site()
    Page.objects.child_of(tree.home).update(show_in_menus=True)
    site = Site.objects.get(is_default_site=True)
    SiteIdentity.objects.update_or_create(site=site, defaults=IDENTITY)
    return tree


@pytest.fixture
def themed_site(db):
    return dress_site()
