from django.apps import AppConfig


class LeerkringConfig(AppConfig):
    """The composition root: root URLconf and `seed_demo`, which may use every app. No models."""

    name = "leerkring"
    verbose_name = "Leerkring"
