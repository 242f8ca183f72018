"""Every stored event type to the one grammar ``<noun>.<past-tense verb>`` (issue 11 §3), and back.

The table is frozen here (a migration must not read the application's enums, which move on). ``followed_up`` was two
events: a customer follow-up (target ``customers.followup``) becomes ``follow_up.recorded``, a work order's follow-up
``work_order.followed_up``. One ``UPDATE … CASE`` per direction: the events table is read once.
"""

from typing import Any

from django.db import migrations
from django.db.models import Case, F, Q, Value, When

# old → new, every event type except ``followed_up`` (split by its target below).
RENAMED = {
    "certificate_case.submit_documents": "certificate_case.documents_submitted",
    "certificate_case.record_deed_tax": "certificate_case.deed_tax_recorded",
    "certificate_case.apply_transfer": "certificate_case.transfer_applied",
    "certificate_case.complete_transfer": "certificate_case.transfer_completed",
    "certificate_case.register_mortgage": "certificate_case.mortgage_registered",
    "certificate_case.send_to_bank": "certificate_case.sent_to_bank",
    "certificate_case.hand_over": "certificate_case.handed_over",
    "complaint.apologise": "complaint.apologised",
    "complaint.investigate": "complaint.investigated",
    "complaint.reply": "complaint.replied",
    "complaint.confirm": "complaint.confirmed",
    "complaint.close": "complaint.closed",
    "complaint.escalate": "complaint.escalated",
    "complaint.reopen": "complaint.reopened",
    "appointment_completed": "appointment.completed",
    "appointment_cancelled": "appointment.cancelled",
    "appointment_no_show": "appointment.marked_no_show",
    "handover_batch.approve_list": "handover_batch.list_approved",
    "handover_batch.reopen_list": "handover_batch.list_reopened",
    "handover_batch.start_notices": "handover_batch.notices_started",
    "handover_batch.start_handover": "handover_batch.handover_started",
    "handover_batch.complete": "handover_batch.completed",
    "handover_inspection.accept": "handover_inspection.accepted",
    "handover_inspection.defer": "handover_inspection.deferred",
    "mortgage_case.request_supplement": "mortgage_case.supplement_requested",
    "mortgage_case.complete_documents": "mortgage_case.documents_completed",
    "mortgage_case.submit": "mortgage_case.submitted",
    "mortgage_case.interview": "mortgage_case.interviewed",
    "mortgage_case.start_approval": "mortgage_case.approval_started",
    "mortgage_case.approve": "mortgage_case.approved",
    "mortgage_case.reject": "mortgage_case.rejected",
    "mortgage_case.sign_loan_contract": "mortgage_case.loan_contract_signed",
    "mortgage_case.start_registration": "mortgage_case.registration_started",
    "mortgage_case.complete_registration": "mortgage_case.registration_completed",
    "mortgage_case.disburse": "mortgage_case.disbursed",
    "mortgage_case.close": "mortgage_case.closed",
    "mortgage_case.switch_bank": "mortgage_case.bank_switched",
    "mortgage_case.to_full_payment": "mortgage_case.changed_to_full_payment",
    "mortgage_case.withdraw": "mortgage_case.withdrawn",
    "subscription.approve": "subscription.approved",
    "subscription.record_deposit": "subscription.deposit_recorded",
    "subscription.convert": "subscription.converted",
    "subscription.cancel": "subscription.cancelled",
    "subscription.expire": "subscription.expired",
    "subscription.refund_deposit": "subscription.deposit_refunded",
    "contract.file": "contract.filed",
    "contract.cancel": "contract.cancelled",
    "contract_change.approve": "contract_change.approved",
    "contract_change.reject": "contract_change.rejected",
    "price_list.submit": "price_list.submitted",
    "price_list.approve": "price_list.approved",
    "price_list.reject": "price_list.rejected",
    "refund.approve": "refund.approved",
    "refund.reject": "refund.rejected",
    "settlement_batch.review": "settlement_batch.reviewed",
    "settlement_batch.send_back": "settlement_batch.sent_back",
    "settlement_batch.approve": "settlement_batch.approved",
    "settlement_batch.notify": "settlement_batch.notified",
    "settlement_batch.post": "settlement_batch.posted",
    "visit_attempt": "return_visit.attempted",
    "visited": "return_visit.outcome_recorded",
    "workorder.dispatch": "work_order.dispatched",
    "workorder.reassign": "work_order.reassigned",
    "workorder.accept": "work_order.accepted",
    "workorder.return": "work_order.returned",
    "workorder.start": "work_order.started",
    "workorder.hold": "work_order.put_on_hold",
    "workorder.resume": "work_order.resumed",
    "workorder.complete": "work_order.completed",
    "workorder.verify": "work_order.verified",
    "workorder.close": "work_order.closed",
    "workorder.resolve": "work_order.resolved",
    "workorder.cancel": "work_order.cancelled",
    "workorder.reopen": "work_order.reopened",
    "activated": "user.activated",
    "deactivated": "user.deactivated",
    "password_reset": "user.password_reset",
    "complaint_updated": "complaint.updated",
    "created": "record.created",
    "updated": "record.updated",
    "deleted": "record.deleted",
    "linked_to_project": "customer.linked_to_project",
    "pii_revealed": "customer.pii_revealed",
    "tagged": "customer.tagged",
    "ownership_added": "ownership.added",
    "ownership_removed": "ownership.removed",
    "consulted": "consultation.recorded",
    "appointment_booked": "appointment.booked",
    "erased": "customer.erased",
    "personal_data_exported": "customer.personal_data_exported",
    "imported": "project.units_imported",
    "scope_changed": "user.scope_changed",
    "status_changed": "unit.status_changed",
    "delivered": "unit.delivered",
    "survey_published": "survey.published",
    "survey_revised": "survey.revised",
    "survey_archived": "survey.archived",
    "survey_restored": "survey.restored",
    "survey_sent": "survey.sent",
    "survey_answered": "survey.answered",
    "survey_follow_up": "survey.follow_up_opened",
    "survey_invited": "survey.invitation_sent",
    "survey_invitation_skipped": "survey.invitation_skipped",
    "survey_settings_changed": "survey_settings.changed",
    "visit_scheduled": "return_visit.scheduled",
    "complaint_opened": "complaint.opened_from_visit",
    "warranty_policy_changed": "warranty_policy.changed",
    "warranty_responsibility_set": "warranty_responsibility.set",
    "warranty_responsibility_removed": "warranty_responsibility.removed",
    "attachment_added": "attachment.added",
    "attachment_removed": "attachment.removed",
    "service_settings_changed": "service_settings.changed",
    "called": "work_order.owner_called",
}
FOLLOW_UP_OLD = "followed_up"
FOLLOW_UP_ON_CUSTOMER = "follow_up.recorded"  # target customers.followup
FOLLOW_UP_ON_ORDER = "work_order.followed_up"  # target workorders.workorder (and anything else)


