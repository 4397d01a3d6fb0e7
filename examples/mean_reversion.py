#!/usr/bin/env python3
"""Mean reversion: rests a bid below the recent mean of the mid price and an offer above it, the
distance set by the recent volatility, and re-centres both every few seconds.

    python3 examples/mean_reversion.py --url http://localhost:8080 --api-key sfk_... --seconds 60
"""
import argparse, os, statistics, sys, time, uuid
from collections import deque

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sdk", "python"))
from showfloor import ApiError, Client  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--url", default=os.environ.get("SHOWFLOOR_URL", "http://localhost:8080"))
    p.add_argument("--api-key", default=os.environ.get("SHOWFLOOR_API_KEY"))
    p.add_argument("--symbol", default="DEMOGTR")
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--window", type=int, default=10, help="samples in the mean")
    p.add_argument("--k", type=float, default=2.0, help="band width in standard deviations")
    p.add_argument("--min-ticks", type=int, default=3, help="narrowest band, in ticks")
    p.add_argument("--size", type=int, default=1)
    p.add_argument("--requote", type=float, default=2.0, help="seconds between re-centring")
    args = p.parse_args()
    client = Client(args.url, api_key=args.api_key)
    instrument = client.instrument(args.symbol)
    mids, placed, last_quote = deque(maxlen=args.window), 0, 0.0
    deadline = time.monotonic() + args.seconds
    try:
        while time.monotonic() < deadline:
            book = client.book(args.symbol, depth=1)
            mids.append(book.fair_price(instrument.last_or_reference_cents))
            if len(mids) >= 3 and time.monotonic() - last_quote >= args.requote:
                mean = statistics.fmean(mids)
                band = max(args.k * statistics.pstdev(mids),
                           args.min_ticks * instrument.tick_size_cents)
                client.cancel_all(args.symbol)
                placed += quote(client, args, "buy", instrument.on_tick(mean - band))
                if client.portfolio().holding(args.symbol).free_shares >= args.size:
                    placed += quote(client, args, "sell", instrument.on_tick(mean + band))
                last_quote = time.monotonic()
            time.sleep(0.5)
    finally:
        client.cancel_all(args.symbol)
    print(f"mean_reversion: placed {placed} orders")


def quote(client, args, side, price):
    try:
        client.place_order(args.symbol, side, args.size, price,
                           client_order_id=f"meanrev-{uuid.uuid4().hex[:12]}")
        print(f"{side} {args.size} @ {price}")
        return 1
    except ApiError as e:
        print(f"{side} refused: {e.code} {e.detail}")
        return 0


if __name__ == "__main__":
    main()
