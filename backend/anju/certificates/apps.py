from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "anju.certificates"
    label = "certificates"
    verbose_name = "产证 Property certificates"

    def ready(self) -> None:
        from anju.certificates import (
            receivers,  # noqa: F401 - a delivered unit opens its case and starts its clocks
            selectors,
        )
        from anju.certificates.models import CertificateCase, Receipt
        from anju.core import visibility

        visibility.register(
            CertificateCase,
            rows=lambda a: selectors.list_certificate_cases(actor=a),
            permission="certificates.view_certificatecase",
        )
        visibility.register(
            Receipt, rows=lambda a: selectors.list_receipts(actor=a), permission="certificates.view_certificatecase"
        )
