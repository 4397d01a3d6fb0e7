"""The SDK against a real node: set SHOWFLOOR_URL and SHOWFLOOR_API_KEY (a node started with --demo,
the key of a trader holding cash). Skipped without them."""

import os
import time
import unittest
import uuid

from showfloor import ApiError, Client

URL = os.environ.get("SHOWFLOOR_URL")
KEY = os.environ.get("SHOWFLOOR_API_KEY")
SYMBOL = os.environ.get("SHOWFLOOR_SYMBOL", "DEMOGTR")


@unittest.skipUnless(URL and KEY, "set SHOWFLOOR_URL and SHOWFLOOR_API_KEY to run against a node")
class LiveTest(unittest.TestCase):
    def setUp(self):
        self.client = Client(URL, api_key=KEY)
        self.instrument = self.client.instrument(SYMBOL)

    def far_below(self):
        """A buy price inside the band that nothing will fill."""
        return self.instrument.on_tick(self.instrument.band_low_cents)

    def test_market_data_is_typed(self):
        symbols = [i.symbol for i in self.client.instruments()]
        self.assertIn(SYMBOL, symbols)
        book = self.client.book(SYMBOL)
        self.assertEqual(SYMBOL, book.symbol)
        ticker = self.client.ticker(SYMBOL)
        self.assertEqual(SYMBOL, ticker.symbol)
        self.assertIsInstance(self.client.trades(SYMBOL, limit=5), list)

    def test_place_find_and_cancel_an_order(self):
        placed = self.client.buy(SYMBOL, 1, self.far_below())
        self.assertTrue(placed.order.open, placed.order)
        self.assertIn(placed.order.id, [o.id for o in self.client.orders(status="open")])
        self.assertGreater(self.client.portfolio().locked_cash_cents, 0)
        cancelled = self.client.cancel(placed.order.id)
        self.assertEqual("cancelled", cancelled.status)
        self.assertIsNone(self.client.cancel(placed.order.id), "an ended order cannot be cancelled")

    def test_the_same_idempotency_key_answers_the_same_order(self):
        key = str(uuid.uuid4())
        first = self.client.buy(SYMBOL, 1, self.far_below(), idempotency_key=key)
        again = self.client.buy(SYMBOL, 1, self.far_below(), idempotency_key=key)
        self.assertEqual(first.order.id, again.order.id)
        self.assertTrue(again.replayed)
        self.client.cancel(first.order.id)

    def test_bad_input_raises_the_stable_code(self):
        with self.assertRaises(ApiError) as raised:
            self.client.buy(SYMBOL, 1, self.instrument.band_high_cents * 10)
        self.assertEqual(422, raised.exception.status)
        self.assertEqual("price_outside_band", raised.exception.code)

    def test_stream_starts_with_a_snapshot_sees_our_order_and_resumes(self):
        deadline = time.monotonic() + 20
        stream = self.client.stream([f"market:{SYMBOL}", "me"], deadline=deadline)
        seen, placed = [], None
        for frame in stream:
            seen.append(frame)
            snapshots = {f.topic for f in seen if f.type == "snapshot"}
            if placed is None and snapshots == {f"market:{SYMBOL}", "me"}:
                placed = self.client.buy(SYMBOL, 1, self.far_below())
            if placed and frame.topic == "me" and frame.type == "order.update" \
                    and frame.data.get("id") == placed.order.id:
                break
        stream.close()
        self.assertIsNotNone(placed, [f.type for f in seen])
        self.assertEqual("order.update", seen[-1].type, [f.type for f in seen])
        self.assertIn(f"me={seen[-1].seq}", stream.last_event_id)

        # resuming from there: the order's cancel is the next me frame, no snapshot first
        resumed = self.client.stream(["me"], last_event_id=f"me={seen[-1].seq}",
                                     deadline=time.monotonic() + 20).open()
        self.client.cancel(placed.order.id)
        first = next(iter(resumed))
        resumed.close()
        self.assertNotEqual("snapshot", first.type)
        self.assertEqual(seen[-1].seq + 1, first.seq)


if __name__ == "__main__":
    unittest.main()
