"""URLs of the error report form: /zhaocuo/ (the pinyin of 找错, as government sites name it) and its thanks page."""

from django.urls import path

from . import views

app_name = "errorreports"
urlpatterns = [
    path("", views.report, name="report"),
    path("thanks/", views.thanks, name="thanks"),
]
