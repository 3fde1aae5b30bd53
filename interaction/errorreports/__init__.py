"""Report an error on this page (我为政府网站找错): the visitor's report of a page's error, and its 3-working-day answer."""
