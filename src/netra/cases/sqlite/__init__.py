"""A SQLite backend that queues writers on a file lock instead of SQLite's sleeping busy handler."""
