"""The dashboard: claims by status and by outlet, and verdicts per day as a bar chart."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from claims import roles
from claims.models import ClaimStatus
from claims.selectors import agreement_figures, dashboard_figures
from claims.views.common import role_required

CHART_DAYS = 30


@require_GET
@role_required(roles.can_view)
def dashboard(request: HttpRequest) -> HttpResponse:
    figures = dashboard_figures(days=CHART_DAYS)
    agreement = agreement_figures()
    statuses = [
        {"value": v, "label": label, "count": figures.by_status.get(v, 0)}
        for v, label in ClaimStatus.choices
    ]
    return render(
        request,
        "claims/dashboard.html",
        {
            "statuses": statuses,
            "total": sum(figures.by_status.values()),
            "by_outlet": figures.by_outlet,
            "chart": bar_chart(figures.verdicts_per_day),
            "agreement": agreement.agreement,
            "contested": [
                {"month": month, "contested": c, "rated": n, "rate": c / n if n else None}
                for month, c, n in agreement.contested[-12:]
            ],
        },
    )


def bar_chart(
    points: list[tuple[date, int]], *, width: int = 900, height: int = 200
) -> dict[str, Any]:
    """Bars for a small SVG chart, computed here so the page needs no JavaScript."""
    top = max([n for _, n in points] + [1])
    gap, left, bottom = 2, 30, 20
    bar = (width - left) / max(len(points), 1)
    bars = []
    for i, (day, n) in enumerate(points):
        h = (height - bottom - 20) * n / top
        bars.append(
            {
                "x": round(left + i * bar + gap / 2, 1),
                "y": round(height - bottom - h, 1),
                "w": round(bar - gap, 1),
                "h": round(h, 1),
                "day": day,
                "n": n,
                "label": i % 5 == 0,
                "tx": round(left + i * bar + bar / 2, 1),
            }
        )
    return {
        "width": width,
        "height": height,
        "bars": bars,
        "top": top,
        "base": height - bottom,
        "left": left,
        "total": sum(n for _, n in points),
    }
