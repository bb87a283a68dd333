"""The evaluation on the circle page: results for everyone who sees the circle, the names of who
has not answered yet and the questionnaire link for project leaders only. Registered in apps.py."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User

from circles.access import may_change_circles
from circles.models import Circle
from leerkring.core.panels import Panel
from sessions.evaluation.charts import ratings_chart_svg
from sessions.evaluation.selectors import evaluation_results


def circle_evaluation_panel(user: User | AnonymousUser, circle: Circle) -> Panel | None:
    if circle.is_concept:
        return None
    leads = may_change_circles(user)
    results = evaluation_results(circle, with_names=leads)
    shown = results.evaluation_results
    chart = ratings_chart_svg(shown.statements) if shown.shown and shown.statements else ""
    context = {"results": results, "chart": chart, "may_change": leads, "circle": circle}
    return Panel("sessions/_evaluation_circle.html", context, slot="main", order=30)
