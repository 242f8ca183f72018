"""Owner API under ``/api/v1/owner/``: its own sign-in realm (``OwnerAuthentication``), nothing of the staff's.

Every view reads through ``anju.owners.selectors`` from the session's customer, so another owner's home, order or
photo is a 404. Writes go through ``anju.owners.signin`` and ``anju.owners.feedback``.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from anju.activities import selectors as activities
from anju.activities import services as activity_services
from anju.activities.api.serializers import OwnerActivitySerializer
from anju.activities.api.views import poster_response
from anju.activities.models import Activity
from anju.core import pii
from anju.core.access_log import client_ip
from anju.core.errors import ApplicationError
from anju.core.pagination import PageNumberPagination
from anju.core.serializers import validated_input
from anju.owners import feedback, home, selectors, signin
from anju.owners.api import serializers as s
from anju.owners.authentication import IsOwner, Owner, OwnerAuthentication
from anju.owners.errors import ErrorCode
from anju.owners.models import OwnerSession


class OwnerView(APIView):
    authentication_classes = [OwnerAuthentication]
    permission_classes = [IsOwner]

    @property
    def owner(self) -> Any:
        user = self.request.user
        assert isinstance(user, Owner)
        return user.customer

    @property
    def session(self) -> OwnerSession:
        assert isinstance(self.request.auth, OwnerSession)
        return self.request.auth

    def unit(self, unit_id: Any) -> Any:
        try:
            return selectors.get_home(owner=self.owner, unit_id=int(unit_id))
        except (ValueError, TypeError, OverflowError, selectors.Unit.DoesNotExist) as exc:
            raise Http404 from exc

    def order(self, order_id: Any) -> Any:
        try:
            return selectors.get_order(owner=self.owner, order_id=int(order_id))
        except (ValueError, TypeError, OverflowError, selectors.WorkOrder.DoesNotExist) as exc:
            raise Http404 from exc


def _set_cookie(response: Response, key: str) -> None:
    response.set_cookie(
        signin.COOKIE_NAME,
        key,
        max_age=int(signin.SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        path="/",
    )


class CodeView(APIView):
    """Ask for a sign-in code by text. The answer is the same whether or not the number is an owner's."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="owner_auth_code", request=s.OwnerCodeRequestSerializer, responses={202: s.OwnerCodeSentSerializer}, auth=[]
    )
    def post(self, request: Request) -> Response:
        data = validated_input(self, s.OwnerCodeRequestSerializer)
        signin.request_code(mobile=data["mobile"], ip_address=client_ip(request))
        return Response({"detail": _("If this number belongs to an owner, a code is on its way.")}, status=202)


