"""An iterator over /api/stream (Server-Sent Events) on http.client, standard library only."""

import http.client
import json
import socket
import time
import urllib.parse
from typing import Iterator, List, Optional

from .errors import ApiError, ConnectionFailed
from .models import Frame

# the server sends a comment at least every realtime.heartbeatSeconds (20 by default); silence for
# longer than this means the connection is gone
READ_TIMEOUT_SECONDS = 45.0


class EventStream:
    """Frames of the requested topics, in order, across reconnects.

    Each frame's SSE id is the stream's position on every topic; after a dropped connection the
    stream reconnects with it as Last-Event-ID, so a topic resumes with the next event or, when
    something was missed, with a fresh `snapshot` frame. A 4xx before the stream starts (unknown
    topic, bad credentials) is raised as ApiError at once.
    """

    def __init__(self, client, topics: List[str], last_event_id: Optional[str],
                 deadline: Optional[float], reconnects: int):
        self.client = client
        self.topics = topics
        self.last_event_id = last_event_id
        self.deadline = deadline
        self.reconnects = reconnects
        self._connection: Optional[http.client.HTTPConnection] = None
        self._opened = None
        self._closed = False

    def open(self) -> "EventStream":
        """Connects now: once this returns, every topic is subscribed (the server answers only
        then), so nothing published from here on is missed. Raises ApiError for a refusal."""
        if self._opened is None:
            self._opened = self._connect()
        return self

    def __iter__(self) -> Iterator[Frame]:
        failures = 0
        while not self._closed and not self._expired():
            try:
                for frame in self._one_connection():
                    failures = 0
                    yield frame
            except (OSError, http.client.HTTPException) as e:
                if self._closed or self._expired():
                    break
                failures += 1
                if failures > self.reconnects:
                    raise ConnectionFailed(f"stream lost: {e}") from e
                time.sleep(min(5.0, 0.2 * 2 ** failures))
        self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self._closed = True
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _expired(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    def _timeout(self) -> float:
        if self.deadline is None:
            return READ_TIMEOUT_SECONDS
        return max(0.05, min(READ_TIMEOUT_SECONDS, self.deadline - time.monotonic()))

    def _one_connection(self) -> Iterator[Frame]:
        opened, self._opened = self._opened, None
        response, sock = opened if opened is not None else self._connect()
        yield from self._frames(response, sock)

    def _connect(self):
        url = urllib.parse.urlsplit(self.client.base_url)
        kind = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
        self._connection = kind(url.hostname, url.port, timeout=self._timeout())
        headers = self.client.headers()
        headers["Accept"] = "text/event-stream"
        if self.last_event_id:
            headers["Last-Event-ID"] = self.last_event_id
        query = urllib.parse.urlencode({"topics": ",".join(self.topics)})
        self._connection.request("GET", f"{url.path}/api/stream?{query}", headers=headers)
        sock = self._connection.sock  # the response reads it even once the connection lets go
        response = self._connection.getresponse()
        if response.status != 200:
            body = response.read()
            problem = json.loads(body) if body else {}
            self.close()
            raise ApiError(response.status, problem.get("code", f"http_{response.status}"),
                           problem.get("detail", ""), problem, dict(response.getheaders()))
        return response, sock

    def _frames(self, response, sock) -> Iterator[Frame]:
        event_id, data = None, []
        while not self._closed:
            if self._expired():
                return
            sock.settimeout(self._timeout())
            try:
                raw = response.readline()
            except socket.timeout:
                if self._expired():
                    return
                raise
            if not raw:
                raise ConnectionResetError("the server ended the stream")
            line = raw.decode("utf-8").rstrip("\r\n")
            if line == "":
                if data:
                    if event_id is not None:
                        self.last_event_id = event_id
                    yield Frame.from_json(json.loads("\n".join(data)), event_id)
                event_id, data = None, []
            elif line.startswith(":"):
                continue  # a heartbeat or the opening comment
            else:
                name, _, value = line.partition(":")
                value = value[1:] if value.startswith(" ") else value
                if name == "id":
                    event_id = value
                elif name == "data":
                    data.append(value)
