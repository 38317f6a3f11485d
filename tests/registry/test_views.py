"""The speaker registry pages for editors: permissions, each action with and without htmx, refusals, queries.

The rules of each change (what merge moves, what undo restores...) are tested in test_services_speakers.py;
here: that the pages offer them, that a click does them, and that bad or stale input changes nothing.
"""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annotations.models import NotSameSpeakers, Speaker, SpeakerAlias, SpeakerEvent, Statement
from annotations.registry.services import speaker_create, speaker_update
from annotations.registry.views import REGISTRY_KEYS
from annotations.registry.wikidata import WikidataClient, wikidata_lookup

from ..factories import ArticleFactory, StatementFactory
from ..helpers import soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

BOOSTED = {"HX-Request": "true", "HX-Boosted": "true", "HX-Current-URL": "http://testserver/review/speakers/"}


def url(name: str, *args) -> str:
    return reverse(f"annotations:{name}", args=args)


# --- permissions and CSRF ---

PAGES = ["registry_triage", "registry_duplicates"]


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_users_are_sent_to_log_in(client, name):
    response = client.get(url(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_posts_change_nothing_and_go_to_log_in_then_back_to_the_record(client, pham):
    response = client.post(url("registry_accept", pham.pk), {"version": pham.version})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url('registry_speaker', pham.pk)}"
    pham.refresh_from_db()
    assert pham.status == Speaker.Status.UNCHECKED


@pytest.mark.parametrize("name", PAGES)
def test_readers_are_refused(reader_client, name):
    assert reader_client.get(url(name)).status_code == 403


def test_readers_cannot_merge(reader_client, pham, tony):
    response = reader_client.post(
        url("registry_merge", pham.pk), {"version": pham.version, "into": tony.pk, "into_version": tony.version}
    )
    assert response.status_code == 403
    assert Speaker.objects.get(pk=pham.pk).merged_into is None


def test_a_post_without_the_csrf_token_is_refused(editor, pham):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(url("registry_accept", pham.pk), {"version": pham.version})
    assert response.status_code == 403
    assert Speaker.objects.get(pk=pham.pk).status == Speaker.Status.UNCHECKED


# Every POST action on a speaker, with a valid form for Pham (and Tony Pham as the other speaker).
ACTIONS = {
    "registry_accept": lambda pham, tony: {},
    "registry_edit": lambda pham, tony: {"name": "Anh Pham", "kind": "person", "description": "", "wikidata_id": ""},
    "registry_not_a_speaker": lambda pham, tony: {},
    "registry_alias_add": lambda pham, tony: {"name": "Mr Pham"},
    "registry_alias_remove": lambda pham, tony: {},
    "registry_merge": lambda pham, tony: {"into": tony.pk, "into_version": tony.version},
    "registry_not_same": lambda pham, tony: {"other": tony.pk},
    "registry_split": lambda pham, tony: {"statements": [pham.statements.get().pk], "new_name": "Anh Pham"},
}


def _action(name, pham, tony, *, version=None) -> tuple[str, dict]:
    """The URL and form of an action, as the page would post it (with `version` if the form carries one)."""
    args = [pham.pk]
    if name == "registry_alias_remove":
        alias = SpeakerAlias.objects.create(speaker=pham, name="P.", normalized="p", origin=SpeakerAlias.Origin.MODEL)
        args.append(alias.pk)
    data = ACTIONS[name](pham, tony)
    if name != "registry_not_same":
        data["version"] = pham.version if version is None else version
    return url(name, *args), data


def _unchanged(pham) -> bool:
    return (
        Speaker.objects.get(pk=pham.pk).version == pham.version
        and not SpeakerEvent.objects.exists()
        and not NotSameSpeakers.objects.exists()
    )


@pytest.mark.parametrize("name", ACTIONS)
def test_every_action_is_refused_to_anonymous_users_readers_and_posts_without_the_csrf_token(
    client, reader, editor, pham, tony, name
):
    path, data = _action(name, pham, tony)
    response = client.post(path, data)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(reader)
    assert client.post(path, data).status_code == 403
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert strict.post(path, data).status_code == 403
    assert _unchanged(pham)


@pytest.mark.parametrize("name", [name for name in ACTIONS if name != "registry_not_same"])
def test_every_change_based_on_an_old_version_is_refused_with_409(editor_client, editor, pham, tony, name):
    path, data = _action(name, pham, tony, version=pham.version)
    speaker_update(speaker=pham, editor=editor, data={"description": "spokesman"})  # someone else, first
    response = editor_client.post(path, data)
    assert response.status_code == 409
    page = soup(response)
    assert "Someone changed “Pham”" in page.select_one(".notice-error").get_text()
    assert page.select_one("#id_description")["value"] == "spokesman"  # the record as it is now
    assert SpeakerEvent.objects.count() == 1 and not NotSameSpeakers.objects.exists()
    assert pham.statements.count() == 1


@pytest.mark.parametrize("name", ACTIONS)
def test_every_action_works_boosted_by_htmx_like_without_javascript(editor_client, pham, tony, name):
    path, data = _action(name, pham, tony)
    response = editor_client.post(path, data, headers=BOOSTED)
    assert response.status_code == 302
    assert soup(editor_client.get(response["Location"])).select_one(".messages").get_text(strip=True)
    assert SpeakerEvent.objects.exists() or NotSameSpeakers.objects.exists()


def test_undoing_a_merge_needs_an_editor_and_the_csrf_token(client, reader, editor, pham, tony):
    from annotations.registry.services import speaker_merge

    event = speaker_merge(source=pham, target=tony, editor=editor)
    path = url("registry_merge_undo", event.pk)
    assert client.post(path).status_code == 302
    client.force_login(reader)
    assert client.post(path).status_code == 403
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert strict.post(path).status_code == 403
    assert Speaker.objects.get(pk=pham.pk).merged_into_id == tony.pk


# --- triage ---


def test_triage_lists_unchecked_speakers_newest_first_with_statements_in_context(editor_client, pham, tony):
    speaker_create(name="Maria Lopez", origin=Speaker.Origin.MODEL)
    page = soup(editor_client.get(url("registry_triage")))
    names = [link.get_text() for link in page.select(".registry-name")]
    assert names == ["Maria Lopez", "Pham"]  # Tony Pham was created by an editor: accepted already
    pham_row = page.select(".registry-row")[1]
    assert "We will open the bridge in May" in pham_row.get_text()
    assert pham_row.select_one("mark.mention").get_text() == "Pham"


def test_triage_filters_by_name_or_alias_and_kind(editor_client, pham):
    ice = speaker_create(
        name="U.S. Immigration and Customs Enforcement",
        kind=Speaker.Kind.ORGANISATION,
        origin=Speaker.Origin.MODEL,
        aliases=["ICE"],
    )
    found = soup(editor_client.get(url("registry_triage"), {"q": "ice"}))
    assert [link.get_text() for link in found.select(".registry-name")] == [ice.name]
    people = soup(editor_client.get(url("registry_triage"), {"kind": "person"}))
    assert [link.get_text() for link in people.select(".registry-name")] == ["Pham"]


def test_triage_filter_answers_htmx_with_just_the_results(editor_client, pham):
    response = editor_client.get(url("registry_triage"), {"q": "pham"}, headers={"HX-Request": "true"})
    assert response.content.decode().lstrip().startswith('<section id="triage-results"')


@pytest.mark.parametrize("merged", ["²", "-1", "9" * 30, "abc", ""])
def test_odd_merged_parameters_give_a_normal_page(editor_client, pham, merged):
    response = editor_client.get(url("registry_duplicates"), {"merged": merged, "page": merged})
    assert response.status_code == 200
    assert not soup(response).select(".undo-box")


def test_odd_filter_input_gives_a_normal_page(editor_client, pham):
    response = editor_client.get(
        url("registry_triage"), {"q": "<script>x" * 40, "status": "nope", "page": "10000000000"}
    )
    assert response.status_code == 200
    assert b"<script>x" not in response.content


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_triage_queries_do_not_grow_with_the_speakers_shown(editor_client, pham):
    few = _queries(editor_client, url("registry_triage"))
    for number in range(12):
        speaker = speaker_create(name=f"Person Number{number}", origin=Speaker.Origin.MODEL)
        StatementFactory(speaker=speaker, article=ArticleFactory())
    assert _queries(editor_client, url("registry_triage")) == few


def test_duplicates_page_work_is_bounded_by_the_page_not_the_registry(editor_client, pham, tony):
    from annotations.registry.views import DUPLICATES_PER_PAGE

    for number in range(DUPLICATES_PER_PAGE):
        speaker_create(name=f"Anh Nguyen{number}", origin=Speaker.Origin.MODEL)
    full_page = _queries(editor_client, url("registry_duplicates"))
    for number in range(10):
        speaker_create(name=f"Minh Tran{number}", origin=Speaker.Origin.MODEL)
    assert _queries(editor_client, url("registry_duplicates")) == full_page  # older speakers wait on page 2


def test_accept_without_javascript_redirects_back_with_a_message(editor_client, pham):
    back = url("registry_triage") + "?kind=person"
    response = editor_client.post(url("registry_accept", pham.pk), {"version": pham.version, "next": back})
    assert response.status_code == 302 and response["Location"] == back
    pham.refresh_from_db()
    assert pham.status == Speaker.Status.ACCEPTED
    page = soup(editor_client.get(back))
    assert "Accepted “Pham”." in page.select_one(".messages").get_text()
    assert not page.select(".registry-name")  # checked: off the list


def test_a_boosted_accept_follows_the_same_redirect(editor_client, pham):
    response = editor_client.post(
        url("registry_accept", pham.pk), {"version": pham.version}, headers=BOOSTED, follow=True
    )
    assert response.redirect_chain[-1][0] == url("registry_speaker", pham.pk)
    assert "Accepted “Pham”." in soup(response).select_one(".messages").get_text()


def test_next_must_be_on_this_site(editor_client, pham):
    response = editor_client.post(
        url("registry_accept", pham.pk), {"version": pham.version, "next": "https://evil.example/"}
    )
    assert response["Location"] == url("registry_speaker", pham.pk)


def test_not_a_speaker_leaves_its_statements_without_a_speaker(editor_client, pham):
    statement = pham.statements.get()
    editor_client.post(url("registry_not_a_speaker", pham.pk), {"version": pham.version})
    statement.refresh_from_db()
    assert statement.speaker is None
    assert Speaker.objects.get(pk=pham.pk).status == Speaker.Status.NOT_A_SPEAKER


# --- the record page: edit, aliases, stale forms ---


def test_record_page_shows_the_record_its_aliases_duplicates_statements_and_history(editor_client, pham, tony):
    page = soup(editor_client.get(url("registry_speaker", pham.pk)))
    assert page.h1.get_text() == "Pham"
    assert [a.get_text() for a in page.select(".record-side .registry-row > a")] == ["Tony Pham"]
    assert "same surname" in page.select_one(".record-side .reasons").get_text()
    assert page.select_one(".registry-statements input[type=checkbox]")["value"] == str(pham.statements.get().pk)


def test_rename_keeps_the_old_name_as_an_alias(editor_client, pham):
    data = {"version": pham.version, "name": "Tony  Pham", "kind": "person", "description": "", "wikidata_id": "q123"}
    response = editor_client.post(url("registry_edit", pham.pk), data)
    assert response.status_code == 302
    pham.refresh_from_db()
    assert (pham.name, pham.wikidata_id, pham.version) == ("Tony Pham", "Q123", 2)
    assert set(pham.aliases.values_list("name", flat=True)) == {"Pham", "Tony Pham"}


@pytest.mark.parametrize("wikidata_id", ["Q0", "X12", "Q12a"])
def test_an_invalid_wikidata_id_is_refused_in_the_page_and_nothing_changes(editor_client, pham, wikidata_id):
    data = {"version": pham.version, "name": "Pham", "kind": "person", "description": "new", "wikidata_id": wikidata_id}
    response = editor_client.post(url("registry_edit", pham.pk), data)
    assert response.status_code == 422
    assert "Wikidata id" in soup(response).select_one(".notice-error").get_text()
    pham.refresh_from_db()
    assert (pham.description, pham.wikidata_id, pham.version) == ("", "", 1)


def test_an_edit_based_on_an_old_version_is_refused_and_shows_the_record_as_it_is(editor_client, editor, pham):
    speaker_update(speaker=pham, editor=editor, data={"description": "spokesman"})  # someone else, meanwhile
    data = {"version": 1, "name": "Pham", "kind": "person", "description": "mine", "wikidata_id": ""}
    response = editor_client.post(url("registry_edit", pham.pk), data)
    assert response.status_code == 409
    page = soup(response)
    assert "changed “Pham” while you were looking" in page.select_one(".notice-error").get_text()
    assert page.select_one("#id_description")["value"] == "spokesman"
    assert page.select_one("#edit input[name=version]")["value"] == "2"
    assert Speaker.objects.get(pk=pham.pk).description == "spokesman"


def test_add_and_remove_an_alias(editor_client, pham):
    editor_client.post(url("registry_alias_add", pham.pk), {"version": 1, "name": "T. Pham"})
    alias = SpeakerAlias.objects.get(speaker=pham, name="T. Pham")
    assert alias.checked
    editor_client.post(url("registry_alias_remove", pham.pk, alias.pk), {"version": 2})
    assert not SpeakerAlias.objects.filter(pk=alias.pk).exists()


def test_the_own_name_cannot_be_removed(editor_client, pham):
    own = pham.aliases.get(name="Pham")
    response = editor_client.post(url("registry_alias_remove", pham.pk, own.pk), {"version": 1})
    assert response.status_code == 422
    assert "rename the speaker instead" in soup(response).select_one(".notice-error").get_text()
    assert SpeakerAlias.objects.filter(pk=own.pk).exists()


def test_an_empty_alias_is_refused(editor_client, pham):
    response = editor_client.post(url("registry_alias_add", pham.pk), {"version": 1, "name": " !! "})
    assert response.status_code == 422
    assert pham.aliases.count() == 1


def test_unknown_speakers_are_404(editor_client):
    assert editor_client.get(url("registry_speaker", 999999)).status_code == 404
    assert editor_client.post(url("registry_accept", 999999), {"version": 1}).status_code == 404


# --- duplicates, merge, undo, not the same, split ---


def test_duplicates_page_suggests_the_pair_keeping_the_accepted_speaker(editor_client, pham, tony):
    page = soup(editor_client.get(url("registry_duplicates")))
    merge = page.select_one(".duplicate-pair button[data-key=m]")
    assert merge.get_text(" ", strip=True).startswith("Merge “Pham” into “Tony Pham”")
    effects = page.select_one(".duplicate-pair .merge-effects-inline").get_text(" ", strip=True)
    assert effects == "Merging moves 1 statement; “Tony Pham” gains the alias “Pham”."  # before the one-key merge


def test_merge_from_the_duplicates_page_moves_statements_redirects_readers_and_can_be_undone(editor_client, pham, tony):
    statement = pham.statements.get()
    back = url("registry_duplicates")
    response = editor_client.post(
        url("registry_merge", pham.pk),
        {"version": pham.version, "into": tony.pk, "into_version": tony.version, "next": back},
    )
    event = SpeakerEvent.objects.get(action=SpeakerEvent.Action.MERGE)
    assert response["Location"] == f"{back}?merged={event.pk}"
    statement.refresh_from_db()
    assert statement.speaker == tony
    assert "pham" in set(tony.aliases.values_list("normalized", flat=True))
    reader = Client().get(f"/speakers/{pham.slug}/")
    assert reader.status_code == 301 and reader["Location"].endswith(f"/speakers/{tony.slug}/")

    page = soup(editor_client.get(response["Location"]))
    assert "Merged “Pham” into “Tony Pham”" in page.select_one(".messages").get_text()
    undo = page.select_one(".undo-box form")
    editor_client.post(undo["action"], {"next": back})
    statement.refresh_from_db()
    assert statement.speaker_id == pham.pk
    assert Speaker.objects.get(pk=pham.pk).merged_into is None
    assert not soup(editor_client.get(response["Location"])).select(".undo-box")  # undone: not offered again


# --- merging from a record asks first, saying what will move ---

HTMX = {"HX-Request": "true", "HX-Current-URL": "http://testserver/review/speakers/1/"}


def _confirm(client, source, into, **headers):
    return client.get(url("registry_merge_confirm", source.pk), {"into": into}, headers=headers)


def test_a_suggested_merge_on_the_record_page_asks_before_merging(editor_client, pham, tony):
    row = soup(editor_client.get(url("registry_speaker", pham.pk))).select_one(".record-side .registry-row")
    forms = row.select("form[method=get]")
    assert [form["action"] for form in forms] == [
        url("registry_merge_confirm", pham.pk),
        url("registry_merge_confirm", tony.pk),
    ]
    assert [form.select_one("input[name=into]")["value"] for form in forms] == [str(tony.pk), str(pham.pk)]


def test_without_javascript_the_confirmation_page_says_what_will_move_then_merges(editor_client, pham, tony):
    SpeakerAlias.objects.create(speaker=pham, name="Mr Pham", origin=SpeakerAlias.Origin.MODEL)
    response = _confirm(editor_client, pham, tony.pk)
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text() == "Merge “Pham” into “Tony Pham”?"
    effects = page.select_one(".merge-effects").get_text(" ", strip=True)
    assert "1 statement moves to “Tony Pham” (which has 2)" in effects
    assert "Names that become aliases of “Tony Pham”: “Mr Pham”, “Pham”" in effects
    assert pham.statements.count() == 1 and Speaker.objects.get(pk=pham.pk).merged_into is None  # asked only

    form = page.select_one(".merge-confirm form[method=post]")
    assert form["action"] == url("registry_merge", pham.pk)
    data = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    response = editor_client.post(form["action"], data)
    event = SpeakerEvent.objects.get(action=SpeakerEvent.Action.MERGE)
    assert response["Location"] == f"{url('registry_speaker', tony.pk)}?merged={event.pk}"
    assert Statement.objects.filter(speaker=tony).count() == 3
    kept = soup(editor_client.get(response["Location"]))
    assert "1 statement moved" in kept.select_one(".messages").get_text()
    assert kept.select_one(".undo-box button").get_text(" ", strip=True) == "Undo the merge u"


def test_the_confirmation_names_what_the_kept_speaker_answers_to_already(editor_client, pham, tony):
    SpeakerAlias.objects.create(speaker=tony, name="PHAM", normalized="pham", origin=SpeakerAlias.Origin.EDITOR)
    effects = soup(_confirm(editor_client, pham, tony.pk)).select_one(".merge-effects").get_text(" ", strip=True)
    assert "“Tony Pham” answers to “Pham” already" in effects
    assert "become aliases" not in effects


def test_with_htmx_the_confirmation_is_a_box_in_place_of_the_buttons(editor_client, pham, tony):
    response = _confirm(editor_client, pham, tony.pk, **HTMX)
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<div class="merge-confirm"') and "<html" not in content
    box = soup(response)
    assert box.select_one("button[data-key=m]").get_text(" ", strip=True) == "Merge m"  # m again merges
    swap = box.select_one("form[method=get]")
    assert swap["hx-get"] == url("registry_merge_confirm", tony.pk)
    assert swap.select_one("input[name=into]")["value"] == str(pham.pk)
    assert "HX-Request" in response["Vary"]  # a cache never serves the box as the page


def test_the_other_way_round_asks_about_the_reverse_merge(editor_client, pham, tony):
    page = soup(_confirm(editor_client, tony, pham.pk))
    assert page.h1.get_text() == "Merge “Tony Pham” into “Pham”?"
    assert "2 statements move to “Pham” (which has 1)" in page.select_one(".merge-effects").get_text(" ", strip=True)


@pytest.mark.parametrize("into", ["self", "987654", "²", "", "abc"])
def test_the_confirmation_refuses_bad_targets_with_and_without_htmx(editor_client, pham, into):
    into = str(pham.pk) if into == "self" else into
    response = _confirm(editor_client, pham, into)
    assert response.status_code == 422
    assert soup(response).h1.get_text() == "Pham"  # the record, with the message
    assert soup(response).select_one(".notice-error").get_text(strip=True)
    partial = _confirm(editor_client, pham, into, **HTMX)
    assert partial.status_code == 422
    assert soup(partial).select_one(".merge-confirm .notice-error")
    assert not soup(partial).select("form[method=post]")


def test_the_confirmation_refuses_a_merge_into_a_speaker_that_is_not_one(editor_client, editor, pham, tony):
    from annotations.registry.services import speaker_mark_not_a_speaker

    speaker_mark_not_a_speaker(speaker=tony, editor=editor)
    response = _confirm(editor_client, pham, tony.pk)
    assert response.status_code == 422
    assert "not a speaker" in soup(response).select_one(".notice-error").get_text()


def test_the_confirmation_of_a_merged_away_speaker_sends_the_editor_to_the_kept_one(editor_client, editor, pham, tony):
    from annotations.registry.services import speaker_merge

    speaker_merge(source=pham, target=tony, editor=editor)
    other = speaker_create(name="Anh Pham")
    response = _confirm(editor_client, pham, other.pk)
    assert response.status_code == 302 and response["Location"] == url("registry_speaker", tony.pk)
    assert "already merged" in _confirm(editor_client, pham, other.pk, **HTMX).content.decode()


def test_the_confirmation_is_for_editors_only(reader_client, pham, tony):
    path = f"{url('registry_merge_confirm', pham.pk)}?into={tony.pk}"
    response = Client().get(path)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert reader_client.get(path).status_code == 403


def test_cancel_goes_back_only_to_a_page_of_this_site(editor_client, pham, tony):
    path = url("registry_merge_confirm", pham.pk)
    page = soup(editor_client.get(path, {"into": tony.pk, "back": url("registry_speaker", tony.pk)}))
    assert page.select_one(".merge-confirm a")["href"] == url("registry_speaker", tony.pk)
    page = soup(editor_client.get(path, {"into": tony.pk, "back": "https://evil.example/"}))
    assert page.select_one(".merge-confirm a")["href"] == url("registry_speaker", pham.pk)


def test_merging_a_speaker_into_itself_is_refused(editor_client, pham):
    response = editor_client.post(url("registry_merge", pham.pk), {"version": 1, "into": pham.pk, "into_version": 1})
    assert response.status_code == 422
    assert "into itself" in soup(response).select_one(".notice-error").get_text()


def test_merging_into_an_unknown_speaker_is_refused(editor_client, pham):
    response = editor_client.post(url("registry_merge", pham.pk), {"version": 1, "into": 987654, "into_version": 1})
    assert response.status_code == 422
    assert Speaker.objects.get(pk=pham.pk).merged_into is None


def test_a_merge_based_on_an_old_version_of_the_kept_speaker_is_refused(editor_client, editor, pham, tony):
    speaker_update(speaker=tony, editor=editor, data={"description": "former acting director"})
    response = editor_client.post(url("registry_merge", pham.pk), {"version": 1, "into": tony.pk, "into_version": 1})
    assert response.status_code == 409
    assert pham.statements.count() == 1


def test_opening_a_merged_record_goes_to_the_kept_one(editor_client, editor, pham, tony):
    from annotations.registry.services import speaker_merge

    speaker_merge(source=pham, target=tony, editor=editor)
    response = editor_client.get(url("registry_speaker", pham.pk))
    assert response.status_code == 302 and response["Location"] == url("registry_speaker", tony.pk)


def test_not_the_same_is_remembered_and_the_pair_is_not_suggested_again(editor_client, pham, tony):
    editor_client.post(url("registry_not_same", pham.pk), {"other": tony.pk, "next": url("registry_duplicates")})
    assert NotSameSpeakers.objects.count() == 1
    assert not soup(editor_client.get(url("registry_duplicates"))).select(".duplicate-pair")


def test_split_moves_ticked_statements_to_a_new_speaker(editor_client, tony):
    first, second = tony.statements.order_by("pk")
    response = editor_client.post(
        url("registry_split", tony.pk),
        {
            "version": tony.version,
            "statements": [second.pk],
            "new_name": "Tony Pham",
            "new_kind": "person",
            "new_description": "restaurant owner in Houston",
        },
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.speaker != tony and second.speaker.description == "restaurant owner in Houston"
    assert Statement.objects.get(pk=first.pk).speaker == tony


def test_split_without_ticked_statements_or_target_is_refused(editor_client, tony):
    response = editor_client.post(url("registry_split", tony.pk), {"version": tony.version, "new_name": "X"})
    assert response.status_code == 422
    assert "Tick the statements" in soup(response).select_one(".notice-error").get_text()
    statement = tony.statements.first()
    response = editor_client.post(
        url("registry_split", tony.pk), {"version": tony.version, "statements": [statement.pk]}
    )
    assert response.status_code == 422
    assert tony.statements.count() == 2


def test_split_refuses_a_statement_of_another_speaker(editor_client, pham, tony):
    response = editor_client.post(
        url("registry_split", tony.pk),
        {"version": tony.version, "statements": [pham.statements.get().pk], "new_name": "X"},
    )
    assert response.status_code == 422


@pytest.mark.parametrize("query", ["a%00b", "Ph%00am", "%00"])
def test_speaker_search_with_a_nul_character_answers(editor_client, pham, tony, query):
    response = editor_client.get(url("registry_speaker_search", pham.pk) + f"?q={query}")
    assert response.status_code == 200


def test_speaker_search_offers_merge_targets_but_not_the_speaker_itself(editor_client, pham, tony):
    response = editor_client.get(url("registry_speaker_search", pham.pk), {"q": "pham", "for": "merge"})
    page = soup(response)
    assert [b.get_text() for b in page.select("button")] == ["Merge into Tony Pham…"]
    choice = page.select_one(".search-choice form")
    assert choice["method"] == "get" and choice["action"] == url("registry_merge_confirm", pham.pk)  # asks first
    split = soup(editor_client.get(url("registry_speaker_search", pham.pk), {"q": "tony", "for": "split"}))
    assert split.select_one("input[type=radio]")["value"] == str(tony.pk)


def test_user_text_is_escaped(editor_client):
    speaker = speaker_create(name="<img src=x onerror=alert(1)>", origin=Speaker.Origin.MODEL)
    for path in (url("registry_triage"), url("registry_speaker", speaker.pk)):
        content = editor_client.get(path).content
        assert b"<img src=x" not in content and b"&lt;img src=x" in content


# --- keys ---


def test_every_key_is_listed_in_the_help_panel(editor_client, pham):
    panel = soup(editor_client.get(url("registry_triage"))).select_one("#keys-help")
    assert [kbd.get_text() for kbd in panel.select("dt kbd")] == [key.key for key in REGISTRY_KEYS]


def test_action_buttons_announce_their_keys(editor_client, pham, tony):
    for page_name in PAGES:
        page = soup(editor_client.get(url(page_name)))
        for element in page.select("button[data-key], a.button[data-key]"):
            assert element.get("aria-keyshortcuts"), element


@pytest.mark.parametrize("page_name", PAGES)
def test_e_on_a_row_of_triage_or_duplicates_opens_the_speakers_edit_form(editor_client, pham, tony, page_name):
    row = soup(editor_client.get(url(page_name))).select_one("[data-row]")
    assert row.select_one("[data-key=e]")["href"] == url("registry_speaker", pham.pk) + "#edit"


# --- Wikidata look-up ---


RECORDED = json.dumps(
    {
        "entities": {
            "Q4911497": {
                "id": "Q4911497",
                "labels": {"en": {"value": "Bill de Blasio"}},
                "descriptions": {"en": {"value": "American politician"}},
            }
        }
    }
).encode()


def test_the_wikidata_client_reads_label_and_description_from_a_recorded_answer():
    asked = []
    client = WikidataClient(transport=lambda address, timeout: asked.append(address) or RECORDED)
    entity = client.entity("Q4911497")
    assert (entity.label, entity.description) == ("Bill de Blasio", "American politician")
    assert asked == ["https://www.wikidata.org/wiki/Special:EntityData/Q4911497.json"]


def test_the_wikidata_client_gives_up_quietly_on_bad_answers_and_ids():
    assert WikidataClient(transport=lambda address, timeout: b"<html>").entity("Q1") is None
    assert WikidataClient(transport=lambda address, timeout: RECORDED).entity("Q0") is None


def test_no_look_up_happens_unless_the_setting_is_on(settings):
    def network(address, timeout):
        raise AssertionError("no network access when the look-up is off")

    settings.CLAIMBOOK_WIKIDATA_LOOKUP = False
    assert wikidata_lookup("Q4911497", client=WikidataClient(transport=network)) is None
    settings.CLAIMBOOK_WIKIDATA_LOOKUP = True
    entity = wikidata_lookup("Q4911497", client=WikidataClient(transport=lambda a, t: RECORDED))
    assert entity.label == "Bill de Blasio"


def test_a_record_with_many_statements_shows_the_newest_and_says_how_many_there_are(editor_client, tony, monkeypatch):
    from annotations.registry import views as registry

    monkeypatch.setattr(registry, "STATEMENTS_SHOWN", 1)
    heading = soup(editor_client.get(url("registry_speaker", tony.pk))).select_one("#statements-heading")
    assert heading.get_text() == "Statements (2; the newest 1 shown)"


def test_the_loser_of_two_concurrent_merges_gets_a_409(editor_client, editor, pham, tony):
    from annotations.registry.services import speaker_merge

    seen = {"version": pham.version, "into": tony.pk, "into_version": tony.version}
    speaker_merge(source=pham, target=tony, editor=editor)  # the other editor's request won the race
    response = editor_client.post(url("registry_merge", pham.pk), seen)
    assert response.status_code == 409
    assert SpeakerEvent.objects.filter(action=SpeakerEvent.Action.MERGE).count() == 1


def test_acting_on_a_merged_record_sends_the_editor_to_the_kept_one(editor_client, editor, pham, tony):
    from annotations.registry.services import speaker_merge

    speaker_merge(source=pham, target=tony, editor=editor)
    response = editor_client.post(url("registry_accept", pham.pk), {"version": 2})
    assert response.status_code == 409  # a conflict, shown on the kept record
    page = soup(response)
    assert page.select_one("#edit input[name=version]")["value"] == str(Speaker.objects.get(pk=tony.pk).version)
    assert "merged into another speaker meanwhile" in page.select_one(".notice-error").get_text()
    assert Speaker.objects.get(pk=pham.pk).status == Speaker.Status.UNCHECKED