class VerifyView(APIView):
    """Sign in with the code: sets the owner cookie (30 days)."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(operation_id="owner_auth_verify", request=s.OwnerVerifySerializer, responses=s.OwnerMeSerializer, auth=[])
    def post(self, request: Request) -> Response:
        data = validated_input(self, s.OwnerVerifySerializer)
        signed_in = signin.verify_code(
            mobile=data["mobile"], code=data["code"], user_agent=request.META.get("HTTP_USER_AGENT", "")
        )
        response = Response(_me(signed_in.session))
        _set_cookie(response, signed_in.key)
        return response


def _me(session: Any) -> dict[str, Any]:
    customer = session.customer
    mobile = customer.mobiles.order_by("position", "id").first()
    return {
        "name": customer.name,
        "mobile": pii.mask_mobile(pii.decrypt(mobile.ciphertext)) if mobile else "",
        "homes": selectors.list_homes(owner=customer).count(),
        "session_expires_at": session.expires_at,
    }


class MeView(OwnerView):
    @extend_schema(operation_id="owner_auth_me", responses=s.OwnerMeSerializer)
    def get(self, request: Request) -> Response:
        return Response(s.OwnerMeSerializer(_me(self.session)).data)


class SignOutView(OwnerView):
    @extend_schema(operation_id="owner_auth_logout", request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        signin.sign_out(session=self.session)
        response = Response(status=204)
        response.delete_cookie(signin.COOKIE_NAME, path="/", samesite="Lax")
        return response


class SignOutEverywhereView(OwnerView):
    @extend_schema(operation_id="owner_auth_logout_all", request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        signin.sign_out_everywhere(customer=self.owner)
        response = Response(status=204)
        response.delete_cookie(signin.COOKIE_NAME, path="/", samesite="Lax")
        return response


class HomeListView(OwnerView):
    @extend_schema(operation_id="owner_homes_list", responses=s.OwnerHomeSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(s.OwnerHomeSerializer(selectors.list_homes(owner=self.owner), many=True).data)


class HomeDetailView(OwnerView):
    @extend_schema(operation_id="owner_homes_retrieve", responses=s.OwnerHomeDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(s.OwnerHomeDetailSerializer(home.summary(owner=self.owner, unit=self.unit(pk))).data)


class HomeSlotView(OwnerView):
    @extend_schema(
        operation_id="owner_homes_handover_slot", request=s.OwnerBookSlotSerializer, responses={201: s.OwnerHomeDetailSerializer}
    )
    def post(self, request: Request, pk: int) -> Response:
        unit = self.unit(pk)
        data = validated_input(self, s.OwnerBookSlotSerializer)
        home.book_slot(owner=self.owner, unit=unit, day=data["day"], window=data["window"])
        return Response(s.OwnerHomeDetailSerializer(home.summary(owner=self.owner, unit=unit)).data, status=201)


class CategoryListView(OwnerView):
    @extend_schema(operation_id="owner_categories_list", responses=s.OwnerCategorySerializer(many=True))
    def get(self, request: Request) -> Response:
        categories = [c for c in selectors.list_categories() if not c.children.exists()]
        return Response(s.OwnerCategorySerializer(categories, many=True).data)


def _detail(order: Any) -> dict[str, Any]:
    view = SimpleNamespace(**_row(order), **selectors.order_progress(order=order))
    return s.OwnerOrderDetailSerializer(view).data


def _row(order: Any) -> dict[str, Any]:
    return {
        "id": order.pk,
        "number": order.number,
        "type": order.type,
        "category": order.category,
        "unit": order.unit,
        "description": order.description,
        "status": order.status,
        "created_at": order.created_at,
        "appointment_start": order.appointment_start,
        "appointment_end": order.appointment_end,
    }


class OrderListView(OwnerView, generics.ListAPIView):
    pagination_class = PageNumberPagination
    serializer_class = s.OwnerOrderSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        return selectors.list_orders(owner=self.owner)

    @extend_schema(operation_id="owner_orders_list")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="owner_orders_create", request=s.OwnerOrderCreateSerializer, responses={201: s.OwnerOrderDetailSerializer}
    )
    def post(self, request: Request) -> Response:
        data = validated_input(self, s.OwnerOrderCreateSerializer)
        try:
            unit = selectors.get_home(owner=self.owner, unit_id=data["unit"])
        except selectors.Unit.DoesNotExist as exc:
            message = _("Choose one of your homes.")
            raise ApplicationError(ErrorCode.OWNER_NOT_YOUR_HOME, message, fields={"unit": [message]}) from exc
        category = None
        if data.get("category"):
            category = selectors.list_categories().filter(pk=data["category"]).first()
            if category is None:
                message = _("Choose what needs repairing.")
                raise ApplicationError(ErrorCode.OWNER_INVALID, message, fields={"category": [message]})
        order = feedback.report(
            owner=self.owner,
            unit=unit,
            type=data["type"],
            category=category,
            description=data["description"],
            preferred_start=data.get("preferred_start"),
            preferred_end=data.get("preferred_end"),
        )
        return Response(_detail(selectors.get_order(owner=self.owner, order_id=order.pk)), status=201)


class OrderDetailView(OwnerView):
    @extend_schema(operation_id="owner_orders_retrieve", responses=s.OwnerOrderDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(self.order(pk)))


class OrderPhotoListView(OwnerView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="owner_orders_photos_create",
        request={"multipart/form-data": s.OwnerPhotoUploadSerializer},
        responses={201: s.OwnerPhotoSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        order = self.order(pk)
        data = validated_input(self, s.OwnerPhotoUploadSerializer)
        photo = feedback.add_photo(owner=self.owner, order=order, upload=data["file"])
        return Response(s.OwnerPhotoSerializer(photo).data, status=201)


class OrderPhotoView(OwnerView):
    @extend_schema(
        operation_id="owner_orders_photos_retrieve",
        parameters=[OpenApiParameter("size", str, enum=["full", "thumb"], required=False)],
        responses={(200, "image/jpeg"): bytes},
    )
    def get(self, request: Request, pk: int, photo_id: int) -> FileResponse:
        try:
            photo = selectors.get_photo(owner=self.owner, order_id=int(pk), photo_id=int(photo_id))
        except (ValueError, OverflowError, selectors.WorkOrder.DoesNotExist, selectors.Attachment.DoesNotExist) as exc:
            raise Http404 from exc
        thumb = request.query_params.get("size") == "thumb" and bool(photo.thumbnail)
        handle = photo.thumbnail.open("rb") if thumb else photo.file.open("rb")
        response = FileResponse(handle, content_type="image/jpeg" if thumb else photo.content_type)
        response["Content-Disposition"] = (
            f'inline; filename="photo-{photo.pk}.{"jpg" if thumb else photo.file.name.rsplit(".", 1)[-1]}"'
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, max-age=3600"
        return response


class OrderRateView(OwnerView):
    @extend_schema(operation_id="owner_orders_rate", request=s.OwnerRateSerializer, responses=s.OwnerOrderDetailSerializer)
    def post(self, request: Request, pk: int) -> Response:
        order = self.order(pk)
        data = validated_input(self, s.OwnerRateSerializer)
        feedback.rate(owner=self.owner, order=order, stars=data["stars"], resolved=data["resolved"], comment=data["comment"])
        return Response(_detail(selectors.get_order(owner=self.owner, order_id=order.pk)))


# --- 会员活动 --------------------------------------------------------------------------------------------------


def _activity_answer(owner: Any, rows: Any, *, many: bool) -> Any:
    mine = dict(activities.registrations_by(owner))
    return OwnerActivitySerializer(rows, many=many, context={"mine": mine}).data


class ActivityListView(OwnerView):
    @extend_schema(operation_id="owner_activities_list", responses=OwnerActivitySerializer(many=True))
    def get(self, request: Request) -> Response:
        rows = activities.open_to(self.owner).order_by("starts_at", "id")
        return Response(_activity_answer(self.owner, rows, many=True))


class ActivitySignUpView(OwnerView):
    @extend_schema(operation_id="owner_activities_sign_up", request=None, responses={201: OwnerActivitySerializer})
    def post(self, request: Request, pk: int) -> Response:
        try:
            activity_services.sign_up(customer=self.owner, activity_id=int(pk))
        except (Activity.DoesNotExist, OverflowError) as exc:
            raise Http404 from exc
        row = activities.open_to(self.owner).get(pk=pk)
        return Response(_activity_answer(self.owner, row, many=False), status=201)


class ActivityCancelView(OwnerView):
    @extend_schema(operation_id="owner_activities_cancel", request=None, responses=OwnerActivitySerializer)
    def post(self, request: Request, pk: int) -> Response:
        try:
            row = activities.open_to(self.owner).get(pk=int(pk))
        except (Activity.DoesNotExist, OverflowError) as exc:
            raise Http404 from exc
        registration = activities.registration_of(self.owner, row)
        if registration is None:
            raise Http404
        activity_services.cancel_sign_up(customer=self.owner, registration=registration)
        return Response(_activity_answer(self.owner, activities.open_to(self.owner).get(pk=row.pk), many=False))


class ActivityPosterView(OwnerView):
    @extend_schema(operation_id="owner_activities_poster", responses={(200, "image/*"): bytes})
    def get(self, request: Request, pk: int) -> FileResponse:
        """The poster of an activity the owner may see (anyone else's or a closed one is a 404)."""
        try:
            row = activities.open_to(self.owner).get(pk=int(pk))
        except (Activity.DoesNotExist, OverflowError) as exc:
            raise Http404 from exc
        return poster_response(row)
