"""Unit tests of the SDK against a scripted local HTTP server (no Showfloor node needed)."""

import json
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from showfloor import ApiError, Client, PlacedOrder


class Script:
    """Answers requests in order from a list of (status, headers, body) and records them."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.requests = []


def serve(script):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            script.requests.append((self.command, self.path, dict(self.headers), body))
            status, headers, payload = script.answers.pop(0)
            if callable(payload):
                payload(self)
                return
            data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_DELETE = answer

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


ORDER = {"order": {"id": 7, "symbol": "ACME", "side": "buy", "type": "limit", "priceCents": 990,
                   "quantity": 3, "filledQuantity": 1, "status": "partial", "timeInForce": "GTC",
                   "createdAt": "2026-01-01T00:00:00Z", "somethingNew": True},
         "fills": [{"tradeId": 11, "priceCents": 990, "quantity": 1, "feeCents": 2}]}


class ScriptedServer(unittest.TestCase):
    def client(self, *answers, **options):
        self.script = Script(answers)
        self.server = serve(self.script)
        self.addCleanup(self.server.shutdown)
        self.addCleanup(self.server.server_close)
        self.slept = []
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        return Client(base, api_key="sfk_test", sleep=self.slept.append, **options)


class ClientTest(ScriptedServer):
    def test_429_waits_what_retry_after_says_then_succeeds(self):
        client = self.client((429, {"Retry-After": "2"}, {"code": "rate_limited"}),
                             (200, {}, {"symbol": "ACME", "bestBidCents": 990,
                                        "bestAskCents": 1010}))
        ticker = client.ticker("ACME")
        self.assertEqual([2.0], self.slept)
        self.assertEqual(1000, ticker.mid)
        self.assertEqual("sfk_test", self.script.requests[0][2]["X-Api-Key"])

    def test_ratelimit_reset_is_honoured_and_remembered(self):
        limits = {"RateLimit-Limit": "60", "RateLimit-Remaining": "0", "RateLimit-Reset": "3"}
        client = self.client((429, limits, {"code": "rate_limited"}),
                             (200, {"RateLimit-Limit": "60", "RateLimit-Remaining": "59",
                                    "RateLimit-Reset": "60"}, {"items": []}))
        self.assertEqual([], client.orders())
        self.assertEqual([3.0], self.slept)
        self.assertEqual((60, 59, 60.0), (client.rate_limit.limit, client.rate_limit.remaining,
                                          client.rate_limit.reset_seconds))

    def test_5xx_backs_off_exponentially_and_gives_up_with_the_problem(self):
        busy = (503, {}, {"code": "book_moving", "detail": "try again"})
        client = self.client(busy, busy, busy, max_retries=2, backoff_seconds=1)
        with self.assertRaises(ApiError) as raised:
            client.book("ACME")
        self.assertEqual((503, "book_moving"), (raised.exception.status, raised.exception.code))
        self.assertEqual(2, len(self.slept))
        self.assertTrue(1 <= self.slept[0] <= 2 and 2 <= self.slept[1] <= 4, self.slept)

    def test_orders_carry_one_idempotency_key_across_retries(self):
        client = self.client((502, {}, b""), (201, {}, ORDER))
        placed = client.buy("ACME", 3, 990)
        keys = [r[2].get("Idempotency-Key") for r in self.script.requests]
        self.assertEqual(2, len(keys))
        self.assertIsNotNone(keys[0])
        self.assertEqual(keys[0], keys[1], "a retry sends the same key")
        body = json.loads(self.script.requests[0][3])
        self.assertEqual({"symbol": "ACME", "side": "buy", "quantity": 3, "type": "limit",
                          "priceCents": 990, "timeInForce": "GTC"}, body)
        self.assertIsInstance(placed, PlacedOrder)
        self.assertEqual((7, "partial", 990, 1), (placed.order.id, placed.order.status,
                                                  placed.order.price_cents,
                                                  placed.order.filled_quantity))
        self.assertTrue(placed.order.open)
        self.assertEqual(11, placed.fills[0].trade_id)
        self.assertFalse(placed.replayed)
        self.assertTrue(placed.order.raw["somethingNew"], "unknown fields stay in raw")

    def test_a_new_call_gets_a_new_key_and_a_replay_is_marked(self):
        client = self.client((201, {}, ORDER), (200, {}, ORDER))
        client.sell("ACME", 1)
        replay = client.sell("ACME", 1, idempotency_key="mine")
        keys = [r[2].get("Idempotency-Key") for r in self.script.requests]
        self.assertNotEqual(keys[0], keys[1])
        self.assertEqual("mine", keys[1])
        self.assertTrue(replay.replayed)
        self.assertEqual("market", json.loads(self.script.requests[0][3])["type"])

    def test_a_post_without_idempotency_key_is_not_retried(self):
        client = self.client((503, {}, {"code": "unavailable"}))
        with self.assertRaises(ApiError):
            client.post("/api/shows", {"title": "x"})
        self.assertEqual(1, len(self.script.requests))
        self.assertNotIn("Idempotency-Key", self.script.requests[0][2])

    def test_refusals_raise_with_their_stable_code(self):
        client = self.client((422, {"Content-Type": "application/problem+json"},
                              {"code": "insufficient_funds", "detail": "Not enough cash"}))
        with self.assertRaises(ApiError) as raised:
            client.buy("ACME", 1000, 990)
        self.assertEqual(("insufficient_funds", 422), (raised.exception.code,
                                                       raised.exception.status))
        self.assertEqual([], self.slept, "a 4xx other than 429 is not retried")

    def test_cancel_of_an_ended_order_answers_none(self):
        client = self.client((409, {}, {"code": "order_not_open"}))
        self.assertIsNone(client.cancel(7))


def sse(events, close=True):
    def write(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/event-stream")
        handler.end_headers()
        for chunk in events:
            handler.wfile.write(chunk.encode())
            handler.wfile.flush()
        if close:
            handler.close_connection = True
    return write


class StreamTest(ScriptedServer):
    def test_frames_heartbeats_and_a_resume_with_last_event_id(self):
        first = sse([": stream open\n\n",
                     'id: market:ACME=4\ndata: {"topic":"market:ACME","type":"snapshot",'
                     '"seq":4,"serverTime":"t","data":{"bids":[]}}\n\n',
                     ": heartbeat\n\n"])
        second = sse(['id: market:ACME=5\ndata: {"topic":"market:ACME","type":"trade",'
                      '"seq":5,"serverTime":"t","data":{"priceCents":990}}\n\n'])
        client = self.client((200, {}, first), (200, {}, second))
        stream = client.stream(["market:ACME"])
        frames = []
        for frame in stream:
            frames.append(frame)
            if len(frames) == 2:
                break
        stream.close()
        self.assertEqual([("snapshot", 4), ("trade", 5)], [(f.type, f.seq) for f in frames])
        self.assertEqual(990, frames[1].data["priceCents"])
        self.assertEqual("/api/stream?topics=market%3AACME", self.script.requests[0][1])
        self.assertNotIn("Last-Event-ID", self.script.requests[0][2])
        self.assertEqual("market:ACME=4", self.script.requests[1][2]["Last-Event-ID"])

    def test_a_refused_stream_raises_before_any_frame(self):
        client = self.client((400, {}, {"code": "unknown_topic", "detail": "No such topic"}))
        with self.assertRaises(ApiError) as raised:
            list(client.stream(["nosuch:1"]))
        self.assertEqual("unknown_topic", raised.exception.code)


if __name__ == "__main__":
    unittest.main()
