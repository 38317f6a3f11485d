from django.urls import path

from .views import public

app_name = "annotations"

urlpatterns = [
    path("", public.home, name="home"),
    path("statements/<int:pk>/", public.statement_detail, name="statement_detail"),
    path("speakers/<slug:slug>/", public.speaker_detail, name="speaker_detail"),
    path("articles/<int:pk>/", public.article_detail, name="article_detail"),
]
