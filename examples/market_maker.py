#!/usr/bin/env python3
"""Market maker: quotes both sides around the mid price and leans its quotes against its inventory
(holding more than it started with lowers both prices, so it sells more readily).

    python3 examples/market_maker.py --url http://localhost:8080 --api-key sfk_... --seconds 60
"""
import argparse, os, sys, time, uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sdk", "python"))
from showfloor import ApiError, Client  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--url", default=os.environ.get("SHOWFLOOR_URL", "http://localhost:8080"))
    p.add_argument("--api-key", default=os.environ.get("SHOWFLOOR_API_KEY"))
    p.add_argument("--symbol", default="DEMOGTR")
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--half-spread", type=int, default=2, help="ticks from the mid to each quote")
    p.add_argument("--size", type=int, default=2)
    p.add_argument("--every", type=float, default=1.5, help="seconds between re-quotes")
    args = p.parse_args()
    client = Client(args.url, api_key=args.api_key)
    instrument = client.instrument(args.symbol)
    tick = instrument.tick_size_cents
    start = client.portfolio().holding(args.symbol).shares
    placed = 0
    deadline = time.monotonic() + args.seconds
    try:
        while time.monotonic() < deadline:
            book = client.book(args.symbol, depth=1)
            mid = book.fair_price(instrument.last_or_reference_cents)
            client.cancel_all(args.symbol)
            holding = client.portfolio().holding(args.symbol)
            skew = (holding.shares - start) * tick  # lean against what we have piled up
            bid = instrument.on_tick(mid - args.half_spread * tick - skew)
            ask = max(bid + tick, instrument.on_tick(mid + args.half_spread * tick - skew))
            placed += quote(client, args, "buy", bid)
            if holding.free_shares >= args.size:
                placed += quote(client, args, "sell", ask)
            time.sleep(args.every)
    finally:
        client.cancel_all(args.symbol)
    print(f"market_maker: placed {placed} orders")


def quote(client, args, side, price):
    try:
        client.place_order(args.symbol, side, args.size, price,
                           client_order_id=f"mm-{uuid.uuid4().hex[:12]}")
        print(f"{side} {args.size} @ {price}")
        return 1
    except ApiError as e:
        print(f"{side} refused: {e.code} {e.detail}")
        return 0


if __name__ == "__main__":
    main()
