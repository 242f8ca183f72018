from django.urls import path

from anju.core.routers import Router
from anju.sla.api import views

router = Router()
router.register("sla/policies", views.PolicyViewSet, basename="sla-policy")
router.register("sla/calendar", views.CalendarDayViewSet, basename="sla-calendar-day")

urlpatterns = [
    path("sla/clocks/", views.ClockListView.as_view(), name="sla-clocks"),
    path("sla/board/", views.BoardView.as_view(), name="sla-board"),
    path("sla/calendar-years/", views.CalendarYearListView.as_view(), name="sla-calendar-years"),
    path("sla/calendar-years/<int:year>/", views.CalendarYearView.as_view(), name="sla-calendar-year"),
    path("sla/calendar-years/<int:year>/days/", views.CalendarYearDaysView.as_view(), name="sla-calendar-year-days"),
    path("sla/working-hours/", views.WorkingHoursView.as_view(), name="sla-working-hours"),
    *router.urls,
]
