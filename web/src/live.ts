import { ApiProblem } from './api';
import { addClockSample, resetClock } from './clock';
import { session } from './session';
import { store } from './store';

/** A frame from the gateway: topic frames carry topic and seq; replies carry the client's ref. */
export interface Frame<T = any> {
  topic?: string;
  type: string;
  seq?: number;
  serverTime?: string;
  data?: T;
  ref?: string | number;
  code?: string;
  status?: number;
  detail?: string;
}

export type LiveStatus = 'connecting' | 'open' | 'reconnecting' | 'offline';
type Listener = (frame: Frame) => void;

interface TopicState {
  listeners: Set<Listener>;
  /** the last sequence delivered; null until the snapshot arrives */
  seq: number | null;
}

interface Pending {
  resolve(frame: Frame): void;
  reject(error: unknown): void;
  timer: number;
}

const PING_EVERY_MS = 20_000;
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The one WebSocket of the app. It authenticates with the session's token, keeps every topic a
 * page wants subscribed across reconnects (each re-subscribe brings a fresh snapshot: the true
 * state after a network drop), re-subscribes on a "resync" notice or a gap in the sequence, and
 * measures the server clock with pings.
 */
class LiveSocket {
  readonly status = store<LiveStatus>('connecting');
  private socket: WebSocket | null = null;
  private readonly topics = new Map<string, TopicState>();
  private readonly pending = new Map<string, Pending>();
  private attempts = 0;
  private nextRef = 1;
  private reconnectTimer = 0;
  private pingTimer = 0;
  private authedAs: string | null = null;
  private started = false;

  start() {
    if (this.started) return;
    this.started = true;
    window.addEventListener('online', () => this.backOnline());
    window.addEventListener('offline', () => this.status.set('offline'));
    session.subscribe((current) => this.onSession(current?.accessToken ?? null, current?.user.id ?? null));
    this.connect();
  }

  /** Listens to a topic; the first listener subscribes, the last one to leave unsubscribes. */
  subscribe(topic: string, listener: Listener): () => void {
    this.start();
    let state = this.topics.get(topic);
    if (!state) {
      state = { listeners: new Set(), seq: null };
      this.topics.set(topic, state);
      this.sendSubscribe(topic);
    }
    state.listeners.add(listener);
    return () => {
      const current = this.topics.get(topic);
      if (!current) return;
      current.listeners.delete(listener);
      if (current.listeners.size === 0) {
        this.topics.delete(topic);
        this.send({ op: 'unsubscribe', topic });
      }
    };
  }

