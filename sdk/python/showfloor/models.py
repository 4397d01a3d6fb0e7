"""Typed results: dataclasses built from the API's JSON (unknown fields are ignored, `raw` keeps all)."""

from dataclasses import dataclass, field, fields
from typing import Any, Dict, List, Optional


def _build(cls, data: Optional[Dict[str, Any]]):
    """Maps camelCase JSON onto a dataclass whose fields are snake_case."""
    data = data or {}
    values = {}
    for f in fields(cls):
        if f.name == "raw":
            continue
        key = _camel(f.name)
        if key in data:
            values[f.name] = data[key]
    return cls(raw=data, **values)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


@dataclass
class Order:
    id: int = 0
    symbol: str = ""
    side: str = ""
    type: str = ""
    price_cents: Optional[int] = None
    quantity: int = 0
    filled_quantity: int = 0
    status: str = ""
    time_in_force: str = "GTC"
    client_order_id: Optional[str] = None
    average_price_cents: Optional[int] = None
    fee_cents: int = 0
    locked_cents: int = 0
    reason: Optional[str] = None
    created_at: str = ""
    raw: Dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def open(self) -> bool:
        return self.status in ("active", "partial")

    @classmethod
    def from_json(cls, data):
        return _build(cls, data)


@dataclass
class Fill:
    trade_id: int = 0
    order_id: Optional[int] = None
    symbol: str = ""
    side: str = ""
    price_cents: int = 0
    quantity: int = 0
    fee_cents: int = 0
    executed_at: str = ""
    raw: Dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data):
        return _build(cls, data)


@dataclass
class PlacedOrder:
    order: Order
    fills: List[Fill]
    replayed: bool = False

    @classmethod
    def from_json(cls, data, replayed=False):
        return cls(
            Order.from_json(data.get("order")),
            [Fill.from_json(f) for f in data.get("fills", [])],
            replayed,
        )


@dataclass
class Trade:
    trade_id: int = 0
    symbol: str = ""
    price_cents: int = 0
    quantity: int = 0
    aggressor: str = ""
    executed_at: str = ""
    raw: Dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data):
        return _build(cls, data)


@dataclass
class BookLevel:
    price_cents: int
    quantity: int
    orders: int = 0


@dataclass
class Book:
    symbol: str
    phase: str
    bids: List[BookLevel]
    asks: List[BookLevel]

    @property
    def best_bid(self) -> Optional[int]:
        return self.bids[0].price_cents if self.bids else None

    @property
    def best_ask(self) -> Optional[int]:
        return self.asks[0].price_cents if self.asks else None

    @property
    def mid(self) -> Optional[float]:
        if self.best_bid is None or self.best_ask is None:
            return None
        return (self.best_bid + self.best_ask) / 2

    def fair_price(self, fallback: float) -> float:
        """The mid, else the one side quoted, else `fallback` (the last or reference price)."""
        for price in (self.mid, self.best_bid, self.best_ask):
            if price is not None:
                return price
        return fallback

    @classmethod
    def from_json(cls, data):
        def levels(items):
            return [
                BookLevel(i.get("priceCents", 0), i.get("quantity", 0), i.get("orders", 0))
                for i in items or []
            ]

        return cls(data.get("symbol", ""), data.get("phase", ""), levels(data.get("bids")),
                   levels(data.get("asks")))


@dataclass
class Ticker:
    symbol: str = ""
    phase: str = ""
    last_price_cents: Optional[int] = None
    reference_price_cents: int = 0
    change_bps: int = 0
    best_bid_cents: Optional[int] = None
    best_ask_cents: Optional[int] = None
    day_volume: int = 0
    raw: Dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def mid(self) -> Optional[float]:
        if self.best_bid_cents is None or self.best_ask_cents is None:
            return None
        return (self.best_bid_cents + self.best_ask_cents) / 2

    @classmethod
    def from_json(cls, data):
        return _build(cls, data)


@dataclass
class Instrument:
    symbol: str = ""
    name: str = ""
    status: str = ""
    phase: str = ""
    reference_price_cents: int = 0
    last_price_cents: Optional[int] = None
    tick_size_cents: int = 1
    band_low_cents: int = 0
    band_high_cents: int = 0
    max_order_quantity: int = 0
    raw: Dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def last_or_reference_cents(self) -> int:
        return self.last_price_cents or self.reference_price_cents

    def on_tick(self, cents: float) -> int:
        """The nearest valid price: a multiple of the tick, inside the price band."""
        tick = max(1, self.tick_size_cents)
        price = int(round(cents / tick)) * tick
        if self.band_low_cents:
            price = max(price, -(-self.band_low_cents // tick) * tick)
        if self.band_high_cents:
            price = min(price, self.band_high_cents // tick * tick)
        return max(tick, price)

    @classmethod
    def from_json(cls, data):
        return _build(cls, data)


@dataclass
class Holding:
    symbol: str = ""
    shares: int = 0
    locked_shares: int = 0
    average_cost_cents: Optional[int] = None
    market_value_cents: int = 0
    unrealized_pnl_cents: int = 0
    realized_pnl_cents: int = 0
    raw: Dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def free_shares(self) -> int:
        return self.shares - self.locked_shares

    @classmethod
    def from_json(cls, data):
        return _build(cls, data)


@dataclass
class Portfolio:
    cash_cents: int
    locked_cash_cents: int
    holdings: List[Holding]
    equity_cents: int = 0
    raw: Dict[str, Any] = field(default_factory=dict, repr=False)

    def holding(self, symbol: str) -> Holding:
        for h in self.holdings:
            if h.symbol == symbol:
                return h
        return Holding(symbol=symbol)

    @classmethod
    def from_json(cls, data):
        return cls(data.get("cashCents", 0), data.get("lockedCashCents", 0),
                   [Holding.from_json(h) for h in data.get("holdings", [])],
                   data.get("equityCents", 0), data)


@dataclass
class Frame:
    """One topic frame of /api/stream (or /ws): {topic, type, seq, serverTime, data}."""

    topic: str
    type: str
    seq: Optional[int]
    server_time: str
    data: Any
    event_id: Optional[str] = None

    @classmethod
    def from_json(cls, data, event_id=None):
        return cls(data.get("topic", ""), data.get("type", ""), data.get("seq"),
                   data.get("serverTime", ""), data.get("data"), event_id)


@dataclass
class RateLimit:
    """The IETF RateLimit-* headers of the last answer (None when the server sent none)."""

    limit: Optional[int] = None
    remaining: Optional[int] = None
    reset_seconds: Optional[float] = None
