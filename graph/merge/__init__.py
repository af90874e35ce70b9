"""Merging reports into one graph: stable ids, one node per real thing, the graph itself."""
