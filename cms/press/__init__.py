"""Press conferences (新闻发布会): speakers, transcript, photos, video, documents."""
