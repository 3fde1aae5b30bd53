"""Public URLs of the online services (/services/…); the business systems' API is api_urls.py."""

from django.urls import path

from . import public, views

app_name = "applications"
urlpatterns = [
    path("apply/<int:guide_id>/", views.apply, name="apply"),
    path("thanks/<str:code>/", views.thanks, name="thanks"),
    path("drafts/<int:pk>/saved/", views.draft_saved, name="draft_saved"),
    path("drafts/<str:key>/", views.resume_draft, name="resume_draft"),
    path("my/", views.my_cases, name="my_cases"),
    path("cases/<int:pk>/", views.case, name="case"),
    path("cases/<int:pk>/result/", views.result, name="result"),
    path("track/", views.lookup, name="lookup"),
    path("results/", public.results, name="results"),
    path("statistics/", public.statistics, name="statistics"),
]
