# The service-desk fixtures (project A's agent, supervisor and technicians) are shared with the work-order tests.
from anju.workorders.tests.conftest import desk, today

__all__ = ["desk", "today"]
