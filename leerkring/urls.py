from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("bouwstenen/", include("buildingblocks.urls")),
    path("bijeenkomsten/", include("sessions.urls")),
    path("rapporten/", include("reports.urls")),
    path("", include("circles.urls")),
]
