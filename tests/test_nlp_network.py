"""The NLP tests run under the shared ``no_network`` fixture (tests/conftest.py); check it bites.

Nothing in qual-si may reach the network: making any socket connection fail turns an accidental
model download into a test failure instead of a silent success on a connected machine.
"""

from __future__ import annotations

import os
import socket

import pytest

pytestmark = pytest.mark.usefixtures("no_network")


def test_connecting_anywhere_fails_and_hubs_are_offline() -> None:
    # The fixture's own AssertionError, not an OSError: port 9 refuses connections anyway, so an
    # OSError would also come from a fixture that does nothing.
    with pytest.raises(AssertionError, match="network access attempted"):
        socket.create_connection(("127.0.0.1", 9))
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as raw,
        pytest.raises(AssertionError, match="network access attempted"),
    ):
        raw.connect(("127.0.0.1", 9))
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