  /** Sends an op that the server answers with `<op>.result` or an error carrying our ref. */
  request<T = any>(op: string, fields: Record<string, unknown>): Promise<Frame<T>> {
    this.start();
    const ref = `r${this.nextRef++}`;
    return new Promise((resolve, reject) => {
      if (!this.isOpen()) {
        reject(new ApiProblem(0, 'network', 'Offline', 'The live connection is down; we are reconnecting.'));
        return;
      }
      const timer = window.setTimeout(() => {
        this.pending.delete(ref);
        reject(new ApiProblem(0, 'timeout', 'No answer', 'The server did not answer in time. Try again.'));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(ref, { resolve, reject, timer });
      this.send({ ...fields, op, ref });
    });
  }

  private isOpen() {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  private connect() {
    window.clearTimeout(this.reconnectTimer);
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?batch=1`;
    const socket = new WebSocket(url);
    this.socket = socket;
    this.status.set(this.attempts === 0 ? 'connecting' : 'reconnecting');
    socket.onopen = () => this.onOpen(socket);
    socket.onmessage = (event) => this.onMessage(event.data);
    socket.onclose = () => this.onClose(socket);
    // an error is always followed by close; the browser already logs the failed connection
    socket.onerror = () => undefined;
  }

  private onOpen(socket: WebSocket) {
    if (socket !== this.socket) return;
    this.attempts = 0;
    resetClock();
    const current = session.get();
    this.authedAs = null;
    if (current) {
      this.send({ op: 'auth', token: current.accessToken });
      this.authedAs = String(current.user.id);
    }
    // the gateway holds these until the auth answer is in, so private topics work at once
    for (const [topic, state] of this.topics) {
      state.seq = null;
      this.sendSubscribe(topic);
    }
    this.status.set('open');
    this.ping();
    window.clearInterval(this.pingTimer);
    this.pingTimer = window.setInterval(() => this.ping(), PING_EVERY_MS);
  }

  private ping() {
    const sentAt = Date.now();
    const socket = this.socket;
    this.request('ping', {})
      .then((frame) => addClockSample(frame.serverTime, sentAt, Date.now()))
      .catch((error) => {
        // no pong in time: the connection is dead without knowing it (a phone changed networks)
        if (error instanceof ApiProblem && error.code === 'timeout' && socket === this.socket) socket?.close(4000, 'no pong');
      });
  }

  private onClose(socket: WebSocket) {
    if (socket !== this.socket) return;
    window.clearInterval(this.pingTimer);
    this.socket = null;
    for (const [ref, pending] of this.pending) {
      window.clearTimeout(pending.timer);
      pending.reject(new ApiProblem(0, 'network', 'Disconnected', 'The live connection dropped; we are reconnecting.'));
      this.pending.delete(ref);
    }
    this.status.set(navigator.onLine === false ? 'offline' : 'reconnecting');
    // back off 0.5 s, 1 s, 2 s … up to 10 s, with jitter so a restarted node is not stampeded
    const delay = Math.min(10_000, 500 * 2 ** this.attempts) * (0.5 + Math.random() / 2);
    this.attempts++;
    this.reconnectTimer = window.setTimeout(() => this.connect(), delay);
  }

  /**
   * The browser is online again. A socket that survived may still have lost frames on the way,
   * so every topic starts over from a fresh snapshot; a dead one reconnects now, not after backoff.
   */
  private backOnline() {
    if (this.isOpen()) {
      this.status.set('open');
      for (const topic of this.topics.keys()) this.resubscribe(topic);
      this.ping();
      return;
    }
    if (this.socket?.readyState === WebSocket.CONNECTING) return;
    this.attempts = 0;
    this.connect();
  }

  private onSession(token: string | null, userId: number | null) {
    if (!this.isOpen()) return;
    if (token && this.authedAs === String(userId)) {
      this.send({ op: 'auth', token }); // a fresh token for the same user replaces the old one
    } else if (token !== null || this.authedAs !== null) {
      // another user (or none): a socket belongs to one caller, so start a new one
      this.authedAs = null;
      this.socket?.close(1000, 'session changed');
    }
  }

  private onMessage(raw: unknown) {
    if (typeof raw !== 'string') return;
    let parsed: Frame | Frame[];
    try {
      parsed = JSON.parse(raw) as Frame | Frame[];
    } catch {
      return;
    }
    // we connect with ?batch=1: frames that came close together arrive as one array, in order
    for (const frame of Array.isArray(parsed) ? parsed : [parsed]) this.onFrame(frame);
  }

  private onFrame(frame: Frame) {
    if (frame.ref !== undefined && this.pending.has(String(frame.ref))) {
      const pending = this.pending.get(String(frame.ref))!;
      this.pending.delete(String(frame.ref));
      window.clearTimeout(pending.timer);
      if (frame.type === 'error') {
        pending.reject(new ApiProblem(frame.status ?? 400, frame.code ?? 'error', 'Refused', frame.detail));
      } else {
        pending.resolve(frame);
      }
      return;
    }
    if (frame.type === 'resync' && frame.topic) {
      this.resubscribe(frame.topic);
      return;
    }
    if (!frame.topic) return;
    const state = this.topics.get(frame.topic);
    if (!state) return;
    if (frame.type === 'snapshot') {
      state.seq = frame.seq ?? null;
    } else if (frame.type !== 'error' && typeof frame.seq === 'number' && state.seq !== null) {
      if (frame.seq <= state.seq) return; // already part of the snapshot or delivered
      if (frame.seq > state.seq + 1) {
        this.resubscribe(frame.topic); // a frame went missing: start over from a snapshot
        return;
      }
      state.seq = frame.seq;
    }
    state.listeners.forEach((listener) => listener(frame));
  }

  private resubscribe(topic: string) {
    const state = this.topics.get(topic);
    if (!state) return;
    state.seq = null;
    this.sendSubscribe(topic);
  }

  private sendSubscribe(topic: string) {
    this.send({ op: 'subscribe', topic });
  }

  private send(frame: Record<string, unknown>) {
    if (this.isOpen()) this.socket!.send(JSON.stringify(frame));
  }
}

export const live = new LiveSocket();
