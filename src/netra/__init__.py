"""Netra: supervising the neutrality of Indonesian civil servants in elections."""

__version__ = "0.1.0"
