"""The fetcher's own list of public-looking ranges it refuses (no private helper borrowed)."""

from __future__ import annotations

import pytest
from requests_hardened import ip_filter

from articles.fetch import EXTRA_BLOCKED_NETWORKS, refused_address


@pytest.mark.parametrize("network", EXTRA_BLOCKED_NETWORKS, ids=str)
def test_every_address_of_an_extra_range_is_refused(network):
    for address in (network[0], network[1], network[-1]):
        assert refused_address(str(address)) is not None, address


def test_the_list_keeps_every_range_requests_hardened_refuses():
    """An upgrade of requests-hardened that adds a range shows up here."""
    assert set(ip_filter.EXTRA_BLOCKED_NET_RANGES) <= set(EXTRA_BLOCKED_NETWORKS)


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])
def test_public_addresses_are_not_refused(address):
    assert refused_address(address) is None


def test_cg_nat_behind_an_ipv4_mapped_address_is_refused():
    assert refused_address("::ffff:100.64.0.1") == "reserved"
