"""Template tags of the sessions app."""
