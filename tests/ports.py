"""Free loopback ports for servers the tests start, kill and restart.

A port from the kernel's ephemeral range (what binding port 0 gives) can be taken while its server is down:
a client polling it (Rasa's readiness check of a killed action server) may be given that very port as its
own source port and connect to itself, so the restarted server cannot bind it and dies again. The full
suite hit this once in a few runs. Ports below the ephemeral range are never given to clients.
"""
from __future__ import annotations

import random
import socket
from pathlib import Path

LOWEST = 20000


def _ephemeral_start() -> int:
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def free_port() -> int:
    """A loopback port below the ephemeral range that nothing listens on now."""
    top = _ephemeral_start()
    for _ in range(200):
        port = random.randrange(LOWEST, top)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise RuntimeError("no free port below the ephemeral range")
