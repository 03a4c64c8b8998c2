from django.urls import path

from . import views

urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("verify/<str:code>/signed.pdf", views.signed_decision, name="verify_signed_decision"),
]
