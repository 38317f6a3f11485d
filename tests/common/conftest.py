"""Fixtures shared by the common tests go here; the project-wide ones (users, clients, cache) are in tests/conftest.py."""
