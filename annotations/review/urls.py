"""The review workspace: editors only; one POST endpoint per action."""

from django.urls import path

from . import views

_statement = "review/articles/<int:pk>/statements/<int:statement_pk>/"
urlpatterns = [
    path("review/", views.review_queue, name="review_queue"),
    path("review/accuracy/", views.accuracy, name="review_accuracy"),
    path("review/articles/<int:pk>/", views.article_review, name="review_article"),
    path("review/articles/<int:pk>/lock/", views.review_lock, name="review_lock"),
    path("review/articles/<int:pk>/take-over/", views.article_take_over, name="review_take_over"),
    path("review/articles/<int:pk>/release/", views.article_release, name="review_release"),
    path("review/articles/<int:pk>/add/", views.statement_add, name="review_add"),
    path("review/articles/<int:pk>/confirm-above/", views.article_confirm_above, name="review_confirm_above"),
    path("review/articles/<int:pk>/undo/", views.article_undo, name="review_undo"),
    path("review/articles/<int:pk>/reviewed/", views.article_mark_reviewed, name="review_mark_reviewed"),
    path(_statement, views.article_review, name="review_statement"),
    path(f"{_statement}speakers/", views.speaker_search, name="review_speaker_search"),
    path(f"{_statement}confirm/", views.statement_confirm, name="review_confirm"),
    path(f"{_statement}reject/", views.statement_reject, name="review_reject"),
    path(f"{_statement}speaker/", views.statement_speaker, name="review_speaker"),
    path(f"{_statement}speaker/new/", views.statement_speaker_create, name="review_speaker_create"),
    path(f"{_statement}edit/", views.statement_edit, name="review_edit"),
    path(f"{_statement}boundaries/", views.statement_boundaries, name="review_boundaries"),
    path(f"{_statement}split/", views.statement_split, name="review_split"),
    path(f"{_statement}merge/", views.statement_merge, name="review_merge"),
    path(f"{_statement}revert/", views.statement_revert, name="review_revert"),
]
