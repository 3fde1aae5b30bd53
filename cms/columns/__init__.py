"""Special columns (专题专栏) with sections and articles."""
