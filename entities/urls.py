from django.urls import path
from django.views.generic import RedirectView

from articles.feeds import PersonQuotesFeed, TimelineFeed

from . import views

app_name = "entities"
urlpatterns = [
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("timeline/feed/", TimelineFeed(), name="timeline-feed"),
    path("summits/", views.SummitListView.as_view(), name="summit-list"),
    path("summits/<slug:slug>/", views.SummitDetailView.as_view(), name="summit"),
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person"),
    path("people/<slug:slug>/feed/", PersonQuotesFeed(), name="person-feed"),
    path("countries/", views.CountryListView.as_view(), name="country-list"),
    path("countries/<str:code>/", views.CountryDetailView.as_view(), name="country"),
    path("organizations/", views.OrganizationListView.as_view(), name="organization-list"),
    path("organizations/<slug:slug>/", views.OrganizationDetailView.as_view(), name="organization"),
    path("events/", RedirectView.as_view(pattern_name="entities:timeline"), name="event-list"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event"),
]
