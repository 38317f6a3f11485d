"""Schemathesis against the API's own description: generated calls to every operation, a fixed seed and a
bounded number of examples per operation. No server error, and every response matches the description."""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from annotations.reader.openapi import openapi_document
from claimbook.wsgi import application

from ..factories import OutletFactory, SpeakerAliasFactory, SpeakerFactory
from .data import story

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "40"))  # per operation

# Every check Schemathesis has, but one: that any call the description allows is answered 2xx. A description
# cannot say "a speaker slug that exists" or "a cursor this API gave", so those are answered 400, as documented.
NOT_EXPRESSIBLE = [positive_data_acceptance]

SCHEMA = schemathesis.openapi.from_dict(openapi_document(server_url="http://testserver"))
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
# Negative calls need something to get wrong: a parameter.
CASES = [
    pytest.param(operation, mode, id=f"{operation.label} {mode.value}")
    for operation in OPERATIONS
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if mode == GenerationMode.POSITIVE or operation.path_parameters or operation.query
]


@pytest.fixture
def api_data(db):
    s = story(url="https://news.example/bridge", outlet=OutletFactory(name="Gazette", slug="gazette"))
    SpeakerAliasFactory(speaker=s.speaker, name="A. Brook")
    story(speaker=SpeakerFactory(name="Bea Ortiz", slug="bea-ortiz", wikidata_id="Q42"), published_at=None)
    # Schemathesis calls the WSGI application itself: keep the test's database connection (and its transaction)
    # open across requests, as Django's test client does.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize(("operation", "mode"), CASES)
def test_the_api_answers_every_generated_call_as_described(api_data, operation, mode):
    """Positive: calls the description allows; negative: calls it does not (which must get a 4xx)."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None)
    def call(case):
        case.call_and_validate(app=application, excluded_checks=NOT_EXPRESSIBLE)

    call()
