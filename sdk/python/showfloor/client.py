"""REST client for the Showfloor API, standard library only."""

import json
import random
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any, Callable, Dict, Iterable, List, Optional

from .errors import ApiError, ConnectionFailed
from .models import Book, Fill, Instrument, Order, PlacedOrder, Portfolio, RateLimit, Ticker, Trade
from .stream import EventStream

RETRY_STATUSES = (429, 500, 502, 503, 504)

# POSTs whose operation takes an Idempotency-Key (the contract's IdempotencyKey parameter): the SDK
# sends a fresh key with each call and the same key with each retry of it, so a retry never
# places a second order or makes a second deposit.
IDEMPOTENT_POSTS = (
    "/api/market/orders",
    "/api/wallet/deposits",
    "/api/wallet/withdrawals",
)


class Client:
    """A Showfloor API client.

    Authenticates with an API key (`X-API-Key`) or a bearer access token. Retries 429 and 5xx
    answers (and lost connections) up to `max_retries` times, waiting what `Retry-After` or
    `RateLimit-Reset` says, else an exponential backoff with jitter. GET, PUT, PATCH and DELETE are
    retried; a POST only when it carries an Idempotency-Key.
    """

    def __init__(self, base_url: str, api_key: Optional[str] = None,
                 token: Optional[str] = None, max_retries: int = 4, backoff_seconds: float = 0.25,
                 max_wait_seconds: float = 30.0, timeout: float = 15.0,
                 sleep: Callable[[float], None] = time.sleep, device_id: Optional[str] = None):
        self.base_url = base_url.rstrip("/")
        # sent as X-Device-Id: the platform keeps its hash as an owner signal for wash detection
        self.device_id = device_id
        self.api_key = api_key
        self.token = token
        self.max_retries = max_retries
        self.backoff_seconds = backoff_seconds
        self.max_wait_seconds = max_wait_seconds
        self.timeout = timeout
        self.rate_limit = RateLimit()
        self._sleep = sleep

    # ---- the generic call -------------------------------------------------------------------

    def headers(self) -> Dict[str, str]:
        headers = {"Accept": "application/json", "User-Agent": "showfloor-python/0.1"}
        if self.api_key:
            headers["X-API-Key"] = self.api_key
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        if self.device_id:
            headers["X-Device-Id"] = self.device_id
        return headers

    def request(self, method: str, path: str, body: Any = None,
                query: Optional[Dict[str, Any]] = None,
                idempotency_key: Optional[str] = None):
        """Sends one call (with retries) and answers (status, JSON body or None, headers)."""
        if query:
            pairs = {k: v for k, v in query.items() if v is not None}
            if pairs:
                path += "?" + urllib.parse.urlencode(pairs)
        headers = self.headers()
        if method == "POST" and idempotency_key is None and path.split("?")[0] in IDEMPOTENT_POSTS:
            idempotency_key = str(uuid.uuid4())
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        retryable = method != "POST" or idempotency_key is not None
        attempt = 0
        while True:
            try:
                status, payload, answer_headers = self._send(method, path, data, headers)
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as e:
                if not retryable or attempt >= self.max_retries:
                    raise ConnectionFailed(f"{method} {path}: {e}") from e
                self._sleep(self._backoff(attempt))
                attempt += 1
                continue
            if status in RETRY_STATUSES and retryable and attempt < self.max_retries:
                self._sleep(self._wait_for(answer_headers, attempt))
                attempt += 1
                continue
            if status >= 400:
                problem = payload if isinstance(payload, dict) else {}
                raise ApiError(status, problem.get("code", "http_" + str(status)),
                               problem.get("detail", problem.get("title", "")), problem,
                               answer_headers)
            return status, payload, answer_headers

    def _send(self, method, path, data, headers):
        req = urllib.request.Request(self.base_url + path, data=data, headers=headers,
                                     method=method)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as response:
                return self._answer(response.status, response.read(), response.headers)
        except urllib.error.HTTPError as e:
            with e:
                return self._answer(e.code, e.read(), e.headers)

    def _answer(self, status, raw, headers):
        flat = {k.lower(): v for k, v in headers.items()}
        self._remember_rate_limit(flat)
        try:
            payload = json.loads(raw) if raw else None
        except ValueError:  # a proxy's HTML error page, say
            payload = None
        return status, payload, flat

    def _remember_rate_limit(self, headers):
        def number(name, kind):
            try:
                return kind(headers[name]) if name in headers else None
            except ValueError:
                return None

        if "ratelimit-limit" in headers or "ratelimit-remaining" in headers:
            self.rate_limit = RateLimit(number("ratelimit-limit", int),
                                        number("ratelimit-remaining", int),
                                        number("ratelimit-reset", float))

    def _wait_for(self, headers, attempt) -> float:
        """Retry-After, else RateLimit-Reset (both in seconds), else exponential backoff."""
        for name in ("retry-after", "ratelimit-reset"):
            value = headers.get(name)
            if value is not None:
                try:
                    return min(self.max_wait_seconds, max(0.0, float(value)))
                except ValueError:
                    pass  # an HTTP date: fall back to backoff
        return self._backoff(attempt)

    def _backoff(self, attempt) -> float:
        base = self.backoff_seconds * (2 ** attempt)
        return min(self.max_wait_seconds, base + random.uniform(0, base))

    def get(self, path, **query):
        return self.request("GET", path, query=query)[1]

    def post(self, path, body=None, idempotency_key=None):
        return self.request("POST", path, body, idempotency_key=idempotency_key)[1]

    def delete(self, path):
        return self.request("DELETE", path)[1]

    # ---- market data ------------------------------------------------------------------------

    def instruments(self) -> List[Instrument]:
        return [Instrument.from_json(i) for i in self.get("/api/market/instruments")["items"]]

    def instrument(self, symbol: str) -> Instrument:
        return Instrument.from_json(self.get(f"/api/market/instruments/{_seg(symbol)}"))

    def book(self, symbol: str, depth: int = 10) -> Book:
        return Book.from_json(self.get(f"/api/market/instruments/{_seg(symbol)}/book", depth=depth))

    def ticker(self, symbol: str) -> Ticker:
        return Ticker.from_json(self.get(f"/api/market/instruments/{_seg(symbol)}/ticker"))

    def trades(self, symbol: str, limit: int = 50) -> List[Trade]:
        page = self.get(f"/api/market/instruments/{_seg(symbol)}/trades", limit=limit)
        return [Trade.from_json(t) for t in page["items"]]

    def candles(self, symbol: str, interval: str = "1m", limit: int = 100) -> List[Dict]:
        return self.get(f"/api/market/instruments/{_seg(symbol)}/candles", interval=interval,
                        limit=limit)["candles"]

    # ---- trading ----------------------------------------------------------------------------

    def place_order(self, symbol: str, side: str, quantity: int, price_cents: Optional[int] = None,
                    time_in_force: str = "GTC", client_order_id: Optional[str] = None,
                    idempotency_key: Optional[str] = None) -> PlacedOrder:
        """A limit order when `price_cents` is given, else a market order."""
        body = {"symbol": symbol, "side": side, "quantity": int(quantity),
                "type": "market" if price_cents is None else "limit"}
        if price_cents is not None:
            body["priceCents"] = int(price_cents)
            body["timeInForce"] = time_in_force
        if client_order_id:
            body["clientOrderId"] = client_order_id
        status, payload, _ = self.request("POST", "/api/market/orders", body,
                                          idempotency_key=idempotency_key)
        return PlacedOrder.from_json(payload, replayed=status == 200)

    def buy(self, symbol, quantity, price_cents=None, **kwargs) -> PlacedOrder:
        return self.place_order(symbol, "buy", quantity, price_cents, **kwargs)

    def sell(self, symbol, quantity, price_cents=None, **kwargs) -> PlacedOrder:
        return self.place_order(symbol, "sell", quantity, price_cents, **kwargs)

    def order(self, order_id: int) -> PlacedOrder:
        return PlacedOrder.from_json(self.get(f"/api/market/orders/{int(order_id)}"))

    def orders(self, status: Optional[str] = None, symbol: Optional[str] = None,
               limit: int = 50) -> List[Order]:
        page = self.get("/api/market/orders", status=status, symbol=symbol, limit=limit)
        return [Order.from_json(o) for o in page["items"]]

    def cancel(self, order_id: int) -> Optional[Order]:
        """Cancels what is left of an order; None when it had already ended (409)."""
        try:
            return Order.from_json(self.delete(f"/api/market/orders/{int(order_id)}")["order"])
        except ApiError as e:
            if e.status == 409:
                return None
            raise

    def cancel_all(self, symbol: Optional[str] = None) -> int:
        """Cancels the caller's open orders (on one symbol), one by one; answers how many."""
        cancelled = 0
        for order in self.orders(status="open", symbol=symbol, limit=200):
            if self.cancel(order.id) is not None:
                cancelled += 1
        return cancelled

    def fills(self, symbol: Optional[str] = None, limit: int = 50) -> List[Fill]:
        page = self.get("/api/market/fills", symbol=symbol, limit=limit)
        return [Fill.from_json(f) for f in page["items"]]

    def portfolio(self) -> Portfolio:
        return Portfolio.from_json(self.get("/api/market/portfolio"))

    def deposit(self, amount_cents: int) -> Dict:
        """A wallet deposit (completes at once with the sandbox payment provider)."""
        return self.post("/api/wallet/deposits", {"amountCents": int(amount_cents)})

    # ---- streams ----------------------------------------------------------------------------

    def stream(self, topics: Iterable[str], last_event_id: Optional[str] = None,
               deadline: Optional[float] = None, reconnects: int = 5) -> EventStream:
        """Server-Sent Events from /api/stream: iterate it for `Frame`s.

        It reconnects by itself (sending Last-Event-ID, so it resumes where it was, or starts
        again from a snapshot) and stops at `deadline` (a `time.monotonic()` value) if given.
        """
        return EventStream(self, list(topics), last_event_id, deadline, reconnects)


def _seg(value: str) -> str:
    return urllib.parse.quote(str(value), safe="")
