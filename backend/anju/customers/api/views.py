from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from anju.core.access_log import client_ip
from anju.core.events import list_timeline
from anju.core.excel import xlsx_response
from anju.core.params import id_param
from anju.core.serializers import EventSerializer, event_rows, validated_input
from anju.core.viewsets import ScopedViewSet
from anju.core.workflow_api import Endpoint, workflow_actions
from anju.customers import selectors
from anju.customers.api import filters as f
from anju.customers.api import serializers as s
from anju.customers.models import Appointment, Tag, UnitOwnership
from anju.customers.services import contacts, customers, transfer
from anju.customers.workflow import WORKFLOW as APPOINTMENT_WORKFLOW
from anju.properties.api.serializers import FileUploadSerializer

_LIST_PARAMS = [
    OpenApiParameter("q", str, description="name or customer code contains"),
    OpenApiParameter("tag", int),
    OpenApiParameter("project", int),
    OpenApiParameter("consultant", int),
]


def _int_param(request: Request, name: str) -> int | None:
    return id_param(request.query_params, name)  # ?project=abc is a 400, as on every list


class CustomerViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Customers. Full mobile and ID numbers are searched with POST /customers/search/, never in a URL."""

    selector = staticmethod(lambda actor: selectors.list_customers(actor=actor))
    serializer_class = s.CustomerSerializer
    filterset_class = f.CustomerFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_map = {
        "list": "customers.view_customer",
        "retrieve": "customers.view_customer",
        "create": "customers.add_customer",
        "partial_update": "customers.change_customer",
        "search": "customers.view_customer",
        "reveal": "customers.reveal_customer_pii",
        "link": "customers.link_customer",
        "timeline": "customers.view_customer",
        "batch_tag": "customers.change_customer",
        "import_workbook": "customers.import_customer",
        "import_template": "customers.import_customer",
        "export": "customers.export_customer",
    }

    def get_serializer_class(self) -> Any:
        return s.CustomerDetailSerializer if self.action == "retrieve" else s.CustomerSerializer

    @extend_schema(request=s.CustomerCreateSerializer, responses={201: s.CustomerDetailSerializer})
    def create(self, request: Request) -> Response:
        customer = customers.create_customer(actor=request.user, **validated_input(self, s.CustomerCreateSerializer))
        return Response(s.CustomerDetailSerializer(customer, context=self.get_serializer_context()).data, status=201)

    @extend_schema(request=s.CustomerUpdateSerializer, responses=s.CustomerDetailSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        customer = customers.update_customer(
            actor=request.user, customer=self.get_object(), **validated_input(self, s.CustomerUpdateSerializer)
        )
        return Response(s.CustomerDetailSerializer(customer, context=self.get_serializer_context()).data)

    @extend_schema(request=s.CustomerSearchSerializer, responses=s.CustomerSerializer(many=True), filters=False)
    @action(detail=False, methods=["post"])
    def search(self, request: Request) -> Response:
        values = validated_input(self, s.CustomerSearchSerializer)
        queryset = selectors.list_customers(actor=request.user, filters=values)
        page_size, page_number = values["page_size"], values["page"]
        count = queryset.count()
        results = list(queryset[(page_number - 1) * page_size : page_number * page_size])
        return Response(
            {
                "count": count,
                "next": None,
                "previous": None,
                "results": s.CustomerSerializer(results, many=True, context=self.get_serializer_context()).data,
            }
        )

    @extend_schema(request=s.LinkCustomerInputSerializer, responses=s.CustomerDetailSerializer)
    @action(detail=False, methods=["post"])
    def link(self, request: Request) -> Response:
        """客服主管: add a customer registered in another project (found by full mobile or ID number) to one of yours."""
        values = validated_input(self, s.LinkCustomerInputSerializer)
        customer = customers.link_customer_to_project(actor=request.user, ip_address=client_ip(request), **values)
        fresh = selectors.get_customer(actor=request.user, pk=customer.pk)
        return Response(s.CustomerDetailSerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(request=s.RevealInputSerializer, responses=s.RevealSerializer)
    @action(detail=True, methods=["post"])
    def reveal(self, request: Request, pk: str | None = None) -> Response:
        values = validated_input(self, s.RevealInputSerializer)
        result = customers.reveal_customer_pii(
            actor=request.user,
            customer=self.get_object(),
            purpose=values["purpose"],
            fields=sorted(values.get("targets") or customers.REVEALABLE_FIELDS),
            ip_address=client_ip(request),
        )
        return Response(result)

    @extend_schema(responses=EventSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"])
    def timeline(self, request: Request, pk: str | None = None) -> Response:
        page = self.paginate_queryset(list_timeline(obj=self.get_object(), actor=request.user))
        return self.get_paginated_response(event_rows(page, self.request.user))

    @extend_schema(request=s.BatchTagSerializer, responses=s.BatchTagResultSerializer)
    @action(detail=False, methods=["post"], url_path="batch-tag")
    def batch_tag(self, request: Request) -> Response:
        values = validated_input(self, s.BatchTagSerializer)
        changed = customers.tag_customers(
            actor=request.user, customer_ids=values["customers"], add=values["add"], remove=values["remove"]
        )
        return Response({"changed": changed})

    @extend_schema(
        operation_id="customers_import",
        request={"multipart/form-data": FileUploadSerializer},
        responses=s.CustomerImportResultSerializer,
    )
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def import_workbook(self, request: Request) -> Response:
        upload = FileUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        return Response(transfer.import_customers(actor=request.user, upload=upload.validated_data["file"]))

    @extend_schema(operation_id="customers_import_template", responses={(200, "application/octet-stream"): bytes})
    @action(detail=False, methods=["get"], url_path="import-template")
    def import_template(self, request: Request) -> Any:
        return xlsx_response(transfer.template_workbook(), "anju-customers-template.xlsx")

    @extend_schema(
        operation_id="customers_export",
        parameters=[
            *_LIST_PARAMS,
            OpenApiParameter(
                "include_pii",
                bool,
                description="full mobile and ID numbers instead of masked ones (needs the reveal permission and a purpose)",
            ),
            OpenApiParameter(
                "purpose",
                str,
                description="why full personal data is exported (at most 200 characters, recorded in the access log); "
                "required when include_pii is true",
            ),
        ],
        responses={(200, "application/octet-stream"): bytes},
    )
    @action(detail=False, methods=["get"])
    def export(self, request: Request) -> Any:
        include_pii = request.query_params.get("include_pii", "").lower() in ("1", "true")
        content = transfer.export_customers(
            actor=request.user,
            customers=self.filter_queryset(self.get_queryset()),
            include_pii=include_pii,
            purpose=request.query_params.get("purpose", ""),
            ip_address=client_ip(request),
        )
        return xlsx_response(content, "anju-customers.xlsx")


class ConsultantListView(APIView):
    """置业顾问 who can be chosen as a customer's consultant or booked for a viewing, in the caller's scope."""

    permission_map = {"get": "customers.view_customer"}

    @extend_schema(
        operation_id="consultants_list",
        parameters=[OpenApiParameter("project", int, description="only consultants working in this project")],
        responses=s.ConsultantSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        users = selectors.list_consultants(actor=request.user, project_id=_int_param(request, "project"))
        return Response(s.ConsultantSerializer(users, many=True).data)


class TagViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, ScopedViewSet):
    selector = staticmethod(lambda actor: selectors.list_tags())
    serializer_class = s.TagSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    pagination_class = None
    permission_map = {
        "list": "customers.view_tag",
        "retrieve": "customers.view_tag",
        "create": "customers.add_tag",
        "partial_update": "customers.change_tag",
        "destroy": "customers.delete_tag",
    }

    @extend_schema(request=s.TagInputSerializer, responses={201: s.TagSerializer})
    def create(self, request: Request) -> Response:
        tag = customers.create_tag(actor=request.user, **validated_input(self, s.TagInputSerializer))
        return Response(s.TagSerializer(tag).data, status=201)

    @extend_schema(request=s.TagUpdateSerializer, responses=s.TagSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        tag = customers.update_tag(actor=request.user, tag=self.get_object(), **validated_input(self, s.TagUpdateSerializer))
        return Response(s.TagSerializer(tag).data)

    def perform_destroy(self, instance: Tag) -> None:
        customers.delete_tag(actor=self.request.user, tag=instance)


class OwnershipViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, ScopedViewSet):
    selector = staticmethod(lambda actor: selectors.list_ownerships(actor=actor))
    serializer_class = s.OwnedUnitSerializer
    filterset_class = f.OwnershipFilter
    http_method_names = ["get", "post", "delete", "head", "options"]
    permission_map = {
        "list": "customers.view_unitownership",
        "retrieve": "customers.view_unitownership",
        "create": "customers.add_unitownership",
        "destroy": "customers.delete_unitownership",
    }

    @extend_schema(request=s.OwnershipInputSerializer, responses={201: s.OwnedUnitSerializer})
    def create(self, request: Request) -> Response:
        ownership = contacts.add_ownership(actor=request.user, **validated_input(self, s.OwnershipInputSerializer))
        return Response(s.OwnedUnitSerializer(ownership).data, status=201)

    def perform_destroy(self, instance: UnitOwnership) -> None:
        contacts.remove_ownership(actor=self.request.user, ownership=instance)


class ConsultationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    selector = staticmethod(lambda actor: selectors.list_consultations(actor=actor))
    serializer_class = s.ConsultationSerializer
    filterset_class = f.ConsultationFilter
    permission_map = {
        "list": "customers.view_consultation",
        "retrieve": "customers.view_consultation",
        "create": "customers.add_consultation",
    }

    @extend_schema(request=s.ConsultationInputSerializer, responses={201: s.ConsultationSerializer})
    def create(self, request: Request) -> Response:
        consultation = contacts.create_consultation(actor=request.user, **validated_input(self, s.ConsultationInputSerializer))
        return Response(s.ConsultationSerializer(consultation).data, status=201)


def _close_appointment(view: Any, appointment: Appointment, data: dict[str, Any]) -> Appointment:
    return contacts.close_appointment(
        actor=view.request.user, appointment=appointment, action=view.workflow_action, note=data["note"]
    )


@workflow_actions(
    APPOINTMENT_WORKFLOW,
    response=s.AppointmentSerializer,
    endpoints={
        name: Endpoint(input=s.AppointmentActionSerializer, run=_close_appointment) for name in APPOINTMENT_WORKFLOW.transitions
    },
)
class AppointmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    selector = staticmethod(lambda actor: selectors.list_appointments(actor=actor))
    serializer_class = s.AppointmentSerializer
    filterset_class = f.AppointmentFilter
    permission_map = {
        "list": "customers.view_appointment",
        "retrieve": "customers.view_appointment",
        "create": "customers.add_appointment",
    }

    @extend_schema(request=s.AppointmentInputSerializer, responses={201: s.AppointmentSerializer})
    def create(self, request: Request) -> Response:
        appointment = contacts.create_appointment(actor=request.user, **validated_input(self, s.AppointmentInputSerializer))
        return Response(s.AppointmentSerializer(appointment, context=self.get_serializer_context()).data, status=201)

    def workflow_response(self, appointment: Appointment, action: str) -> Response:
        return Response(s.AppointmentSerializer(appointment, context=self.get_serializer_context()).data)


class FollowUpViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    selector = staticmethod(lambda actor: selectors.list_follow_ups(actor=actor))

    def get_selector_queryset(self) -> QuerySet[Any]:
        # the due list is its own selector (the home figure counts it through this view); the schema generator asks
        # without a user
        if self.action == "due" and not getattr(self, "swagger_fake_view", False):
            return selectors.list_follow_ups_due(actor=self.request.user, on=timezone.localdate())
        return super().get_selector_queryset()

    serializer_class = s.FollowUpSerializer
    filterset_class = f.FollowUpFilter
    permission_map = {
        "list": "customers.view_followup",
        "retrieve": "customers.view_followup",
        "create": "customers.add_followup",
        "due": "customers.view_followup",
    }

    @extend_schema(request=s.FollowUpInputSerializer, responses={201: s.FollowUpSerializer})
    def create(self, request: Request) -> Response:
        follow_up = contacts.create_follow_up(actor=request.user, **validated_input(self, s.FollowUpInputSerializer))
        return Response(s.FollowUpSerializer(follow_up).data, status=201)

    @extend_schema(responses=s.FollowUpSerializer(many=True))
    @action(detail=False, methods=["get"])
    def due(self, request: Request) -> Response:
        """My follow-ups whose next date is today or earlier."""
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(s.FollowUpSerializer(page, many=True).data)
