from __future__ import annotations

import datetime
from typing import Any, cast

from django.db.models import Sum
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from anju.accounts.models import User
from anju.core.access_log import client_ip
from anju.core.excel import xlsx_response
from anju.core.params import invalid_param
from anju.core.serializers import validated_input
from anju.core.viewsets import ScopedViewSet, TimelineMixin
from anju.core.workflow_api import ActionInputSerializer, Endpoint, workflow_actions
from anju.properties.api.settings import ProjectSettingsView
from anju.sales import reports, rules, selectors
from anju.sales.api import filters as f
from anju.sales.api import serializers as s
from anju.sales.choices import EntryStatus
from anju.sales.models import ZERO, Contract, PriceList, Subscription
from anju.sales.services import catalogue, changes, deals, ledger, register
from anju.sales.workflow import CHANGE, CONTRACT, PRICE_LIST, REFUND, SUBSCRIPTION


def _actor(request: Request) -> User:
    """The caller (every sales endpoint requires a login and a permission before it runs)."""
    return cast(User, request.user)


def _buyers(rows: list[dict[str, Any]]) -> list[deals.Buyer]:
    return [deals.Buyer(row["customer"], row["role"], row["share"]) for row in rows]


def _terms(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    data["instalments"] = [deals.Instalment(i["amount"], i["due_on"]) for i in data.get("instalments") or []]
    return {k: v for k, v in data.items() if v is not None or k in ("delivery_deadline",)}


class PermitViewSet(mixins.ListModelMixin, ScopedViewSet):
    """预售许可证 per building."""

    selector = staticmethod(lambda actor: selectors.list_permits(actor=actor))
    filterset_class = f.PermitFilter
    serializer_class = s.PermitSerializer
    permission_map = {"list": "sales.view_presalepermit", "create": "sales.add_presalepermit"}

    @extend_schema(request=s.PermitInputSerializer, responses={201: s.PermitSerializer})
    def create(self, request: Request) -> Response:
        data = validated_input(self, s.PermitInputSerializer)
        permit = catalogue.create_permit(actor=_actor(request), **data)
        return Response(s.PermitSerializer(permit).data, status=status.HTTP_201_CREATED)


def _price_step(view: Any, price_list: PriceList, data: dict[str, Any]) -> PriceList:
    return catalogue.step_price_list(
        actor=_actor(view.request),
        price_list=price_list,
        action=view.workflow_action,
        reason=data.get("reason", ""),
        version=data.get("version"),
    )


@workflow_actions(
    PRICE_LIST,
    response=s.PriceListDetailSerializer,
    endpoints={name: Endpoint(run=_price_step) for name in PRICE_LIST.transitions},
)
class PriceListViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """价格表 versions per building (一房一价); approved by 管理层, in force from their date."""

    selector = staticmethod(lambda actor: selectors.list_price_lists(actor=actor))
    filterset_class = f.PriceListFilter
    permission_map = {
        "list": "sales.view_pricelist",
        "retrieve": "sales.view_pricelist",
        "create": "sales.add_pricelist",
        "current": "sales.view_pricelist",
    }

    def get_serializer_class(self) -> Any:
        return s.PriceListDetailSerializer if self.action == "retrieve" else s.PriceListSerializer

    def workflow_response(self, price_list: PriceList, action: str) -> Response:
        return Response(s.PriceListDetailSerializer(price_list, context=self.get_serializer_context()).data)

    @extend_schema(request=s.PriceListInputSerializer, responses={201: s.PriceListDetailSerializer})
    def create(self, request: Request) -> Response:
        data = validated_input(self, s.PriceListInputSerializer)
        lines = [catalogue.PriceLine(i["unit"], i["unit_price"], i.get("total_price")) for i in data.pop("items")]
        price_list = catalogue.create_price_list(actor=_actor(request), lines=lines, **data)
        body = s.PriceListDetailSerializer(price_list, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("building", int, required=True, description="the building whose prices in force to list")],
        responses=s.CurrentPriceSerializer(many=True),
        filters=False,
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def current(self, request: Request) -> Response:
        """The list price in force today of every priced unit of a building (the 楼盘表 colours units by it)."""
        from django.utils import timezone

        from anju.core.params import id_param
        from anju.properties.selectors import list_units

        building = id_param(request.query_params, "building")
        if building is None:
            raise invalid_param("building", None)
        unit_ids = list(list_units(actor=_actor(request)).filter(building_id=building).values_list("id", flat=True))
        prices = selectors.current_prices(unit_ids, timezone.localdate())
        rows = [
            {
                "unit": unit_id,
                "unit_price": item.unit_price,
                "total_price": item.total_price,
                "price_list": item.price_list_id,
                "version_number": item.price_list.version_number,
            }
            for unit_id, item in sorted(prices.items())
        ]
        return Response(s.CurrentPriceSerializer(rows, many=True).data)


def _deposit(view: Any, sub: Subscription, data: dict[str, Any]) -> Subscription:
    return deals.record_deposit(actor=_actor(view.request), subscription=sub, **data)


def _convert(view: Any, sub: Subscription, data: dict[str, Any]) -> Subscription:
    version = data.pop("version", None)
    deals.convert_subscription(actor=_actor(view.request), subscription=sub, version=version, **_terms(data))
    return sub


def _cancel_subscription(view: Any, sub: Subscription, data: dict[str, Any]) -> Subscription:
    return deals.cancel_subscription(
        actor=_actor(view.request), subscription=sub, reason=data.get("reason", ""), version=data.get("version")
    )


def _refund_deposit(view: Any, sub: Subscription, data: dict[str, Any]) -> Subscription:
    return deals.refund_deposit(actor=_actor(view.request), subscription=sub, **data)


def _approve_subscription(view: Any, sub: Subscription, data: dict[str, Any]) -> Subscription:
    return deals.approve_subscription(actor=_actor(view.request), subscription=sub, version=data.get("version"))


def _expire(view: Any, sub: Subscription, data: dict[str, Any]) -> Subscription:
    return deals.expire_subscription(actor=_actor(view.request), subscription=sub, version=data.get("version"))


@workflow_actions(
    SUBSCRIPTION,
    response=s.SubscriptionSerializer,
    endpoints={
        "approve": Endpoint(run=_approve_subscription),
        "record_deposit": Endpoint(input=s.DepositInputSerializer, run=_deposit),
        "convert": Endpoint(input=s.ConvertInputSerializer, run=_convert),
        "cancel": Endpoint(run=_cancel_subscription),
        "refund_deposit": Endpoint(input=s.DepositRefundInputSerializer, run=_refund_deposit),
        "expire": Endpoint(run=_expire),
    },
)
class SubscriptionViewSet(TimelineMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """认购: reserve a unit for buyers against a deposit until the signing deadline."""

    selector = staticmethod(lambda actor: selectors.list_subscriptions(actor=actor))
    filterset_class = f.SubscriptionFilter
    serializer_class = s.SubscriptionSerializer
    permission_map = {
        "list": "sales.view_subscription",
        "retrieve": "sales.view_subscription",
        "create": "sales.add_subscription",
        "timeline": "sales.view_subscription",
    }

    def _out(self, sub: Subscription, code: int = 200) -> Response:
        fresh = self.get_queryset().get(pk=sub.pk)
        return Response(s.SubscriptionSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    def workflow_response(self, sub: Subscription, action: str) -> Response:
        return self._out(sub)

    @extend_schema(request=s.SubscriptionInputSerializer, responses={201: s.SubscriptionSerializer})
    def create(self, request: Request) -> Response:
        data = validated_input(self, s.SubscriptionInputSerializer)
        data["buyers"] = _buyers(data["buyers"])
        data = {k: v for k, v in data.items() if v is not None}
        return self._out(deals.create_subscription(actor=_actor(request), **data), status.HTTP_201_CREATED)


def _file(view: Any, contract: Contract, data: dict[str, Any]) -> Contract:
    return deals.file_contract(actor=_actor(view.request), contract=contract, **data)


def _cancel_contract(view: Any, contract: Contract, data: dict[str, Any]) -> Contract:
    return deals.cancel_contract(actor=_actor(view.request), contract=contract, **data)


@workflow_actions(
    CONTRACT,
    response=s.ContractSerializer,
    endpoints={
        "file": Endpoint(input=s.FilingInputSerializer, run=_file, url_path="filing"),
        "cancel": Endpoint(input=s.ContractCancelInputSerializer, run=_cancel_contract),
    },
)
class ContractViewSet(TimelineMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """商品房买卖合同 with buyers, the payment ledger, changes and the filing clock."""

    def get_selector_queryset(self) -> Any:
        from anju.core.params import id_param

        listing = self.action in ("list", "export")
        project = id_param(self.request.query_params, "project") if listing else None
        return selectors.list_contracts(actor=self.request.user, project=project)

    filterset_class = f.ContractFilter
    serializer_class = s.ContractSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_map = {
        "list": "sales.view_contract",
        "retrieve": "sales.view_contract",
        "create": "sales.add_contract",
        "partial_update": "sales.change_contract",
        "timeline": "sales.view_contract",
        "ledger": "sales.view_ledgerentry",
        "add_receivable": "sales.add_receivable",
        "add_payment": "sales.add_ledgerentry",
        "add_refund": "sales.add_ledgerentry",
        "request_change": "sales.add_contractchange",
        "filing_due": "sales.view_contract",
        "export": "sales.view_contract",
    }

    def _out(self, contract: Contract, code: int = 200) -> Response:
        fresh = self.get_queryset().get(pk=contract.pk)
        return Response(s.ContractSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    def workflow_response(self, contract: Contract, action: str) -> Response:
        return self._out(contract)

    @extend_schema(request=s.ContractInputSerializer, responses={201: s.ContractSerializer})
    def create(self, request: Request) -> Response:
        data = validated_input(self, s.ContractInputSerializer)
        data["buyers"] = _buyers(data["buyers"])
        return self._out(deals.create_contract(actor=_actor(request), **_terms(data)), status.HTTP_201_CREATED)

    @extend_schema(request=s.ContractUpdateSerializer, responses=s.ContractSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        data = validated_input(self, s.ContractUpdateSerializer)
        version = data.pop("version", None)
        return self._out(deals.update_contract(actor=_actor(request), contract=self.get_object(), values=data, version=version))

    @extend_schema(responses=s.LedgerSerializer, filters=False)
    @action(detail=True, methods=["get"])
    def ledger(self, request: Request, pk: str | None = None) -> Response:
        """收款台账: receivables with what was allocated to them, every receipt and refund, and the balance."""
        contract = self.get_object()
        entries = selectors.list_entries(actor=_actor(request)).filter(contract=contract)
        pending = entries.filter(status=EntryStatus.PENDING).aggregate(s=Sum("amount"))["s"] or ZERO
        body = {
            "contract": contract.pk,
            "total_price": contract.total_price,
            "due": contract.due,
            "paid": contract.paid,
            "balance": contract.due - contract.paid,
            "pending_refunds": pending,
            "receivables": selectors.list_receivables(actor=_actor(request)).filter(contract=contract),
            "entries": entries,
        }
        return Response(s.LedgerSerializer(body, context=self.get_serializer_context()).data)

    @extend_schema(request=s.ReceivableInputSerializer, responses={201: s.ContractSerializer})
    @action(detail=True, methods=["post"], url_path="receivables")
    def add_receivable(self, request: Request, pk: str | None = None) -> Response:
        data = validated_input(self, s.ReceivableInputSerializer)
        contract = self.get_object()
        ledger.add_receivable(actor=_actor(request), contract=contract, **data)
        return self._out(contract, status.HTTP_201_CREATED)

    @extend_schema(request=s.ReceiptInputSerializer, responses={201: s.ContractSerializer})
    @action(detail=True, methods=["post"], url_path="payments")
    def add_payment(self, request: Request, pk: str | None = None) -> Response:
        """A receipt recorded by finance, split across receivables (or oldest due first)."""
        data = validated_input(self, s.ReceiptInputSerializer)
        contract = self.get_object()
        plan = data.pop("allocations")
        if plan is not None:
            receivables = {r.pk: r for r in selectors.list_receivables(actor=_actor(request)).filter(contract=contract)}
            missing = [a["receivable"] for a in plan if a["receivable"] not in receivables]
            if missing:
                raise invalid_param("allocations", None)
            plan = [(receivables[a["receivable"]], a["amount"]) for a in plan]
        ledger.record_receipt(actor=_actor(request), contract=contract, allocations=plan, **data)
        return self._out(contract, status.HTTP_201_CREATED)

    @extend_schema(request=s.RefundInputSerializer, responses={201: s.ContractSerializer})
    @action(detail=True, methods=["post"], url_path="refunds")
    def add_refund(self, request: Request, pk: str | None = None) -> Response:
        """A refund request: it counts on the ledger once approved."""
        data = validated_input(self, s.RefundInputSerializer)
        contract = self.get_object()
        ledger.request_refund(actor=_actor(request), contract=contract, **data)
        return self._out(contract, status.HTTP_201_CREATED)

    @extend_schema(request=s.ChangeInputSerializer, responses={201: s.ChangeSerializer})
    @action(detail=True, methods=["post"], url_path="changes")
    def request_change(self, request: Request, pk: str | None = None) -> Response:
        data = validated_input(self, s.ChangeInputSerializer)
        data["new_buyers"] = _buyers(data["new_buyers"])
        change = changes.request_change(actor=_actor(request), contract=self.get_object(), **data)
        fresh = selectors.list_changes(actor=_actor(request)).get(pk=change.pk)
        return Response(s.ChangeSerializer(fresh, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.FilingDueInputSerializer, responses=s.FilingDueSerializer)
    @action(detail=False, methods=["post"], url_path="filing-due")
    def filing_due(self, request: Request) -> Response:
        """The filing deadline a contract signed on ``signed_on`` gets (the same calculation)."""
        data = validated_input(self, s.FilingDueInputSerializer)
        return Response({"filing_due_on": rules.filing_due_on(data["signed_on"])})

    @extend_schema(
        parameters=[
            OpenApiParameter("include_pii", bool, description="full mobiles (needs the reveal permission and a purpose)"),
            OpenApiParameter("purpose", str, description="why full personal data is exported (recorded in the access log)"),
        ],
        filters=True,
        responses={(200, "application/octet-stream"): bytes},
    )
    @action(detail=False, methods=["get"])
    def export(self, request: Request) -> Any:
        """成交客户登记表 as a spreadsheet (the filtered list)."""
        content = register.export_register(
            actor=_actor(request),
            contracts=self.filter_queryset(self.get_queryset()),
            include_pii=request.query_params.get("include_pii", "").lower() in ("1", "true"),
            purpose=request.query_params.get("purpose", ""),
            ip_address=client_ip(request),
        )
        return xlsx_response(content, "anju-deal-register.xlsx")


def _decide(service: Any, subject: str) -> Any:
    """The API's run for an approve/reject table: the service decides on ``subject`` in the caller's name."""

    def run(view: Any, obj: Any, data: dict[str, Any]) -> Any:
        return service(
            actor=_actor(view.request),
            **{subject: obj},
            action=view.workflow_action,
            reason=data.get("reason", ""),
            version=data.get("version"),
        )

    return run


class _Decisions(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """A list of requests decided through their workflow: the answer is the record read again."""

    def workflow_response(self, obj: Any, action: str) -> Response:
        fresh = self.get_queryset().get(pk=obj.pk)
        return Response(self.get_serializer_class()(fresh, context=self.get_serializer_context()).data)


@workflow_actions(
    CHANGE,
    response=s.ChangeSerializer,
    endpoints={n: Endpoint(run=_decide(changes.decide, "change")) for n in CHANGE.transitions},
)
class ContractChangeViewSet(_Decisions):
    """换房 / 更名 / 退房 requests and their approval."""

    selector = staticmethod(lambda actor: selectors.list_changes(actor=actor))
    filterset_class = f.ChangeFilter
    serializer_class = s.ChangeSerializer
    permission_map = {"list": "sales.view_contractchange", "retrieve": "sales.view_contractchange"}


@workflow_actions(
    REFUND,
    response=s.EntrySerializer,
    endpoints={n: Endpoint(run=_decide(ledger.decide_refund, "entry")) for n in REFUND.transitions},
)
class EntryViewSet(_Decisions):
    """Ledger lines (receipts and refunds); refunds are approved here."""

    selector = staticmethod(lambda actor: selectors.list_entries(actor=actor))
    filterset_class = f.EntryFilter
    serializer_class = s.EntrySerializer
    permission_map = {"list": "sales.view_ledgerentry", "retrieve": "sales.view_ledgerentry"}


class OverdueReceivableViewSet(mixins.ListModelMixin, ScopedViewSet):
    """催收: receivables of live contracts past their due date and not fully paid, oldest first."""

    filterset_class = f.ReceivableFilter
    serializer_class = s.ReceivableSerializer
    permission_map = {"list": "sales.view_receivable"}

    def get_selector_queryset(self) -> Any:
        from django.utils import timezone

        return selectors.overdue_receivables(actor=self.request.user, today=timezone.localdate())


__all__ = ["ActionInputSerializer"]


_REPORT_PARAMETERS = [
    OpenApiParameter("period", str, enum=["day", "week", "month"], description="day (default), week (Monday to Sunday) or month"),
    OpenApiParameter("date", datetime.date, description="a day in the period (default today)"),
    OpenApiParameter("project", int, description="only this project"),
    OpenApiParameter("consultant", int, description="only this consultant's deals"),
]


def _report(request: Request) -> dict[str, Any]:
    from django.utils import timezone

    from anju.core.params import date_param, id_param

    kind = request.query_params.get("period", "day")
    if kind not in reports.PERIODS:
        raise invalid_param("period")
    return reports.sales_report(
        actor=_actor(request),
        kind=kind,
        day=date_param(request.query_params, "date") or timezone.localdate(),
        project=id_param(request.query_params, "project"),
        consultant=id_param(request.query_params, "consultant"),
    )


class SalesReportView(APIView):
    """销售日报 / 周报 / 月报 of the caller's projects: totals, per consultant and per day."""

    permission_map = {"get": "sales.view_sales_report"}

    @extend_schema(operation_id="sales_report_retrieve", parameters=_REPORT_PARAMETERS, responses=s.SalesReportSerializer)
    def get(self, request: Request) -> Response:
        return Response(s.SalesReportSerializer(_report(request)).data)


class SalesReportExportView(APIView):
    """The same report as a spreadsheet (totals, per consultant, per day)."""

    permission_map = {"get": "sales.view_sales_report"}

    @extend_schema(
        operation_id="sales_report_export", parameters=_REPORT_PARAMETERS, responses={(200, "application/octet-stream"): bytes}
    )
    def get(self, request: Request) -> Any:
        report = _report(request)
        return xlsx_response(register.report_workbook(report), f"anju-sales-{report['period']}-{report['start']}.xlsx")


class SalesSettingsView(ProjectSettingsView):
    """A project's sales practice (signing and warning days, discount approval) and its handover fee schedule."""

    permission_map = {"get": "sales.view_salessettings", "put": "sales.change_salessettings"}

    @extend_schema(operation_id="sales_settings_retrieve", responses=s.SalesSettingsSerializer)
    def get(self, request: Request, project_id: int) -> Response:
        project = self._project(request, project_id)
        return Response(s.SalesSettingsSerializer(selectors.sales_settings(project.pk)).data)

    @extend_schema(
        operation_id="sales_settings_update", request=s.SalesSettingsInputSerializer, responses=s.SalesSettingsSerializer
    )
    def put(self, request: Request, project_id: int) -> Response:
        project = self._project(request, project_id)
        data = validated_input(self, s.SalesSettingsInputSerializer)
        settings = catalogue.update_sales_settings(actor=cast(User, request.user), project=project, values=data)
        return Response(s.SalesSettingsSerializer(settings).data)
