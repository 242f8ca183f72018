from anju.owners.tests.conftest import owner_client

__all__ = ["owner_client"]
