"""The person's rights over their data: a complete copy (PIPL Art. 45) and erasure (Art. 47)."""

from __future__ import annotations

import json

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from anju.core.access_log import client_ip
from anju.core.serializers import validated_input
from anju.customers.api.serializers import CustomerDetailSerializer
from anju.privacy import selectors, services
from anju.privacy.api import serializers as s


class PersonalDataView(APIView):
    """A copy of everything kept about the customer, in clear, as a JSON file (个人信息副本)."""

    permission_map = {"post": "customers.export_personal_data"}

    @extend_schema(
        operation_id="customers_personal_data",
        request=s.PurposeInputSerializer,
        responses={(200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT, description="the person's data")},
    )
    def post(self, request: Request, pk: int) -> HttpResponse:
        customer = selectors.get_person(actor=request.user, pk=pk)
        purpose = validated_input(self, s.PurposeInputSerializer)["purpose"]
        data = services.export_personal_data(
            actor=request.user, customer=customer, purpose=purpose, ip_address=client_ip(request)
        )
        response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="personal-data-{customer.code}.json"'
        response["Cache-Control"] = "no-store"
        return response


class EraseView(APIView):
    """Erase the customer's personal data; the anonymous record stays for the service history and statistics."""

    permission_map = {"post": "customers.erase_customer"}

    @extend_schema(operation_id="customers_erase", request=s.EraseInputSerializer, responses=CustomerDetailSerializer)
    def post(self, request: Request, pk: int) -> Response:
        customer = selectors.get_person(actor=request.user, pk=pk)
        values = validated_input(self, s.EraseInputSerializer)
        erased = services.erase_customer(
            actor=request.user,
            customer=customer,
            reason=values["reason"],
            version=values["version"],
            ip_address=client_ip(request),
        )
        fresh = selectors.get_person(actor=request.user, pk=erased.pk)
        return Response(CustomerDetailSerializer(fresh, context={"request": request}).data)
