"""Template tags of the circles app."""
