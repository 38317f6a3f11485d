from django.urls import path

from .views import api, export, feeds, public

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
