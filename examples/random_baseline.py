#!/usr/bin/env python3
"""Random baseline: every `--every` seconds a coin decides buy or sell, of 1 to `--max-size`
shares, crossing the spread immediate-or-cancel. A strategy worth running should beat it.

    python3 examples/random_baseline.py --url http://localhost:8080 --api-key sfk_... --seconds 60
"""
import argparse, os, random, sys, time, uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sdk", "python"))
from showfloor import ApiError, Client  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--url", default=os.environ.get("SHOWFLOOR_URL", "http://localhost:8080"))
    p.add_argument("--api-key", default=os.environ.get("SHOWFLOOR_API_KEY"))
    p.add_argument("--symbol", default="DEMOGTR")
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--every", type=float, default=1.0)
    p.add_argument("--max-size", type=int, default=2)
    p.add_argument("--seed", type=int, default=None, help="repeatable coin flips")
    args = p.parse_args()
    client = Client(args.url, api_key=args.api_key)
    rng = random.Random(args.seed)
    placed = 0
    deadline = time.monotonic() + args.seconds
    try:
        while time.monotonic() < deadline:
            side, size = rng.choice(["buy", "sell"]), rng.randint(1, args.max_size)
            book = client.book(args.symbol, depth=1)
            if side == "sell":
                size = min(size, client.portfolio().holding(args.symbol).free_shares)
            price = book.best_ask if side == "buy" else book.best_bid
            if size > 0 and price is not None:
                try:
                    order = client.place_order(args.symbol, side, size, price,
                                               time_in_force="IOC",
                                               client_order_id=f"rnd-{uuid.uuid4().hex[:12]}")
                    placed += 1
                    print(f"{side} {size} @ {price} -> {order.order.status}")
                except ApiError as e:
                    print(f"{side} refused: {e.code} {e.detail}")
            time.sleep(args.every)
    finally:
        client.cancel_all(args.symbol)
    pf = client.portfolio()
    print(f"random_baseline: placed {placed} orders; equity {pf.equity_cents / 100:.2f}")


if __name__ == "__main__":
    main()
