"""Policy texts (政策文件) and their interpretations (政策解读)."""
