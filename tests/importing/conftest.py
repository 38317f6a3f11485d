"""Fixtures shared by the importing tests go here; the project-wide ones (users, clients, cache) are in tests/conftest.py."""
