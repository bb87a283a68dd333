"""The kennisbank: the established verslagen of all circles, searchable by who may read them."""
