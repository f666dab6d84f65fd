from django.contrib import admin
from django.urls import include, path

from articles.review import review_queue

urlpatterns = [
    path("admin/review/", admin.site.admin_view(review_queue), name="review-queue"),
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
    path("", include("entities.urls")),
]
