"""Huiyi: text of Chinese government meeting reports to a graph of who chaired, attended and spoke."""
__version__ = "0.1.0"
