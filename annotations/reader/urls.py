"""The reader site and open data: pages, lists, feeds, exports and the read-only API (anyone may read)."""

from django.urls import path
from django.views.decorators.http import require_safe

from ..common.replicas import replica_reads
from . import api, export, feeds, views

# Feeds are read-only like every reader page: GET and HEAD, nothing else (syndication's Feed takes any method).
latest_feed = require_safe(feeds.LatestStatementsFeed())
speaker_feed = require_safe(feeds.SpeakerStatementsFeed())

reader_urlpatterns = [
    path("", views.home, name="home"),
    path("statements/<int:pk>/", views.statement_detail, name="statement_detail"),
    path("statements/groups/<int:pk>/", views.statement_group, name="statement_group"),
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker_detail"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("statements/", views.statement_list, name="statement_list"),
    path("statements/speakers/", views.statement_speaker_suggestions, name="statement_speaker_suggestions"),
    path("statements/feed/", latest_feed, name="statement_feed"),
    path("statements/export.csv", export.export_csv, name="export_csv"),
    path("statements/export.jsonl", export.export_jsonl, name="export_jsonl"),
    path("speakers/", views.speaker_list, name="speaker_list"),
    path("speakers/<slug:slug>/feed/", speaker_feed, name="speaker_feed"),
    path("articles/<int:pk>/annotations.jsonld", api.article_annotations, name="article_annotations"),
    path("api/", api.api_root, name="api_root"),
    path("api/openapi.json", api.openapi_json, name="api_openapi"),
    path("api/docs/", api.api_docs, name="api_docs"),
    path("api/statements/", api.statement_list, name="api_statement_list"),
    path("api/statements/<int:pk>/", api.statement_detail, name="api_statement_detail"),
    path("api/speakers/", api.speaker_list, name="api_speaker_list"),
    path("api/speakers/<slug:slug>/", api.speaker_detail, name="api_speaker_detail"),
    path("api/articles/", api.article_list, name="api_article_list"),
    path("api/articles/<int:pk>/", api.article_detail, name="api_article_detail"),
]

# Everything here only reads: from a read replica when there is one (annotations/common/replicas.py).
urlpatterns = [path(str(p.pattern), replica_reads(p.callback), name=p.name) for p in reader_urlpatterns]

# A background export is written on the primary and read back at once (its page, its progress, its file): a
# lagging replica would not have it yet.
urlpatterns += [
    path("statements/exports/", export.export_request, name="export_request"),
    path("statements/exports/<uuid:pk>/", export.export_status, name="export_status"),
    path("statements/exports/<uuid:pk>/download", export.export_download, name="export_download"),
]
