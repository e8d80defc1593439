"""Monitoring: streams of posts and news in, near-duplicates grouped, a review queue out to cases.

`netra.monitoring.core` is framework-free (file formats, grouping); the rest is the Django app.
"""
