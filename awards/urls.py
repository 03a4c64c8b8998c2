from django.urls import path

from . import views

urlpatterns = [
    path("verify/<str:code>/", views.verify, name="verify"),
]
