/** /docs/first-bot: from nothing to a bot that reads the market and places an order, in ten minutes. */
export function FirstBotPage() {
  return (
    <article class="docs-page guide">
      <p><a href="/docs">← API reference</a></p>
      <h1>Your first trading bot in ten minutes</h1>
      <p>
        You will run a node with a living demo market, make an API key, read the book, place and cancel an
        order, and follow the market live. Everything here uses the same API the web app uses; the full
        reference is on <a href="/docs">/docs</a>.
      </p>

      <h2>1. A node with a demo market (2 minutes)</h2>
      <pre tabIndex={0}><code>{`mvn -B -q -DskipTests package
java -jar target/showfloor.jar --demo     # http://localhost:8080`}</code></pre>
      <p>
        <code>--demo</code> lists three instruments (<code>DEMOGTR</code>, <code>DEMOWATCH</code>,{' '}
        <code>DEMOSNKR</code>) that trade around the clock, quoted on both sides by a market-maker bot. Log in as{' '}
        <code>trader@showfloor.demo</code> with the password <code>showfloor-demo-1</code> and add test money on
        the <a href="/wallet">wallet</a> page if the account has none.
      </p>

      <h2>2. An API key (1 minute)</h2>
      <p>
        On your <a href="/account">account</a> page, under API keys, create a key for the bot and copy it: it is
        shown once. A bot sends it as <code>X-API-Key</code>; it never needs your password.
      </p>
      <pre tabIndex={0}><code>{`export SHOWFLOOR=http://localhost:8080
export SHOWFLOOR_KEY=sfk_…   # the key you copied`}</code></pre>

      <h2>3. Read the market (2 minutes)</h2>
      <pre tabIndex={0}><code>{`curl -s $SHOWFLOOR/api/market/instruments
curl -s $SHOWFLOOR/api/market/instruments/DEMOGTR/ticker
curl -s "$SHOWFLOOR/api/market/instruments/DEMOGTR/book?depth=5"
curl -s -H "X-API-Key: $SHOWFLOOR_KEY" $SHOWFLOOR/api/market/portfolio`}</code></pre>
      <p>
        Prices are whole cents (<code>priceCents</code>), quantities whole shares. The book lists bids and asks
        best first; the ticker has the last price and the best bid and ask.
      </p>

      <h2>4. Place, read and cancel an order (2 minutes)</h2>
      <pre tabIndex={0}><code>{`curl -s -X POST $SHOWFLOOR/api/market/orders \\
  -H "X-API-Key: $SHOWFLOOR_KEY" -H "Content-Type: application/json" \\
  -H "Idempotency-Key: my-first-order-1" \\
  -d '{"symbol":"DEMOGTR","side":"buy","type":"limit","priceCents":1000,"quantity":1,"timeInForce":"GTC"}'
# → 201 {"order":{"id":…,"status":"active",…},"fills":[]}

curl -s -H "X-API-Key: $SHOWFLOOR_KEY" "$SHOWFLOOR/api/market/orders?status=open"
curl -s -X DELETE -H "X-API-Key: $SHOWFLOOR_KEY" $SHOWFLOOR/api/market/orders/ORDER_ID`}</code></pre>
      <p>
        Send the same <code>Idempotency-Key</code> again after a timeout and you get the first answer back instead
        of a second order. A refusal is <code>application/problem+json</code> with a stable <code>code</code>{' '}
        (<code>insufficient_funds</code>, <code>price_outside_band</code>, …): read the code, not the wording.
      </p>

      <h2>5. A bot in Python, standard library only (3 minutes)</h2>
      <p>It buys one share one cent above the best bid when the spread is wide, and cancels what has not filled.</p>
      <pre tabIndex={0}><code>{`import json, os, time, urllib.request, uuid

BASE, KEY, SYMBOL = os.environ["SHOWFLOOR"], os.environ["SHOWFLOOR_KEY"], "DEMOGTR"

def call(method, path, body=None):
    headers = {"X-API-Key": KEY, "Content-Type": "application/json"}
    if method == "POST":
        headers["Idempotency-Key"] = str(uuid.uuid4())
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(BASE + path, data, headers, method=method)
    with urllib.request.urlopen(request) as answer:
        text = answer.read()
        return json.loads(text) if text else None

for _ in range(10):
    ticker = call("GET", f"/api/market/instruments/{SYMBOL}/ticker")
    bid, ask = ticker.get("bestBidCents"), ticker.get("bestAskCents")
    if bid and ask and ask - bid > 2:
        placed = call("POST", "/api/market/orders", {"symbol": SYMBOL, "side": "buy", "type": "limit",
                      "priceCents": bid + 1, "quantity": 1, "timeInForce": "GTC"})
        order = placed["order"]
        print("placed", order["id"], "at", order["priceCents"], order["status"])
        time.sleep(5)
        if call("GET", f"/api/market/orders/{order['id']}")["order"]["status"] in ("active", "partial"):
            call("DELETE", f"/api/market/orders/{order['id']}")
    time.sleep(1)
print(call("GET", "/api/market/portfolio"))`}</code></pre>
      <p>
        For a real bot use the Python SDK in <code>sdk/python</code> of the Showfloor source tree (standard library
        only: retries with backoff on 429 and 5xx honouring the <code>RateLimit-*</code> headers, idempotency keys,
        typed results, a stream iterator) and start from one of the example bots in <code>examples/</code>; their
        README says how to run them against a <code>--demo</code> node.
      </p>

      <h2>6. Follow the market live</h2>
      <p>
        Subscribe instead of polling: every change to a book, a trade and your own orders arrives as a frame with a
        per-topic sequence number. Over Server-Sent Events:
      </p>
      <pre tabIndex={0}><code>{`curl -N -H "X-API-Key: $SHOWFLOOR_KEY" "$SHOWFLOOR/api/stream?topics=market:DEMOGTR,me"`}</code></pre>
      <p>
        or over the WebSocket at <code>/ws</code>: send <code>{'{"op":"auth","apiKey":"…"}'}</code>, then{' '}
        <code>{'{"op":"subscribe","topic":"market:DEMOGTR"}'}</code>. The first frame of a topic is a snapshot;
        after a gap in <code>seq</code>, subscribe again. Topics and frames are described in{' '}
        <a href="/docs/asyncapi.yaml" data-native>the AsyncAPI document</a>.
      </p>

      <h2>7. Take your data with you</h2>
      <pre tabIndex={0}><code>{`curl -s -H "X-API-Key: $SHOWFLOOR_KEY" -o candles.csv \\
  "$SHOWFLOOR/api/market/instruments/DEMOGTR/export?kind=candles&interval=1m&from=2026-01-05T00:00:00Z&to=2026-01-06T00:00:00Z"
curl -s -H "X-API-Key: $SHOWFLOOR_KEY" -o fills.csv "$SHOWFLOOR/api/me/market/export?kind=fills"`}</code></pre>
      <p>Trades, candles, and your own fills and orders, as CSV or JSON (<code>format=json</code>), any range up to a month (years for hourly and daily candles).</p>
    </article>
  );
}
