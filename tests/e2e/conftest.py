"""pytest fixtures: a seeded agentd per test module."""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from agentd import Server  # noqa: E402


@pytest.fixture(scope="module")
def server():
    s = Server(seed=True)
    yield s
    status = s.stop()
    assert status == 0, "agentd did not exit cleanly:\n" + s.log()[-4000:]


@pytest.fixture(scope="module")
def owner(server):
    c = server.client("owner")
    yield c
    c.close()


@pytest.fixture()
def ws(server):
    return f"/api/workspaces/{server.ws}"
