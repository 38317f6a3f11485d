"""Fixtures shared by the reader tests go here; the project-wide ones (users, clients, cache) are in tests/conftest.py."""
