from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from leerkring.core import oidc

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", oidc.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/oidc/", include(oidc)),
    path("admin/", admin.site.urls),
    path("avg/", include("leerkring.core.urls")),
    path("bouwstenen/", include("buildingblocks.urls")),
    path("bijeenkomsten/", include("sessions.urls")),
    path("kennisbank/", include("sessions.kennisbank.urls")),
    path("rapporten/", include("reports.urls")),
    path("controle/", include("reports.urls_public")),
    path("", include("circles.urls")),
]
