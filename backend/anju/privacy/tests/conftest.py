from anju.workorders.tests.conftest import desk, today

__all__ = ["desk", "today"]
