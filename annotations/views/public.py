"""Pages for readers: only confirmed, attributed statements are ever shown here."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from ..models import Article, Speaker, Statement


@require_GET
def home(request):
    latest = (
        Statement.objects.public()
        .select_related("speaker", "article__outlet")
        .order_by("-article__published_at", "-id")[:20]
    )
    return render(request, "annotations/home.html", {"statements": latest})


@require_GET
def statement_detail(request, pk: int):
    statement = get_object_or_404(Statement.objects.public().select_related("speaker", "article__outlet"), pk=pk)
    return render(request, "annotations/statement_detail.html", {"statement": statement})


@require_GET
def speaker_detail(request, slug: str):
    speaker = get_object_or_404(Speaker, slug=slug)
    statements = speaker.statements.public().select_related("article__outlet").order_by("-article__published_at", "-id")
    return render(request, "annotations/speaker_detail.html", {"speaker": speaker, "statements": statements})


@require_GET
def article_detail(request, pk: int):
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=pk)
    statements = article.statements.public().select_related("speaker")
    return render(request, "annotations/article_detail.html", {"article": article, "statements": statements})
