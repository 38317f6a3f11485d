"""Fuzzing the reader's and the API's query parameters: any value of any parameter gets 200, 400 or 404."""

from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.models import Statement

from ..reader.data import story

PARAMS = ["q", "speaker", "outlet", "kind", "date_from", "date_to", "sort", "page", "cursor", "limit", "letter"]
URLS = ["/statements/", "/speakers/", "/api/statements/", "/api/speakers/", "/api/articles/", "/statements/feed/"]
values = st.text(max_size=30) | st.sampled_from(
    ["000001000", "00000100000000000", "-1", "1e3", "²", "2026-02-30", "id", "date", "relevance", "A", "#"]
)


@pytest.mark.django_db
@settings(max_examples=150)
@given(url=st.sampled_from(URLS), params=st.dictionaries(st.sampled_from(PARAMS), values, max_size=4))
def test_any_parameters_get_a_page_a_400_or_a_404(client, url, params):
    if not Statement.objects.exists():  # examples share the test's transaction: seed once
        story()
    query = urlencode({k: v.encode("utf-8", "surrogatepass") for k, v in params.items()})
    response = client.get(f"{url}?{query}")
    assert response.status_code in (200, 400, 404), (url, params)
    if url.startswith("/api/") and response.status_code == 200:
        assert len(response.json()["results"]) <= 100
