"""Editors' pages on groups of reports (same permission as review)."""

from django.urls import path

from . import views

urlpatterns = [
    path("review/groups/", views.group_conflicts, name="group_conflicts"),
    path("review/groups/<int:pk>/", views.group_conflict, name="group_conflict"),
    path("review/groups/<int:pk>/same/", views.group_same, name="group_same"),
    path("review/groups/<int:pk>/split/", views.group_split, name="group_split"),
    path("review/groups/<int:pk>/misattribution/", views.group_misattribution, name="group_misattribution"),
    path("review/groups/decisions/<int:decision_pk>/undo/", views.group_decision_undo, name="group_decision_undo"),
    path("review/groups/candidates/<int:candidate_pk>/", views.group_candidate_decide, name="group_candidate_decide"),
]
