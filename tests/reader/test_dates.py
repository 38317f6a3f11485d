"""A publication date is the date where the article was published, on every page, filter, feed and export.

The story here was published at 23:10 in New York on 24 November, when it was already 25 November in UTC.
"""

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from annotations.reader.index import article_search_refresh

from ..helpers import complete_records, soup
from .data import story

pytestmark = pytest.mark.django_db

NEW_YORK = dt.timezone(dt.timedelta(hours=-5))
LATE_EVENING = dt.datetime(2026, 11, 24, 23, 10, tzinfo=NEW_YORK)
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def late():
    return story(published_at=LATE_EVENING, published_offset=-300)


def test_pages_show_the_date_where_the_article_was_published(client, late):
    for url in (
        reverse("annotations:home"),
        reverse("annotations:statement_list"),
        late.direct.get_absolute_url(),
        late.article.get_absolute_url(),
    ):
        page = soup(client.get(url))
        times = [time for time in page.select("time") if time.get("datetime", "").startswith("2026-11-24")]
        assert times, url
        assert all(time["datetime"] == "2026-11-24T23:10:00-05:00" for time in times), url
        assert all("24" in time.text and "Nov" in time.text for time in times), url
        assert "25 Nov" not in page.text, url


@pytest.mark.parametrize("url", ["/statements/", "/api/statements/", "/statements/export.jsonl"])
def test_a_one_day_filter_finds_the_article_on_its_own_date(client, late, url):
    def found(day: str) -> bool:
        response = client.get(url, {"date_from": day, "date_to": day})
        content = b"".join(response.streaming_content) if response.streaming else response.content
        return "We will open the bridge" in content.decode()

    assert found("2026-11-24")
    assert not found("2026-11-25")


def test_the_articles_api_filters_by_the_local_date(client, late):
    def ids(day: str) -> list[int]:
        data = client.get("/api/articles/", {"date_from": day, "date_to": day}).json()
        return [article["id"] for article in data["results"]]

    assert ids("2026-11-24") == [late.article.pk]
    assert ids("2026-11-25") == []


def test_api_and_exports_give_the_time_with_the_offset_the_source_gave(client, late):
    data = client.get(f"/api/statements/{late.direct.pk}/").json()
    assert data["article"]["published_at"] == "2026-11-24T23:10:00-05:00"
    assert data["article"]["published_on"] == "2026-11-24"
    rows = complete_records(b"".join(client.get("/statements/export.csv").streaming_content).decode(), "csv")
    assert {row["published_at"] for row in rows} == {"2026-11-24T23:10:00-05:00"}
    lines = complete_records(b"".join(client.get("/statements/export.jsonl").streaming_content).decode(), "jsonl")
    assert {line["article"]["published_on"] for line in lines} == {"2026-11-24"}


def test_json_ld_dates_the_report_as_the_source_did(client, late):
    page = soup(client.get(late.direct.get_absolute_url()))
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["isPartOf"]["datePublished"] == "2026-11-24T23:10:00-05:00"
    assert data["dateCreated"] == "2026-11-24T23:10:00-05:00"


def test_feed_entries_are_dated_in_the_sources_offset(client, late):
    feed = ET.fromstring(client.get("/statements/feed/").content)
    published = {entry.find(f"{ATOM}published").text for entry in feed.findall(f"{ATOM}entry")}
    assert published == {"2026-11-24T23:10:00-05:00"}


def test_a_date_without_a_time_stays_that_date(client, settings):
    settings.CLAIMBOOK_NEWSROOM_TIME_ZONE = "Pacific/Auckland"  # 13 hours ahead of UTC in November
    day = story(published_at=dt.datetime(2026, 11, 24, tzinfo=dt.UTC), published_has_time=False)
    day.article.published_at = dt.datetime(2026, 11, 24, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=13)))
    day.article.published_offset = 780
    day.article.save()
    article_search_refresh(article=day.article)
    data = client.get(f"/api/statements/{day.direct.pk}/").json()
    assert data["article"]["published_at"] == "2026-11-24"
    assert data["article"]["published_on"] == "2026-11-24"
    page = soup(client.get(day.direct.get_absolute_url()))
    assert json.loads(page.select_one('script[type="application/ld+json"]').string)["dateCreated"] == "2026-11-24"
    found = client.get("/api/statements/", {"date_from": "2026-11-24", "date_to": "2026-11-24"}).json()
    assert {item["id"] for item in found["results"]} == {day.direct.pk, day.indirect.pk}


def test_a_speakers_years_count_the_local_date(client):
    new_years_eve = dt.datetime(2026, 12, 31, 23, 30, tzinfo=NEW_YORK)  # 2027 in UTC
    s = story(published_at=new_years_eve, published_offset=-300)
    page = soup(client.get(s.speaker.get_absolute_url()))
    assert "2026" in page.text
    assert "2027" not in page.text
