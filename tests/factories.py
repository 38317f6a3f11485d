"""Test data. Every text here is invented; tests never depend on fixtures/ (that is demo data)."""

import factory
from django.contrib.auth import get_user_model

from annotations.models import Article, Outlet, Speaker, SpeakerAlias, Statement


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet

    name = factory.Sequence(lambda n: f"Sample Gazette {n}")
    slug = factory.Sequence(lambda n: f"sample-gazette-{n}")
    domain = factory.Sequence(lambda n: f"gazette{n}.example")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Faker("sentence", nb_words=7)
    body = factory.Sequence(
        lambda n: (
            f"Sample story {n}. “We will open the bridge in May,” said Mayor Ada Brook of Fairview.\n\n"
            "Council member Tomas Reyes said the budget does not allow it."
        )
    )
    outlet = factory.SubFactory(OutletFactory)
    url = factory.Sequence(lambda n: f"https://news.example/story-{n}")
    published_at = factory.Faker("date_time_this_decade", tzinfo=__import__("datetime").UTC)


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Ada Brook {n}")
    slug = factory.Sequence(lambda n: f"ada-brook-{n}")
    kind = Speaker.Kind.PERSON


class SpeakerAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeakerAlias

    speaker = factory.SubFactory(SpeakerFactory)
    name = factory.Sequence(lambda n: f"Brook {n}")


class StatementFactory(factory.django.DjangoModelFactory):
    """A statement over the quote in ArticleFactory's body: “We will open the bridge in May,”."""

    class Meta:
        model = Statement

    article = factory.SubFactory(ArticleFactory)
    speaker = factory.SubFactory(SpeakerFactory)
    kind = Statement.Kind.DIRECT
    cue_text = "said"

    @factory.lazy_attribute
    def start(self):
        return self.article.body.index("“") + 1

    @factory.lazy_attribute
    def end(self):
        return self.article.body.index("”")

    @factory.lazy_attribute
    def text(self):
        return self.article.body[self.start : self.end]


class PublicStatementFactory(StatementFactory):
    """A confirmed statement, indexed for readers as the review workspace leaves it (statement_search_refresh)."""

    class Meta:
        skip_postgeneration_save = True

    status = Statement.Status.CONFIRMED

    @factory.post_generation
    def index_for_readers(obj, create, extracted, **kwargs):
        if create:
            from annotations.reader.index import statement_search_refresh

            statement_search_refresh(statement_ids=[obj.pk])
            obj.refresh_from_db()
