from django.urls import path

from .reader import api, export, feeds
from .reader import views as public
from .registry import views as registry
from .review import views as review

app_name = "annotations"

urlpatterns = [
    path("", public.home, name="home"),
    path("statements/<int:pk>/", public.statement_detail, name="statement_detail"),
    path("speakers/<slug:slug>/", public.speaker_detail, name="speaker_detail"),
    path("articles/<int:pk>/", public.article_detail, name="article_detail"),
]

# --- Reader site (issue 5): lists, feeds, exports, open-data API ---
urlpatterns += [
    path("statements/", public.statement_list, name="statement_list"),
    path("statements/feed/", feeds.LatestStatementsFeed(), name="statement_feed"),
    path("statements/export.csv", export.export_csv, name="export_csv"),
    path("statements/export.jsonl", export.export_jsonl, name="export_jsonl"),
    path("speakers/", public.speaker_list, name="speaker_list"),
    path("speakers/<slug:slug>/feed/", feeds.SpeakerStatementsFeed(), name="speaker_feed"),
    path("articles/<int:pk>/annotations.jsonld", api.article_annotations, name="article_annotations"),
    path("api/", api.api_root, name="api_root"),
    path("api/statements/", api.statement_list, name="api_statement_list"),
    path("api/statements/<int:pk>/", api.statement_detail, name="api_statement_detail"),
    path("api/speakers/", api.speaker_list, name="api_speaker_list"),
    path("api/speakers/<slug:slug>/", api.speaker_detail, name="api_speaker_detail"),
    path("api/articles/", api.article_list, name="api_article_list"),
    path("api/articles/<int:pk>/", api.article_detail, name="api_article_detail"),
]

# --- Editor review workspace (views/review.py): editors only; one POST endpoint per action ---
_statement = "review/articles/<int:pk>/statements/<int:statement_pk>/"
urlpatterns += [
    path("review/", review.review_queue, name="review_queue"),
    path("review/articles/<int:pk>/", review.article_review, name="review_article"),
    path("review/articles/<int:pk>/lock/", review.review_lock, name="review_lock"),
    path("review/articles/<int:pk>/take-over/", review.article_take_over, name="review_take_over"),
    path("review/articles/<int:pk>/release/", review.article_release, name="review_release"),
    path("review/articles/<int:pk>/add/", review.statement_add, name="review_add"),
    path("review/articles/<int:pk>/confirm-above/", review.article_confirm_above, name="review_confirm_above"),
    path("review/articles/<int:pk>/undo/", review.article_undo, name="review_undo"),
    path("review/articles/<int:pk>/reviewed/", review.article_mark_reviewed, name="review_mark_reviewed"),
    path(_statement, review.article_review, name="review_statement"),
    path(f"{_statement}speakers/", review.speaker_search, name="review_speaker_search"),
    path(f"{_statement}confirm/", review.statement_confirm, name="review_confirm"),
    path(f"{_statement}reject/", review.statement_reject, name="review_reject"),
    path(f"{_statement}speaker/", review.statement_speaker, name="review_speaker"),
    path(f"{_statement}speaker/new/", review.statement_speaker_create, name="review_speaker_create"),
    path(f"{_statement}edit/", review.statement_edit, name="review_edit"),
    path(f"{_statement}boundaries/", review.statement_boundaries, name="review_boundaries"),
    path(f"{_statement}split/", review.statement_split, name="review_split"),
    path(f"{_statement}merge/", review.statement_merge, name="review_merge"),
    path(f"{_statement}revert/", review.statement_revert, name="review_revert"),
]

# --- Speaker registry for editors (views/registry.py): same permissions as review ---
_speaker = "review/speakers/<int:pk>/"
urlpatterns += [
    path("review/speakers/", registry.registry_triage, name="registry_triage"),
    path("review/speakers/duplicates/", registry.registry_duplicates, name="registry_duplicates"),
    path("review/speakers/merges/<int:event_pk>/undo/", registry.registry_merge_undo, name="registry_merge_undo"),
    path(_speaker, registry.registry_speaker, name="registry_speaker"),
    path(f"{_speaker}search/", registry.registry_speaker_search, name="registry_speaker_search"),
    path(f"{_speaker}accept/", registry.registry_accept, name="registry_accept"),
    path(f"{_speaker}edit/", registry.registry_edit, name="registry_edit"),
    path(f"{_speaker}not-a-speaker/", registry.registry_not_a_speaker, name="registry_not_a_speaker"),
    path(f"{_speaker}aliases/", registry.registry_alias_add, name="registry_alias_add"),
    path(f"{_speaker}aliases/<int:alias_pk>/remove/", registry.registry_alias_remove, name="registry_alias_remove"),
    path(f"{_speaker}merge/", registry.registry_merge, name="registry_merge"),
    path(f"{_speaker}merge/confirm/", registry.registry_merge_confirm, name="registry_merge_confirm"),
    path(f"{_speaker}not-same/", registry.registry_not_same, name="registry_not_same"),
    path(f"{_speaker}split/", registry.registry_split, name="registry_split"),
]
