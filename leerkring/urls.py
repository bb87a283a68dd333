from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from leerkring.core import oidc
from reports.views import public_summary_pdf
from sessions.kennisbank import urls as kennisbank

# The PDF of an openbaar verslag sits beside its public page; reports makes it (sessions cannot
# import reports, so it joins the kennisbank's URLs here).
kennisbank_urls = [
    *kennisbank.urlpatterns,
    path("openbaar/<uuid:code>/verslag.pdf", public_summary_pdf, name="public_pdf"),
]

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", oidc.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/oidc/", include(oidc)),
    path("admin/", admin.site.urls),
    path("avg/", include("leerkring.core.urls")),
    path("bouwstenen/", include("buildingblocks.urls")),
    path("bijeenkomsten/", include("sessions.urls")),
    path("kennisbank/", include((kennisbank_urls, "kennisbank"))),
    path("rapporten/", include("reports.urls")),
    path("controle/", include("reports.urls_public")),
    path("", include("circles.urls")),
]
