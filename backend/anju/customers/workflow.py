"""The viewing-appointment (预约看房) state machine on the core workflow engine: a scheduled viewing ends as
completed, cancelled or a no-show. A second close finds the new state (409), so no version is needed."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from anju.core.workflow import Tone, Transition, Workflow
from anju.customers.choices import AppointmentStatus
from anju.customers.errors import ErrorCode
from anju.customers.models import Appointment

_CLOSE = "customers.cancel_appointment"
_SCHEDULED = frozenset({AppointmentStatus.SCHEDULED})


class AppointmentAction(StrEnum):
    COMPLETE = "complete"
    CANCEL = "cancel"
    NO_SHOW = "no_show"


A = AppointmentAction

WORKFLOW: Workflow[Appointment] = Workflow(
    name="appointment",
    model=Appointment,
    states=AppointmentStatus,
    actions=AppointmentAction,
    transitions={
        A.COMPLETE: Transition(
            _SCHEDULED, AppointmentStatus.COMPLETED, _CLOSE, _("Viewed"), tone=Tone.SUCCESS, event="appointment.completed"
        ),
        A.CANCEL: Transition(
            _SCHEDULED,
            AppointmentStatus.CANCELLED,
            _CLOSE,
            _("Cancel the appointment"),
            confirm=True,
            tone=Tone.DANGER,
            event="appointment.cancelled",
        ),
        A.NO_SHOW: Transition(
            _SCHEDULED,
            AppointmentStatus.NO_SHOW,
            _CLOSE,
            _("No-show"),
            confirm=True,
            tone=Tone.WARNING,
            event="appointment.marked_no_show",
        ),
    },
    initial=AppointmentStatus.SCHEDULED,
    also_on=lambda appointment, action: (appointment.customer,),
    not_allowed_code=ErrorCode.APPOINTMENT_TRANSITION_NOT_ALLOWED,
    not_allowed_message=_("This appointment can no longer be changed that way."),
    description="预约看房 Viewing appointment",
)
