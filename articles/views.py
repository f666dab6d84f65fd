from django.db.models import Count, Prefetch
from django.views.generic import DetailView, ListView

from .models import Article, Mention, Quote


class ArticleListView(ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 50

    def get_queryset(self):
        return Article.objects.annotate(quote_count=Count("quotes")).defer("body")


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.prefetch_related(
            Prefetch("quotes", queryset=Quote.objects.select_related("speaker", "event")),
            Prefetch(
                "mentions",
                queryset=Mention.objects.select_related("person", "country", "organization", "event"),
            ),
        )


class QuoteDetailView(DetailView):
    template_name = "articles/quote_detail.html"
    context_object_name = "quote"

    def get_queryset(self):
        return Quote.objects.with_context()
