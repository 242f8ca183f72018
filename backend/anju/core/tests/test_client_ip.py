"""The client's address behind a trusted reverse proxy (login limits per IP and the access log depend on it)."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.test import RequestFactory

from anju.core.access_log import client_ip


def _request(remote: str, forwarded: str = "") -> Any:
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_given_no_trusted_proxy_when_a_client_sends_x_forwarded_for_then_it_is_ignored(settings: Any) -> None:
    settings.TRUSTED_PROXY_NETWORKS = []
    assert client_ip(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_given_a_trusted_proxy_when_it_forwards_then_the_rightmost_untrusted_address_is_the_client(settings: Any) -> None:
    settings.TRUSTED_PROXY_NETWORKS = [ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("10.0.0.0/8")]
    # what the client wrote itself (1.1.1.1) sits left of what nginx appended: never believed
    assert client_ip(_request("127.0.0.1", "1.1.1.1, 198.51.100.7, 10.0.0.3")) == "198.51.100.7"
    assert client_ip(_request("127.0.0.1")) == "127.0.0.1"
    assert client_ip(_request("127.0.0.1", "not-an-ip")) == "127.0.0.1"
    # a request that does not come through the proxy keeps its own address
    assert client_ip(_request("203.0.113.9", "198.51.100.7")) == "203.0.113.9"
