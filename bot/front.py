"""A small round-robin HTTP front for replicas on loopback (Rasa servers, or action servers).

    python -m bot.front --port 5005 --upstream http://127.0.0.1:5006 --upstream http://127.0.0.1:5007

Each request goes to the next replica in turn. A replica that refuses the connection is skipped
(the request had not been sent, so trying the next one cannot process it twice) and left out for
a few seconds; a replica that fails after the request was sent is not retried (it may have
processed it), and the client gets 502. Headers pass through unchanged (the action server's token
included); bodies are limited in size before they are read. In production a reverse proxy or a
Kubernetes Service does this job (deploy/).
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import sys
import time

import aiohttp
from aiohttp import web

logger = logging.getLogger(__name__)
MAX_BODY_BYTES = 1 << 20
COOL_OFF_S = 5.0
UPSTREAM_TIMEOUT_S = 120.0
HOP_HEADERS = frozenset({"host", "connection", "keep-alive", "transfer-encoding", "content-length",
                         "proxy-connection", "upgrade", "te", "trailer"})


class Front:
    def __init__(self, upstreams: list[str]) -> None:
        if not upstreams:
            raise ValueError("a front needs at least one upstream")
        self.upstreams = [u.rstrip("/") for u in upstreams]
        self._turn = itertools.cycle(range(len(self.upstreams)))
        self._down_until = [0.0] * len(self.upstreams)
        self.session: aiohttp.ClientSession | None = None

    def _order(self) -> list[int]:
        """This request's replicas: the next in turn first, then the others; cooling ones last."""
        first = next(self._turn)
        order = [(first + k) % len(self.upstreams) for k in range(len(self.upstreams))]
        now = time.monotonic()
        return sorted(order, key=lambda i: self._down_until[i] > now)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
            return web.json_response({"error": "body too large"}, status=413)
        body = await request.content.read(MAX_BODY_BYTES + 1)
        if len(body) > MAX_BODY_BYTES:
            return web.json_response({"error": "body too large"}, status=413)
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_HEADERS}
        assert self.session is not None
        for index in self._order():
            url = self.upstreams[index] + request.rel_url.raw_path_qs
            try:
                async with self.session.request(request.method, url, data=body, headers=headers,
                                                allow_redirects=False) as reply:
                    payload = await reply.read()
                    out = {k: v for k, v in reply.headers.items() if k.lower() not in HOP_HEADERS}
                    return web.Response(status=reply.status, body=payload, headers=out)
            except aiohttp.ClientConnectorError:
                self._down_until[index] = time.monotonic() + COOL_OFF_S
                logger.warning("replica %d refused the connection; trying the next", index)
                continue
            except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                self._down_until[index] = time.monotonic() + COOL_OFF_S
                logger.error("replica %d failed after the request was sent: %s", index, type(exc).__name__)
                return web.json_response({"error": "upstream failed"}, status=502)
        return web.json_response({"error": "no replica available"}, status=503)

    def app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY_BYTES)

        async def start(_: web.Application) -> None:
            self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=UPSTREAM_TIMEOUT_S),
                                                 connector=aiohttp.TCPConnector(limit=0))

        async def stop(_: web.Application) -> None:
            if self.session:
                await self.session.close()

        app.on_startup.append(start)
        app.on_cleanup.append(stop)
        app.router.add_route("*", "/{tail:.*}", self.handle)
        return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.front")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--upstream", action="append", required=True, help="a replica's base URL (repeat)")
    args = parser.parse_args(argv)
    from bot import logjson

    logjson.setup()
    logger.info("front on %s:%d for %d replicas", args.host, args.port, len(args.upstream))
    web.run_app(Front(args.upstream).app(), host=args.host, port=args.port, print=None, access_log=None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
