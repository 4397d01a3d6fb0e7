#!/usr/bin/env python3
"""Simple moving-average crossover, always in the market: long while the short average of the mid
price is at or above the long one, short (selling from inventory) while it is below.

    python3 examples/sma_crossover.py --url http://localhost:8080 --api-key sfk_... --seconds 60
"""
import argparse, os, sys, time, uuid
from collections import deque

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sdk", "python"))
from showfloor import ApiError, Client  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--url", default=os.environ.get("SHOWFLOOR_URL", "http://localhost:8080"))
    p.add_argument("--api-key", default=os.environ.get("SHOWFLOOR_API_KEY"))
    p.add_argument("--symbol", default="DEMOGTR")
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--short", type=int, default=3, help="samples in the short average")
    p.add_argument("--long", type=int, default=8, help="samples in the long average")
    p.add_argument("--size", type=int, default=1)
    p.add_argument("--every", type=float, default=0.5, help="seconds between samples")
    args = p.parse_args()
    client = Client(args.url, api_key=args.api_key)
    instrument = client.instrument(args.symbol)
    mids, regime, placed = deque(maxlen=args.long), None, 0
    deadline = time.monotonic() + args.seconds
    try:
        while time.monotonic() < deadline:
            book = client.book(args.symbol, depth=1)
            mids.append(book.fair_price(instrument.last_or_reference_cents))
            if len(mids) >= args.short:  # the long average grows to its window meanwhile
                short = sum(list(mids)[-args.short:]) / args.short
                long_ = sum(mids) / len(mids)
                wanted = "long" if short >= long_ else "short"
                if wanted != regime and trade(client, args, instrument, book, wanted):
                    placed += 1
                    regime = wanted
            time.sleep(args.every)
    finally:
        client.cancel_all(args.symbol)
    print(f"sma_crossover: placed {placed} orders, regime {regime}")


def trade(client, args, instrument, book, wanted):
    """Crosses the spread with an immediate-or-cancel order at the touch (at the mid if none)."""
    fair = instrument.on_tick(book.fair_price(instrument.last_or_reference_cents))
    if wanted == "long":
        side, price = "buy", book.best_ask or fair
    else:
        side, price = "sell", book.best_bid or fair
        if client.portfolio().holding(args.symbol).free_shares < args.size:
            return False
    try:
        order = client.place_order(args.symbol, side, args.size, price, time_in_force="IOC",
                                   client_order_id=f"sma-{uuid.uuid4().hex[:12]}").order
        print(f"{wanted}: {side} {args.size} @ {price} -> {order.status}")
        return True
    except ApiError as e:
        print(f"{side} refused: {e.code} {e.detail}")
        return False


if __name__ == "__main__":
    main()
