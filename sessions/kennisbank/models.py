from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from sessions.models import Outcome


class OutcomeSearch(models.Model):
    """What the kennisbank searches in one verslag: its centrale vraag, deelvragen, the subgroups'
    answers, free sections and actions (never names: no owners, no introduction), kept current by
    `outcome_index` whenever the verslag is saved, established or reopened.

    `text` is the plain text (SQLite matches in it; PostgreSQL cuts snippets from it); `vector` is
    its Dutch tsvector, filled on PostgreSQL only, with a GIN index made by migration 0011 (a
    PostgreSQL-only index cannot stand in Meta while SQLite is the embedded default).
    """

    outcome = models.OneToOneField(Outcome, on_delete=models.CASCADE, primary_key=True, related_name="search")
    text = models.TextField(blank=True)
    vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.outcome}"
