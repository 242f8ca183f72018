"""Anju's SQLite database backend: Django's, with writers queued on a lock file (see ``base``)."""
