"""Production static files: collectstatic with the manifest storage (DEBUG off) accepts every file, the
vendored Swagger UI included (its style sheet names a source map, which must be there)."""

from django.core.management import call_command


def test_collectstatic_with_the_manifest_storage_succeeds(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("vendor/swagger-ui/swagger-ui-bundle.*.js"))
