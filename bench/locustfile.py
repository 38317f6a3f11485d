"""Load on the reader site and the API: what many readers at once get, with Locust (headless).

Run by `bench/load_test.py`, which starts gunicorn and runs one scenario at a time; or by hand against a
running site:

    .venv/bin/locust -f bench/locustfile.py --headless -u 20 -r 20 -t 60s --host http://127.0.0.1:8100 \
        --tags pages

Scenarios (tags): `pages` (reader pages: home, statements list, statement, speaker and article pages, the
cached ones), `search` (a word or two typed into the statements search), `api` (API lists and details),
`health` (/healthz). Each simulated reader waits for nothing between requests, so the figures are the
site's capacity, not a model of human readers. The ids, slugs and words asked for are taken from the API at
the start (the first 500 statements by id, spread over their speakers and articles).
"""

import random

import requests
from locust import HttpUser, constant, events, tag, task

SEARCH_WORDS = ["ability", "policy", "together", "message", "economy", "health", "manage", "ground", "history"]
SEARCH_WORDS += ["tax", "school", "police", "water", "budget", "bridge", "council vote", "will not", "said the"]

SAMPLE: dict[str, list] = {"statements": [], "speakers": [], "articles": []}


@events.test_start.add_listener
def take_a_sample(environment, **kwargs):
    """Real ids and slugs to ask for, from the API (sort=id walks by key: cheap at any size)."""
    host = environment.host.rstrip("/")
    url = f"{host}/api/statements/?sort=id&limit=100"
    for _ in range(5):
        page = requests.get(url, timeout=60).json()
        for statement in page["results"]:
            SAMPLE["statements"].append(statement["id"])
            SAMPLE["speakers"].append(statement["speaker"]["slug"])
            SAMPLE["articles"].append(statement["article"]["id"])
        url = page["next"]
        if not url:
            break
    for key in SAMPLE:
        SAMPLE[key] = sorted(set(SAMPLE[key]))
    if not SAMPLE["statements"]:
        raise RuntimeError("The site has no visible statements: fill it with manage.py bench_generate first.")


class Reader(HttpUser):
    wait_time = constant(0)

    @tag("pages")
    @task(2)
    def home(self):
        self.client.get("/", name="page: home")

    @tag("pages")
    @task(2)
    def statement_list(self):
        self.client.get("/statements/", name="page: statements")

    @tag("pages")
    @task(4)
    def statement(self):
        self.client.get(f"/statements/{random.choice(SAMPLE['statements'])}/", name="page: statement")

    @tag("pages")
    @task(3)
    def speaker(self):
        self.client.get(f"/speakers/{random.choice(SAMPLE['speakers'])}/", name="page: speaker")

    @tag("pages")
    @task(2)
    def article(self):
        self.client.get(f"/articles/{random.choice(SAMPLE['articles'])}/", name="page: article")

    @tag("search")
    @task(5)
    def search(self):
        self.client.get("/statements/", params={"q": random.choice(SEARCH_WORDS)}, name="search: statements")

    @tag("api")
    @task(2)
    def api_search(self):
        self.client.get("/api/statements/", params={"q": random.choice(SEARCH_WORDS)}, name="api: search")

    @tag("api")
    @task(2)
    def api_list_by_id(self):
        after = random.choice(SAMPLE["statements"])
        self.client.get(
            "/api/statements/", params={"speaker": random.choice(SAMPLE["speakers"])}, name="api: speaker's statements"
        )
        self.client.get(f"/api/statements/{after}/", name="api: statement")

    @tag("api")
    @task(1)
    def api_article(self):
        self.client.get(f"/api/articles/{random.choice(SAMPLE['articles'])}/", name="api: article")

    @tag("health")
    @task(1)
    def health(self):
        self.client.get("/healthz", name="healthz")
