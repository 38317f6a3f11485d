"""Fixtures for the grouping tests; reports are built with tests.groups.builders.report()."""
