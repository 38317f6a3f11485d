"""Helpers every part of the test tree uses: parsing a response's HTML, htmx request headers."""

from bs4 import BeautifulSoup

# An htmx request from the review workspace (django-htmx reads these headers).
HTMX = {"HX-Request": "true", "HX-Current-URL": "http://testserver/review/"}


def soup(response) -> BeautifulSoup:
    """The response's HTML, to check with CSS selectors."""
    return BeautifulSoup(response.content, "html.parser")
