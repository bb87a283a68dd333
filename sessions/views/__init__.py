"""Split by sub-domain; import from the modules."""
