from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    SUBSCRIBED = "subscribed", _("Subscribed")
    CONTRACTED = "contracted", _("Contracted")
    DELIVERED = "delivered", _("Delivered")
