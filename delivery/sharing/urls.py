"""Share image URLs."""

from django.urls import path

from delivery.sharing import views

urlpatterns = [
    path("card/<int:page_id>.png", views.share_card, name="share_card"),
]
