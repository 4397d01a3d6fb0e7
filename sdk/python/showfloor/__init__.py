"""Showfloor's Python SDK: REST with retries, typed results and a Server-Sent Events stream.

    from showfloor import Client
    client = Client("http://localhost:8080", api_key="sfk_...")
    print(client.ticker("DEMOGTR"))
"""

from .client import Client
from .errors import ApiError, ConnectionFailed
from .models import (Book, BookLevel, Fill, Frame, Holding, Instrument, Order, PlacedOrder,
                     Portfolio, RateLimit, Ticker, Trade)
from .stream import EventStream

__all__ = ["Client", "ApiError", "ConnectionFailed", "EventStream", "Book", "BookLevel", "Fill",
           "Frame", "Holding", "Instrument", "Order", "PlacedOrder", "Portfolio", "RateLimit",
           "Ticker", "Trade"]
__version__ = "0.1.0"
