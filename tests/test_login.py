"""Log-in throttling on both log-in pages, and password reset only where mail can be sent."""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_many_wrong_passwords_lock_the_account_for_that_address_even_with_the_right_one(django_user_model, url):
    django_user_model.objects.create_user("ada", password="right-horse-battery", is_staff=True)
    client = Client()
    for _ in range(4):
        assert client.post(url, {"username": "ada", "password": "wrong"}).status_code == 200
    assert client.post(url, {"username": "ada", "password": "wrong"}).status_code == 429  # the fifth
    response = client.post(url, {"username": "ada", "password": "right-horse-battery"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_few_wrong_passwords_then_the_right_one_logs_in(django_user_model):
    django_user_model.objects.create_user("ada", password="right-horse-battery")
    client = Client()
    for _ in range(3):
        client.post("/accounts/login/", {"username": "ada", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "ada", "password": "right-horse-battery"})
    assert response.status_code == 302 and client.session["_auth_user_id"]


def test_password_reset_is_not_offered_without_mail(client):
    assert client.get("/accounts/password_reset/").status_code == 404
    with pytest.raises(NoReverseMatch):
        reverse("password_reset")
    assert "password_reset" not in client.get("/accounts/login/").content.decode()
