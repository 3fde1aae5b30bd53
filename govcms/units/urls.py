"""URLs of the units' sign-in: /units/login/ and /units/logout/ (POST)."""

from django.urls import path

from . import views

app_name = "units"
urlpatterns = [
    path("login/", views.UnitLoginView.as_view(), name="login"),
    path("logout/", views.UnitLogoutView.as_view(), name="logout"),
]
