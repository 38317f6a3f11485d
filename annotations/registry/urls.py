"""The speaker registry for editors (same permission as review)."""

from django.urls import path

from . import views

_speaker = "review/speakers/<int:pk>/"
urlpatterns = [
    path("review/speakers/", views.registry_triage, name="registry_triage"),
    path("review/speakers/duplicates/", views.registry_duplicates, name="registry_duplicates"),
    path("review/speakers/merges/<int:event_pk>/undo/", views.registry_merge_undo, name="registry_merge_undo"),
    path(_speaker, views.registry_speaker, name="registry_speaker"),
    path(f"{_speaker}search/", views.registry_speaker_search, name="registry_speaker_search"),
    path(f"{_speaker}accept/", views.registry_accept, name="registry_accept"),
    path(f"{_speaker}edit/", views.registry_edit, name="registry_edit"),
    path(f"{_speaker}not-a-speaker/", views.registry_not_a_speaker, name="registry_not_a_speaker"),
    path(f"{_speaker}aliases/", views.registry_alias_add, name="registry_alias_add"),
    path(f"{_speaker}aliases/<int:alias_pk>/remove/", views.registry_alias_remove, name="registry_alias_remove"),
    path(f"{_speaker}merge/", views.registry_merge, name="registry_merge"),
    path(f"{_speaker}merge/confirm/", views.registry_merge_confirm, name="registry_merge_confirm"),
    path(f"{_speaker}not-same/", views.registry_not_same, name="registry_not_same"),
    path(f"{_speaker}split/", views.registry_split, name="registry_split"),
]
