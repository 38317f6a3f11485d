"""Reports of one statement on reader pages: one entry per group in lists, the group page, the permalink."""

import json

import pytest
from django.db import connection
from django.urls import reverse

from annotations.groups import services
from annotations.models import GroupDecision, Speaker, Statement
from annotations.reader import queries

from ..factories import OutletFactory, SpeakerFactory, UserFactory
from ..groups.builders import report
from ..helpers import soup

pytestmark = pytest.mark.django_db

QUOTE = "We will open the new bridge over the river in May and it will carry four lanes of traffic"


def texts(response, selector: str) -> list[str]:
    return [" ".join(el.get_text(" ", strip=True).split()) for el in soup(response).select(selector)]


@pytest.fixture
def grouped():
    """Three reports by one speaker in three outlets, the second one the earliest, the third trimmed."""
    speaker = SpeakerFactory(name="Ada Brook", slug="ada-brook")
    reports = [
        report(QUOTE, speaker=speaker, day=2),
        report(QUOTE, speaker=speaker, day=1),
        report("open the new bridge over the river in May", speaker=speaker, day=3),
    ]
    services.statement_groups_refresh(statement_ids=[r.pk for r in reports])
    for r in reports:
        r.refresh_from_db()
    assert len({r.group_id for r in reports}) == 1 and reports[0].group_id
    return reports


def test_speaker_page_lists_one_entry_per_group_the_earliest_with_the_count(client, grouped):
    later, earliest, trimmed = grouped
    response = client.get(earliest.speaker.get_absolute_url())
    rows = soup(response).select(".statement")
    assert len(rows) == 1
    assert rows[0].select_one(f'a.permalink[href="{earliest.get_absolute_url()}"]')
    assert "Reported by 3 outlets" in rows[0].get_text(" ", strip=True)
    assert rows[0].select_one(
        f'a.group-link[href="{reverse("annotations:statement_group", args=[earliest.group_id])}"]'
    )


def test_search_lists_one_entry_per_group(client, grouped):
    response = client.get(reverse("annotations:statement_list"))
    assert len(soup(response).select(".statement")) == 1


def test_a_group_never_hides_a_statement_whose_earlier_report_is_not_listed(client, grouped):
    later, earliest, trimmed = grouped
    # Filtered to the later report's outlet, it is listed (the earliest is elsewhere).
    response = client.get(reverse("annotations:statement_list"), {"outlet": later.article.outlet.slug})
    assert texts(response, ".statement .permalink") and soup(response).select_one(
        f'a.permalink[href="{later.get_absolute_url()}"]'
    )
    # Words only the longer reports have: the trimmed report does not stand for them.
    response = client.get(reverse("annotations:statement_list"), {"q": "lanes traffic"})
    assert soup(response).select_one(f'a.permalink[href="{earliest.get_absolute_url()}"]')


def test_an_earlier_report_taken_back_no_longer_hides_the_others(client, grouped):
    later, earliest, trimmed = grouped
    Statement.objects.filter(pk=earliest.pk).update(status=Statement.Status.SUGGESTED)  # not regrouped yet
    response = client.get(later.speaker.get_absolute_url())
    assert soup(response).select_one(f'a.permalink[href="{later.get_absolute_url()}"]')
    assert not soup(response).select_one(f'a.permalink[href="{earliest.get_absolute_url()}"]')


def test_every_visible_statement_is_listed_or_stands_behind_a_listed_report(grouped):
    visible = set(queries.visible_statements().values_list("pk", flat=True))
    listed = list(queries.search_statements(queries.StatementQuery(), one_per_group=True))
    covered = set()
    for statement in listed:
        covered |= (
            set(
                queries.visible_statements()
                .filter(group_id=statement.group_id, speaker_id=statement.speaker_id)
                .values_list("pk", flat=True)
            )
            if statement.group_id
            else {statement.pk}
        )
    assert covered == visible


def test_open_data_lists_every_report(grouped):
    assert queries.search_statements(queries.StatementQuery()).count() == 3


def test_group_page_lists_every_report_earliest_first_with_differences(client, grouped):
    later, earliest, trimmed = grouped
    response = client.get(reverse("annotations:statement_group", args=[earliest.group_id]))
    assert response.status_code == 200
    page = soup(response)
    ids = [li["id"] for li in page.select(".group-report")]
    assert ids == [f"report-{earliest.pk}", f"report-{later.pk}", f"report-{trimmed.pk}"]
    trimmed_row = page.select_one(f"#report-{trimmed.pk}")
    assert [d.get_text() for d in trimmed_row.select("del.diff-gone")] == [
        "We will",
        "and it will carry four lanes of traffic",
    ]
    assert not page.select_one(f"#report-{later.pk} del, #report-{later.pk} ins")
    assert page.select_one(f'a.first-report[href="{earliest.get_absolute_url()}"]')


