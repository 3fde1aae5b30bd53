"""The test site builds, and publishing gives every disclosed item an index number."""

from cms.disclosure.models import DisclosureItemPage


def test_site_tree_publishes_items_with_index_numbers(site_tree):
    items = DisclosureItemPage.objects.live()
    assert items.count() == 6
    assert all(item.index_number for item in items)
    assert site_tree.policy.index_number.startswith("11430000006220052X/2016-")
