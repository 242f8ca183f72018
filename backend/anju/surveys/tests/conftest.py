from anju.workorders.tests.conftest import desk, today  # noqa: F401 - the service desk for automatic surveys
