"""The shape of a project's settings page (``GET``/``PUT /…/settings/{project_id}/``) that the apps above share."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from rest_framework.request import Request
from rest_framework.views import APIView

from anju.properties.models import Project
from anju.properties.selectors import list_projects


class ProjectSettingsView(APIView):
    """A project's practice settings: the project is read through the caller's scope (another project's → 404) before
    its settings are read or saved. Subclasses give ``permission_map`` and the ``get``/``put`` handlers."""

    def _project(self, request: Request, project_id: int) -> Project:
        return get_object_or_404(list_projects(actor=request.user), pk=project_id)
