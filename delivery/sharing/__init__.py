"""Share cards: Open Graph and Twitter metadata, drawn share images, WeChat QR codes and Weibo links."""
