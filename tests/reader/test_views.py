"""The reader pages: what each shows, its filters, htmx partials, visibility, escaping, metadata and query counts."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.urls import reverse

from annotations.models import Speaker, Statement
from annotations.reader.index import statement_search_refresh

from ..factories import OutletFactory, PublicStatementFactory, SpeakerAliasFactory, SpeakerFactory
from ..helpers import soup
from .data import HIDDEN_WORD, statement_at, story

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")


def texts(response, selector: str) -> list[str]:
    return [" ".join(el.get_text(" ", strip=True).split()) for el in soup(response).select(selector)]


# --- home ---


def test_home_lists_latest_statements_and_a_search_box(client):
    s = story()
    response = client.get(reverse("annotations:home"))
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one('form[role=search][action="/statements/"] input[name=q]')
    assert any("We will open the bridge in May" in t for t in texts(response, ".latest .statement"))
    assert page.select_one(f'.latest a[href="{s.speaker.get_absolute_url()}"]')


def test_home_ranks_the_most_quoted_speakers_of_the_last_30_days(client):
    recent = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
    busy, quiet = SpeakerFactory(name="Busy Speaker"), SpeakerFactory(name="Quiet Speaker")
    story(speaker=busy, published_at=recent, hidden=False)
    story(speaker=busy, published_at=recent, hidden=False)
    story(speaker=quiet, published_at=recent, hidden=False)
    story(speaker=SpeakerFactory(name="Old News"), published_at=recent - dt.timedelta(days=60), hidden=False)
    ranking = texts(client.get("/"), ".speaker-ranking li a")
    assert ranking == ["Busy Speaker", "Quiet Speaker"]


# --- statements list ---


def test_statement_list_shows_visible_statements_newest_first(client):
    old = story(title="Old story", published_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    new = story(title="New story", published_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    response = client.get(reverse("annotations:statement_list"))
    assert response.status_code == 200
    links = [a["href"] for a in soup(response).select("#results .statement a.permalink")]
    assert links == [
        new.direct.get_absolute_url(),
        new.indirect.get_absolute_url(),
        old.direct.get_absolute_url(),
        old.indirect.get_absolute_url(),
    ]


def test_statement_list_labels_paraphrase(client):
    s = story()
    response = client.get(reverse("annotations:statement_list"))
    indirect = soup(response).select_one(f'.statement:has(a[href="{s.indirect.get_absolute_url()}"])')
    direct = soup(response).select_one(f'.statement:has(a[href="{s.direct.get_absolute_url()}"])')
    assert "Paraphrase" in indirect.select_one(".kind-badge").get_text()
    assert direct.select_one(".kind-indirect") is None


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "indirect"}, {"indirect"}),
        ({"kind": "direct"}, {"direct"}),
        ({"q": "bridge"}, {"direct", "indirect"}),
        ({"q": "council"}, {"indirect"}),
    ],
)
def test_statement_list_filters_by_kind_and_words(client, params, expected):
    s = story()
    response = client.get(reverse("annotations:statement_list"), params)
    shown = {a["href"] for a in soup(response).select("#results a.permalink")}
    assert shown == {getattr(s, name).get_absolute_url() for name in expected}


def test_statement_list_filters_by_speaker(client):
    mine, other = story(), story(speaker=SpeakerFactory(name="Lee Other"))
    response = client.get(reverse("annotations:statement_list"), {"speaker": mine.speaker.slug})
    shown = {a["href"] for a in soup(response).select("#results a.permalink")}
    assert shown == {mine.direct.get_absolute_url(), mine.indirect.get_absolute_url()}
    assert other.direct.get_absolute_url() not in shown
    assert soup(response).select_one("#id_who")["value"] == "Ada Brook"  # the speaker control shows it


def _shown(response) -> set[str]:
    return {a["href"] for a in soup(response).select("#results a.permalink")}


def test_the_speaker_control_finds_the_speaker_typed_without_javascript(client):
    mine, other = story(speaker=SpeakerFactory(name="Bill de Blasio")), story(speaker=SpeakerFactory(name="Lee Other"))
    response = client.get(reverse("annotations:statement_list"), {"who": "blasio"})
    assert response.status_code == 200
    assert _shown(response) == {mine.direct.get_absolute_url(), mine.indirect.get_absolute_url()}
    page = soup(response)
    assert page.select_one("#id_who")["value"] == "Bill de Blasio"
    assert page.select_one("#speaker-filter input[name=speaker]")["value"] == mine.speaker.slug
    assert other.direct.get_absolute_url() not in _shown(response)


def test_the_speaker_control_emptied_removes_the_speaker_filter(client):
    mine, other = story(), story(speaker=SpeakerFactory(name="Lee Other"))
    response = client.get(reverse("annotations:statement_list"), {"who": "", "speaker": mine.speaker.slug})
    assert other.direct.get_absolute_url() in _shown(response)


def test_the_speaker_control_keeps_namesakes_apart_by_slug(client):
    first = story(speaker=SpeakerFactory(name="John Smith", slug="john-smith-1"))
    second = story(speaker=SpeakerFactory(name="John Smith", slug="john-smith-2"))
    response = client.get(reverse("annotations:statement_list"), {"who": "John Smith", "speaker": "john-smith-2"})
    assert _shown(response) == {second.direct.get_absolute_url(), second.indirect.get_absolute_url()}
    # Typed alone, the name matches both: the reader chooses.
    response = client.get(reverse("annotations:statement_list"), {"who": "john smith"})
    assert response.status_code == 400
    page = soup(response)
    assert "Several speakers match" in page.select_one("#speaker-filter [role=alert]").get_text()
    links = [a["href"] for a in page.select(".who-candidates a")]
    assert len(links) == 2 and any("speaker=john-smith-1" in link for link in links)
    assert first.direct.get_absolute_url()  # both stories exist


def test_the_speaker_control_says_when_nobody_matches(client):
    story()
    response = client.get(reverse("annotations:statement_list"), {"who": "zzz"})
    assert response.status_code == 400
    assert "No speaker matches “zzz”" in soup(response).select_one("#speaker-filter").get_text()


def test_speaker_suggestions_come_as_the_reader_types(client):
    s = story(speaker=SpeakerFactory(name="Bill de Blasio"))
    SpeakerAliasFactory(speaker=s.speaker, name="the mayor")
    url = reverse("annotations:statement_speaker_suggestions")
    response = client.get(url, {"who": "mayor"}, headers={"HX-Request": "true"})
    option = soup(response).select_one(".who-option")
    assert (option["data-slug"], option["data-name"]) == (s.speaker.slug, "Bill de Blasio")
    assert response["Vary"] == "HX-Request"
    assert client.get(url, {"who": "mayor"})["Location"] == reverse("annotations:speaker_list") + "?q=mayor"


def test_statement_list_filters_by_outlet(client):
    herald, post = OutletFactory(name="Herald"), OutletFactory(name="Post")
    mine, _ = story(outlet=herald), story(outlet=post)
    response = client.get(reverse("annotations:statement_list"), {"outlet": herald.slug})
    shown = {a["href"] for a in soup(response).select("#results a.permalink")}
    assert shown == {mine.direct.get_absolute_url(), mine.indirect.get_absolute_url()}


def test_statement_list_filters_by_date_range(client):
    may = story(published_at=dt.datetime(2026, 5, 2, 23, 59, tzinfo=dt.UTC))
    story(published_at=dt.datetime(2026, 5, 3, 0, 0, tzinfo=dt.UTC))
    story(published_at=dt.datetime(2026, 4, 30, 12, 0, tzinfo=dt.UTC))
    response = client.get(reverse("annotations:statement_list"), {"date_from": "2026-05-01", "date_to": "2026-05-02"})
    shown = {a["href"] for a in soup(response).select("#results a.permalink")}
    assert shown == {may.direct.get_absolute_url(), may.indirect.get_absolute_url()}


def test_statement_list_reports_a_reversed_date_range(client):
    response = client.get(reverse("annotations:statement_list"), {"date_from": "2026-05-02", "date_to": "2026-05-01"})
    assert response.status_code == 400
    assert "before" in soup(response).select_one(".field-error").get_text()


def test_statement_list_rejects_an_unknown_speaker_with_400(client):
    response = client.get(reverse("annotations:statement_list"), {"speaker": "nobody-at-all"})
    assert response.status_code == 400


def test_statement_list_speaker_filter_does_not_reveal_a_speaker_without_public_statements(client):
    s = story()
    hidden_only = s.hidden[0].speaker  # Tomas Reyes: only suggested and rejected statements
    response = client.get(reverse("annotations:statement_list"), {"speaker": hidden_only.slug})
    assert response.status_code == 400
    assert "Tomas Reyes" not in response.content.decode()


def test_statement_list_paginates_without_counting_everything(client, settings):
    speaker = SpeakerFactory()
    for _ in range(11):
        story(speaker=speaker, hidden=False)  # 22 statements: page 2 has 2
    first = client.get(reverse("annotations:statement_list"))
    assert len(soup(first).select("#results .statement")) == 20
    assert soup(first).select_one("a[rel=next]")["href"] == "?page=2"
    assert "22 statements" in soup(first).select_one(".result-count").get_text()
    second = client.get(reverse("annotations:statement_list"), {"page": 2})
    assert len(soup(second).select("#results .statement")) == 2
    assert soup(second).select_one("a[rel=prev]")
    assert not soup(second).select_one("a[rel=next]")


def test_statement_list_page_beyond_the_results_is_404(client):
    story()
    assert client.get(reverse("annotations:statement_list"), {"page": 2}).status_code == 404


def test_statement_list_answers_htmx_with_the_results_partial_and_a_title(client):
    story()
    response = client.get(reverse("annotations:statement_list"), {"q": "bridge"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    page = soup(response)
    assert page.select_one("section#results")
    assert page.select_one("form") is None
    assert page.title.get_text().startswith("“bridge”")
    assert "HX-Request" in response["Vary"]


def test_statement_list_full_page_for_boosted_and_history_restore_requests(client):
    story()
    for headers in (
        {"HX-Request": "true", "HX-Boosted": "true"},
        {"HX-History-Restore-Request": "true"},
    ):
        response = client.get(reverse("annotations:statement_list"), headers=headers)
        assert "<html" in response.content.decode()


def test_statement_list_form_works_without_javascript(client):
    response = client.get(reverse("annotations:statement_list"), {"q": "bridge", "kind": "direct"})
    form = soup(response).select_one("form#statement-search")
    assert form["method"] == "get"
    assert form["action"] == reverse("annotations:statement_list")
    assert form.select_one("button[type=submit]")
    q = form.select_one("input[name=q]")
    assert q["value"] == "bridge"
    assert q["hx-trigger"] == "input changed delay:300ms, search"
    assert form["hx-push-url"] == "true"
    assert form.select_one("select[name=kind] option[selected]")["value"] == "direct"


def test_statement_list_offers_exports_of_the_same_search(client):
    story()
    response = client.get(reverse("annotations:statement_list"), {"q": "bridge", "kind": "direct", "page": ""})
    links = {a.get_text(strip=True): a["href"] for a in soup(response).select(".downloads a")}
    assert links["CSV"] == "/statements/export.csv?q=bridge&kind=direct"
    assert links["JSON Lines"] == "/statements/export.jsonl?q=bridge&kind=direct"


@postgres_only
def test_statement_search_finds_a_speaker_by_alias(client):
    s = story()
    SpeakerAliasFactory(speaker=s.speaker, name="The Bridge Mayor Nickname")
    from annotations.reader.index import speaker_search_refresh

    speaker_search_refresh(speaker=s.speaker)
    response = client.get(reverse("annotations:statement_list"), {"q": "nickname"})
    assert len(soup(response).select("#results .statement")) == 2


def test_search_marks_the_matching_words(client):
    story()
    response = client.get(reverse("annotations:statement_list"), {"q": "bridge"})
    assert "bridge" in [m.get_text().lower() for m in soup(response).select("#results .statement-text mark")]


# --- statement permalink ---


def test_statement_page_shows_speaker_cue_context_and_source(client):
    s = story(url="https://news.example/bridge")
    response = client.get(s.direct.get_absolute_url())
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one(".statement-quote").get_text(strip=True) == "“We will open the bridge in May”"
    assert page.select_one(f'.attribution a[href="{s.speaker.get_absolute_url()}"]').get_text() == "Ada Brook"
    assert page.select_one(".passage mark.statement-mark").get_text() == "We will open the bridge in May"
    assert page.select_one(".passage .cue").get_text() == "said"
    assert page.select_one('a.source-link[href="https://news.example/bridge"]')
    assert page.select_one(f'.facts a[href="{s.article.get_absolute_url()}"]').get_text() == "Bridge to open in May"
    assert page.select_one(".facts time")["datetime"].startswith("2026-05-02")
    assert "Direct quote" in page.select_one(".kind-badge").get_text()


def test_statement_page_labels_paraphrase(client):
    s = story()
    page = soup(client.get(s.indirect.get_absolute_url()))
    assert "Paraphrase" in page.select_one(".kind-badge").get_text()
    assert "not the speaker's exact words" in page.select_one(".kind-badge").get_text()
    assert "“" not in page.select_one(".statement-quote").get_text()


def test_statement_page_has_title_description_and_open_graph(client):
    s = story()
    page = soup(client.get(s.direct.get_absolute_url()))
    assert page.title.get_text().startswith("Ada Brook: “We will open the bridge in May”")
    assert "Ada Brook" in page.select_one('meta[name="description"]')["content"]
    assert page.select_one('meta[property="og:type"]')["content"] == "article"
    assert page.select_one('meta[property="og:url"]')["content"] == "http://testserver" + s.direct.get_absolute_url()
    assert page.select_one('link[rel="canonical"]')["href"].endswith(s.direct.get_absolute_url())


def test_statement_page_json_ld_is_a_quotation_with_speaker_and_news_article(client):
    s = story(url="https://news.example/bridge", byline="Jo Writer")
    page = soup(client.get(s.direct.get_absolute_url()))
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Quotation"
    assert data["text"] == "We will open the bridge in May"
    assert data["spokenByCharacter"] == {
        "@type": "Person",
        "name": "Ada Brook",
        "url": "http://testserver" + s.speaker.get_absolute_url(),
    }
    assert data["isPartOf"]["@type"] == "NewsArticle"
    assert data["isPartOf"]["url"] == "https://news.example/bridge"
    assert data["isPartOf"]["headline"] == "Bridge to open in May"
    assert data["isPartOf"]["datePublished"].startswith("2026-05-02")
    assert data["citation"] == {"@id": "https://news.example/bridge"}


def test_statement_page_json_ld_cannot_close_its_script_element(client):
    speaker = SpeakerFactory(name="</script><script>alert(1)</script>")
    s = story(speaker=speaker, title="Title </script> & <b>")
    html = client.get(s.direct.get_absolute_url()).content.decode()
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(block)  # the whole JSON is inside the element: nothing ended it early
    assert data["spokenByCharacter"]["name"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize("status", [Statement.Status.SUGGESTED, Statement.Status.REJECTED])
def test_statement_page_of_a_hidden_statement_is_404(client, status):
    s = PublicStatementFactory(status=status)
    assert client.get(s.get_absolute_url()).status_code == 404


def test_statement_page_of_a_confirmed_statement_without_speaker_is_404(client):
    s = PublicStatementFactory(speaker=None)
    assert client.get(s.get_absolute_url()).status_code == 404


# --- speakers ---


def test_speaker_list_is_alphabetical_with_counts_and_only_public_speakers(client):
    story(speaker=SpeakerFactory(name="Zoe Zed"))
    story(speaker=SpeakerFactory(name="Abe Able"))
    response = client.get(reverse("annotations:speaker_list"))
    assert texts(response, ".speaker-grid li > a") == ["Abe Able", "Zoe Zed"]  # no Tomas Reyes, no crowd
    assert "2 statements" in texts(response, ".speaker-grid li")[0]


def test_speaker_list_by_letter_and_by_alias(client):
    zoe = SpeakerFactory(name="Zoe Zed")
    story(speaker=zoe)
    story(speaker=SpeakerFactory(name="Abe Able"))
    SpeakerAliasFactory(speaker=zoe, name="Madame Mayor")
    assert texts(client.get("/speakers/", {"letter": "Z"}), ".speaker-grid li > a") == ["Zoe Zed"]
    assert texts(client.get("/speakers/", {"q": "madame"}), ".speaker-grid li > a") == ["Zoe Zed"]
    assert texts(client.get("/speakers/", {"q": "able"}), ".speaker-grid li > a") == ["Abe Able"]


def test_speaker_list_htmx_partial(client):
    story()
    response = client.get("/speakers/", {"q": "ada"}, headers={"HX-Request": "true"})
    assert "<html" not in response.content.decode()
    assert soup(response).select_one("section#speaker-results")


def test_speaker_page_shows_description_aliases_statements_timeline_and_outlets(client):
    herald = OutletFactory(name="Herald")
    speaker = SpeakerFactory(name="Ada Brook", description="Mayor of Fairview")
    SpeakerAliasFactory(speaker=speaker, name="Mayor Brook")
    story(speaker=speaker, outlet=herald, published_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC))
    story(speaker=speaker, outlet=herald, published_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    response = client.get(speaker.get_absolute_url())
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text() == "Ada Brook"
    assert page.select_one(".lede").get_text() == "Mayor of Fairview"
    assert texts(response, ".aliases .alias") == ["Mayor Brook"]
    assert len(page.select("#speaker-statements .statement")) == 4
    assert texts(response, ".timeline tbody th") == ["2025", "2026"]
    assert texts(response, ".outlet-list li") == ["Herald 4"]
    assert page.select_one(f'link[type="application/atom+xml"][href="/speakers/{speaker.slug}/feed/"]')
    assert page.title.get_text() == "Ada Brook: statements · Claimbook"


def test_speaker_page_filters_by_kind(client):
    s = story()
    response = client.get(s.speaker.get_absolute_url(), {"kind": "indirect"})
    shown = [a["href"] for a in soup(response).select("#speaker-statements a.permalink")]
    assert shown == [s.indirect.get_absolute_url()]


def test_speaker_page_htmx_returns_the_statements_partial(client):
    s = story()
    response = client.get(s.speaker.get_absolute_url(), {"q": "council"}, headers={"HX-Request": "true"})
    assert "<html" not in response.content.decode()
    assert len(soup(response).select("#speaker-statements .statement")) == 1


def test_merged_speaker_redirects_permanently_to_the_kept_one(client):
    kept = story().speaker
    merged = SpeakerFactory(name="Ada Brooke", merged_into=kept)
    response = client.get(merged.get_absolute_url(), {"kind": "direct"})
    assert response.status_code == 301
    assert response["Location"] == kept.get_absolute_url() + "?kind=direct"


def test_speaker_marked_not_a_speaker_has_no_page(client):
    s = story()
    Speaker.objects.filter(pk=s.speaker.pk).update(status=Speaker.Status.NOT_A_SPEAKER)
    assert client.get(s.speaker.get_absolute_url()).status_code == 404


def test_speaker_with_only_hidden_statements_has_no_page(client):
    s = story()
    tomas = s.hidden[0].speaker
    assert client.get(tomas.get_absolute_url()).status_code == 404


# --- article page ---


def test_article_page_highlights_visible_statements_linked_to_their_permalinks(client):
    s = story(url="https://news.example/bridge")
    response = client.get(s.article.get_absolute_url())
    assert response.status_code == 200
    page = soup(response)
    marks = {m.a["href"]: m.get_text() for m in page.select(".article-body mark.statement-mark:has(> a)")}
    assert marks == {
        s.direct.get_absolute_url(): "We will open the bridge in May",
        s.indirect.get_absolute_url(): "the council would vote on the bridge budget next week",
    }
    assert page.select_one(f"#s-{s.direct.pk}")
    assert "Secretsuggested words stay private" in page.select_one(".article-body").get_text()  # the text itself
    assert not page.select(".article-body mark:-soup-contains('Secret')")  # ...but never highlighted
    assert page.select_one('a.source-link[href="https://news.example/bridge"]')


def test_article_without_visible_statements_is_404(client):
    s = story()
    Statement.objects.filter(pk__in=[s.direct.pk, s.indirect.pk]).update(status=Statement.Status.REJECTED)
    assert client.get(s.article.get_absolute_url()).status_code == 404


# --- every page: visibility, escaping, titles ---


def reader_urls(s) -> list[str]:
    return [
        "/",
        "/statements/",
        "/statements/?q=secret",
        "/statements/?q=private",
        "/statements/?q=words",
        s.direct.get_absolute_url(),
        s.indirect.get_absolute_url(),
        "/speakers/",
        "/speakers/?q=t",
        s.speaker.get_absolute_url(),
        s.article.get_absolute_url(),
    ]


def test_hidden_statements_appear_on_no_page(client):
    s = story()
    for url in reader_urls(s):
        response = client.get(url)
        assert response.status_code == 200, url
        visible_text = soup(response).get_text()
        for hidden in s.hidden:
            assert hidden.get_absolute_url() not in response.content.decode(), url
        if url != s.article.get_absolute_url():  # the article page shows the article's own text
            assert HIDDEN_WORD not in visible_text, url
        assert "Tomas Reyes" not in visible_text or url == s.article.get_absolute_url(), url


def test_every_page_has_a_descriptive_title_and_description(client):
    s = story()
    seen = set()
    for url in reader_urls(s):
        page = soup(client.get(url))
        title = page.title.get_text()
        assert title.endswith(" · Claimbook") and len(title) > len(" · Claimbook") + 5, url
        assert page.select_one('meta[name="description"]')["content"].strip(), url
        seen.add(title)
    assert len(seen) >= 7  # pages are told apart by their titles


def test_user_text_is_escaped_everywhere(client):
    evil = "<img src=x onerror=alert(1)>"
    speaker = SpeakerFactory(name=f"Eve {evil}", description=evil)
    SpeakerAliasFactory(speaker=speaker, name=evil)
    s = story(speaker=speaker, title=f"Title {evil}", outlet=OutletFactory(name=f"Outlet {evil}"), byline=evil)
    for url in [*reader_urls(s), "/statements/?q=" + evil]:
        html = client.get(url).content.decode()
        assert "<img src=x" not in html, url


def test_indirect_statement_is_not_put_in_quotation_marks(client):
    s = story()
    response = client.get(reverse("annotations:statement_list"), {"kind": "indirect"})
    text = soup(response).select_one(f'.statement:has(a[href="{s.indirect.get_absolute_url()}"]) .statement-text')
    assert "“" not in text.get_text()


# --- query counts: constant in the number of rows shown ---

# Ranking by relevance on PostgreSQL first asks for the planner's estimate of the matches (one EXPLAIN), and for
# the newest id when the estimate is large enough to rank only a window of recent matches (not at these sizes).
ESTIMATE = 1 if connection.vendor == "postgresql" else 0


def _count_queries(client, django_assert_num_queries, url, n):
    client.get(url)  # warm caches (content types, sessions...)
    with django_assert_num_queries(n):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/", 1),  # the most quoted speakers come from the cache once warm
        ("/statements/", 3),
        ("/statements/?q=bridge&kind=direct", 3 + ESTIMATE),
        ("/statements/?q=bridge&sort=date", 3),
        ("/speakers/", 3),
    ],
)
def test_list_pages_query_count_does_not_grow_with_rows(client, django_assert_num_queries, url, queries):
    speaker = SpeakerFactory(name="Ada Brook")
    story(speaker=speaker, hidden=False)
    _count_queries(client, django_assert_num_queries, url, queries)
    for _ in range(4):
        story(speaker=SpeakerFactory(), hidden=False)
    _count_queries(client, django_assert_num_queries, url, queries)


def test_speaker_page_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    speaker = SpeakerFactory()
    story(speaker=speaker, hidden=False)
    url = speaker.get_absolute_url()
    _count_queries(client, django_assert_num_queries, url, 8)
    for _ in range(5):
        story(speaker=speaker, hidden=False, outlet=OutletFactory())
    _count_queries(client, django_assert_num_queries, url, 8)


def test_article_and_statement_pages_query_counts(client, django_assert_num_queries):
    s = story(hidden=False)
    _count_queries(client, django_assert_num_queries, s.article.get_absolute_url(), 2)
    _count_queries(client, django_assert_num_queries, s.direct.get_absolute_url(), 2)
    more = [statement_at(s.article, "Story", speaker=s.speaker, status=Statement.Status.CONFIRMED)]
    statement_search_refresh(statement_ids=[m.pk for m in more])
    _count_queries(client, django_assert_num_queries, s.article.get_absolute_url(), 2)


def test_htmx_results_update_the_live_status_out_of_band(client):
    story()
    response = client.get(reverse("annotations:statement_list"), {"q": "council"}, headers={"HX-Request": "true"})
    # Ranked by relevance with full-text search (PostgreSQL); the SQLite fallback has no ranking, and says so.
    order = "best match first" if connection.vendor == "postgresql" else "newest first"
    status = soup(response).select_one("#result-status[hx-swap-oob=true][role=status]")
    assert status.get_text(strip=True) == f"1 statement, {order}"
    full = soup(client.get(reverse("annotations:statement_list"), {"q": "council"}))
    assert full.select_one("#result-status[role=status]").get_text(strip=True) == f"1 statement, {order}"


def test_a_byline_that_starts_with_by_is_not_prefixed_again(client):
    s = story(byline="By Jenna Morales")
    for url in (s.article.get_absolute_url(), s.direct.get_absolute_url()):
        page = soup(client.get(url))
        assert "By By" not in page.text and "by By" not in page.text, url
        assert "Jenna Morales" in page.text, url
    data = json.loads(
        soup(client.get(s.direct.get_absolute_url())).select_one('script[type="application/ld+json"]').string
    )
    assert data["isPartOf"]["author"] == {"@type": "Person", "name": "Jenna Morales"}


def sort_menu(page) -> list[tuple[str, str, bool]]:
    return [(o["value"], o.text, o.has_attr("selected")) for o in page.select("#sort-filter select option")]


def test_without_words_the_sort_menu_says_newest_first_as_the_results_do(client):
    story()
    page = soup(client.get(reverse("annotations:statement_list")))
    assert sort_menu(page) == [("", "Newest first", True)]
    assert "newest first" in page.select_one(".result-count").text


def test_with_words_the_sort_menu_and_the_results_agree(client):
    story()
    page = soup(client.get(reverse("annotations:statement_list"), {"q": "bridge"}))
    status = page.select_one(".result-count").text
    if connection.vendor == "postgresql":
        assert sort_menu(page) == [("", "Best match", True), ("date", "Newest first", False)]
        assert "best match first" in status
    else:  # no ranking without full-text search: the results are newest first, and the menu says so
        assert sort_menu(page) == [("", "Newest first", True)]
        assert "newest first" in status
    newest = soup(client.get(reverse("annotations:statement_list"), {"q": "bridge", "sort": "date"}))
    assert "newest first" in newest.select_one(".result-count").text


def test_htmx_results_bring_the_sort_menu_up_to_date(client):
    story()
    response = client.get(reverse("annotations:statement_list"), {"q": ""}, headers={"HX-Request": "true"})
    menu = soup(response).select_one('#sort-filter[hx-swap-oob="true"]')
    assert [o.text for o in menu.select("option")] == ["Newest first"]
