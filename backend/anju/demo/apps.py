from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for `make run` and the browser journeys (top layer: it may use every app)."""

    name = "anju.demo"
    label = "demo"
    verbose_name = "Demo data"