def test_group_page_escapes_the_wordings(client):
    speaker = SpeakerFactory()
    a = report(QUOTE, speaker=speaker)
    b = report(QUOTE + " <script>alert(1)</script> <b>now</b>", speaker=speaker, day=1)
    services.statement_groups_refresh(statement_ids=[a.pk, b.pk])
    a.refresh_from_db()
    response = client.get(reverse("annotations:statement_group", args=[a.group_id]))
    assert b"<script>alert" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;now&lt;/b&gt;</ins>" in response.content


def test_group_page_never_shows_an_unconfirmed_or_hidden_report(client, grouped):
    later, earliest, trimmed = grouped
    Statement.objects.filter(pk=later.pk).update(status=Statement.Status.REJECTED)  # not regrouped yet
    response = client.get(reverse("annotations:statement_group", args=[earliest.group_id]))
    assert f"report-{later.pk}" not in response.content.decode()
    Speaker.objects.filter(pk=earliest.speaker_id).update(status=Speaker.Status.NOT_A_SPEAKER)
    assert client.get(reverse("annotations:statement_group", args=[earliest.group_id])).status_code == 404


def test_permalink_stays_and_names_the_earliest_report(client, grouped):
    later, earliest, trimmed = grouped
    response = client.get(later.get_absolute_url())
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one(f'a.first-report[href="{earliest.get_absolute_url()}"]')
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["isBasedOn"]["@id"].endswith(earliest.get_absolute_url())
    first = json.loads(
        soup(client.get(earliest.get_absolute_url())).select_one("script[type='application/ld+json']").string
    )
    assert "isBasedOn" not in first


def test_a_misattributed_report_shows_the_correction_note(client):
    right, wrong = SpeakerFactory(name="Ada Brook"), SpeakerFactory(name="Tomas Reyes")
    a, b = report(QUOTE, speaker=right), report(QUOTE, speaker=wrong, day=1)
    services.statement_groups_refresh(statement_ids=[a.pk, b.pk])
    b.refresh_from_db()
    editor = UserFactory(username="ed")
    services.group_decide_misattribution(
        group=b.group, statement=b, note="These words are Ada Brook's, not Tomas Reyes's.", editor=editor
    )
    for url in (b.get_absolute_url(), reverse("annotations:statement_group", args=[b.group_id])):
        assert "These words are Ada Brook" in " ".join(texts(client.get(url), ".correction-note"))
    assert not texts(client.get(a.get_absolute_url()), ".correction-note")
    GroupDecision.objects.update(undone_at="2026-03-10T00:00:00Z")
    assert not texts(client.get(b.get_absolute_url()), ".correction-note")


def test_different_outlets_count(client):
    speaker = SpeakerFactory()
    outlet = OutletFactory()
    a = report(QUOTE, speaker=speaker, outlet=outlet)
    b = report(QUOTE, speaker=speaker, outlet=outlet, day=1)
    services.statement_groups_refresh(statement_ids=[a.pk, b.pk])
    response = client.get(speaker.get_absolute_url())
    assert "Reported by 1 outlet ·" in " ".join(texts(response, ".group-line"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="query plan counts are PostgreSQL's")
def test_speaker_page_queries_do_not_grow_with_groups(client, grouped, django_assert_max_num_queries):
    client.get(grouped[0].speaker.get_absolute_url())
    with django_assert_max_num_queries(12):
        client.get(grouped[0].speaker.get_absolute_url() + "?page=1")


# --- open data ---


def test_api_and_exports_carry_the_group_and_the_first_report(client, grouped):
    later, earliest, trimmed = grouped
    group_url = reverse("annotations:statement_group", args=[earliest.group_id])
    data = client.get(reverse("annotations:api_statement_detail", args=[later.pk])).json()
    assert data["group"]["id"] == earliest.group_id
    assert data["group"]["url"].endswith(group_url)
    assert data["group"]["first_report_url"].endswith(earliest.get_absolute_url())
    results = client.get(reverse("annotations:api_statement_list")).json()["results"]
    assert {r["id"]: r["group"]["id"] for r in results} == {s.pk: earliest.group_id for s in grouped}
    *lines, trailer = b"".join(client.get(reverse("annotations:export_jsonl")).streaming_content).decode().splitlines()
    assert json.loads(trailer)["end_of_export"]["records"] == len(lines) == len(grouped)
    assert all(json.loads(line)["group"]["first_report_url"].endswith(earliest.get_absolute_url()) for line in lines)
    csv_text = b"".join(client.get(reverse("annotations:export_csv")).streaming_content).decode()
    header, *rows, trailer = csv_text.lstrip("\ufeff").splitlines()
    assert trailer.startswith(f"#end_of_export,{len(grouped)},")
    assert header.endswith("group_id,first_report_url")
    assert all(row.endswith(f"{earliest.group_id},http://testserver{earliest.get_absolute_url()}") for row in rows)


def test_open_data_of_an_ungrouped_statement_has_no_group(client):
    alone = report(QUOTE)
    assert client.get(reverse("annotations:api_statement_detail", args=[alone.pk])).json()["group"] is None


def test_api_list_queries_do_not_grow_with_groups(client, grouped, django_assert_max_num_queries):
    client.get(reverse("annotations:api_statement_list"))
    with django_assert_max_num_queries(8):
        client.get(reverse("annotations:api_statement_list"))
