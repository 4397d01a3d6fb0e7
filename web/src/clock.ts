/**
 * The server's clock as seen from this browser. Auction deadlines are the server's, so every
 * countdown subtracts serverNow(), not Date.now(): viewers whose clocks are minutes off still see
 * the same seconds left. The offset comes from round trips (NTP-style: the server stamped its
 * time half-way through); the sample with the shortest round trip wins, as it is the least skewed.
 */
interface Sample {
  offsetMs: number;
  roundTripMs: number;
}

const samples: Sample[] = [];
const KEEP = 8;
let offsetMs = 0;

export function serverNow(): number {
  return Date.now() + offsetMs;
}

export function clockOffsetMs(): number {
  return offsetMs;
}

/** A server timestamp received `receivedAt` after a request sent at `sentAt` (both Date.now()). */
export function addClockSample(serverTime: string | undefined, sentAt: number, receivedAt: number) {
  const server = serverTime ? Date.parse(serverTime) : NaN;
  if (Number.isNaN(server) || receivedAt < sentAt) return;
  samples.push({ offsetMs: server - (sentAt + receivedAt) / 2, roundTripMs: receivedAt - sentAt });
  if (samples.length > KEEP) samples.shift();
  offsetMs = samples.reduce((best, s) => (s.roundTripMs < best.roundTripMs ? s : best)).offsetMs;
}

/** After a reconnect the network path (and the node) may differ: measure again from scratch. */
export function resetClock() {
  samples.length = 0;
}
