from django.urls import path

from . import views

app_name = "entities"
urlpatterns = [
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person"),
    path("countries/<str:code>/", views.CountryDetailView.as_view(), name="country"),
    path("organizations/<slug:slug>/", views.OrganizationDetailView.as_view(), name="organization"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event"),
    path("summits/<slug:slug>/", views.EventDetailView.as_view(), name="summit"),
]
