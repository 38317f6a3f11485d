"""Every URL of the app, under the "annotations" namespace: each part of the product lists its own."""

from django.urls import include, path

from . import health

app_name = "annotations"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("", include("annotations.reader.urls")),
    path("", include("annotations.review.urls")),
    path("", include("annotations.registry.urls")),
    path("", include("annotations.groups.urls")),
]