def _rewrite(apps: Any, whens: list[When], old_types: list[str]) -> None:
    Event = apps.get_model("core", "Event")
    Event.objects.filter(type__in=old_types).update(type=Case(*whens, default=F("type")))


def forwards(apps: Any, schema_editor: Any) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    follow_up = ContentType.objects.filter(app_label="customers", model="followup").values_list("pk", flat=True).first()
    whens = [When(type=old, then=Value(new)) for old, new in RENAMED.items()]
    if follow_up is not None:
        whens.append(When(Q(type=FOLLOW_UP_OLD) & Q(target_type_id=follow_up), then=Value(FOLLOW_UP_ON_CUSTOMER)))
    whens.append(When(type=FOLLOW_UP_OLD, then=Value(FOLLOW_UP_ON_ORDER)))
    _rewrite(apps, whens, [*RENAMED, FOLLOW_UP_OLD])


def backwards(apps: Any, schema_editor: Any) -> None:
    back = {new: old for old, new in RENAMED.items()}
    back[FOLLOW_UP_ON_CUSTOMER] = back[FOLLOW_UP_ON_ORDER] = FOLLOW_UP_OLD
    _rewrite(apps, [When(type=new, then=Value(old)) for new, old in back.items()], list(back))


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0004_job_heartbeat"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
