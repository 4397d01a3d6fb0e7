#!/usr/bin/env python3
"""Momentum on the live stream: follows market:<symbol> over Server-Sent Events and holds a long
position while the mid price is at or above where it was `--lookback` seconds ago, short (selling
from inventory) while it is below. No polling: every book change arrives as a frame.

    python3 examples/momentum.py --url http://localhost:8080 --api-key sfk_... --seconds 60
"""
import argparse, os, sys, time, uuid
from collections import deque

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sdk", "python"))
from showfloor import ApiError, Book, Client  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--url", default=os.environ.get("SHOWFLOOR_URL", "http://localhost:8080"))
    p.add_argument("--api-key", default=os.environ.get("SHOWFLOOR_API_KEY"))
    p.add_argument("--symbol", default="DEMOGTR")
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--lookback", type=float, default=5.0, help="seconds of history compared")
    p.add_argument("--size", type=int, default=1)
    args = p.parse_args()
    client = Client(args.url, api_key=args.api_key)
    instrument = client.instrument(args.symbol)
    history, regime, placed = deque(), None, 0
    deadline = time.monotonic() + args.seconds
    stream = client.stream([f"market:{args.symbol}"], deadline=deadline)
    try:
        for frame in stream:
            if frame.type == "snapshot":
                book = Book.from_json(frame.data["book"])
            elif frame.type == "book.update":
                book = Book.from_json(frame.data)
            else:
                continue  # trades and tickers: the book frames carry what we need
            mid = book.fair_price(instrument.last_or_reference_cents)
            now = time.monotonic()
            history.append((now, mid))
            while history[0][0] < now - args.lookback:
                history.popleft()
            wanted = "long" if mid >= history[0][1] else "short"
            if wanted != regime and trade(client, args, book, instrument.on_tick(mid), wanted):
                placed += 1
                regime = wanted
    finally:
        stream.close()
        client.cancel_all(args.symbol)
    print(f"momentum: placed {placed} orders, regime {regime}")


def trade(client, args, book, fair, wanted):
    """Crosses the spread immediate-or-cancel at the touch (at the mid when that side is empty)."""
    side, price = ("buy", book.best_ask or fair) if wanted == "long" else ("sell", book.best_bid or fair)
    if side == "sell" and client.portfolio().holding(args.symbol).free_shares < args.size:
        return False
    try:
        order = client.place_order(args.symbol, side, args.size, price, time_in_force="IOC",
                                   client_order_id=f"mom-{uuid.uuid4().hex[:12]}").order
        print(f"{wanted}: {side} {args.size} @ {price} -> {order.status}")
        return True
    except ApiError as e:
        print(f"{side} refused: {e.code} {e.detail}")
        return False


if __name__ == "__main__":
    main()
