// A WebSocket that comes back by itself: exponential backoff with jitter, and a watchdog that treats
// silence longer than three heartbeats as a dead link (browsers can't see protocol-level pings).

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];

export class Connection {
  /** handlers: onMessage(json), onFrame(ArrayBuffer), onStatus(state, words), onLost() */
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.attempt = 0;
    this.socket = null;
    this.watchdog = null;
    this.silenceMs = 30000; // until `hello` says how often the server speaks up
  }

  connect() {
    this.handlers.onStatus("connecting", this.attempt ? "Reconnecting…" : "Connecting…");
    const socket = new WebSocket(this.url);
    socket.binaryType = "arraybuffer";
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = () => this.lost(socket);
    socket.onerror = () => socket.close();
    this.socket = socket;
    this.feedWatchdog();
  }

  /** Sends a JSON message; false when there is no open connection to send it on. */
  send(message) {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  receive(data) {
    this.feedWatchdog();
    if (typeof data !== "string") {
      this.handlers.onFrame(data);
      return;
    }
    const message = JSON.parse(data);
    if (message.type === "hello") {
      this.attempt = 0;
      this.silenceMs = message.heartbeat_seconds * 3000;
      this.feedWatchdog();
      this.handlers.onStatus("online", "Connected");
    }
    this.handlers.onMessage(message);
  }

  feedWatchdog() {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.socket?.close(), this.silenceMs);
  }

  lost(socket) {
    if (socket !== this.socket) return;
    clearTimeout(this.watchdog);
    this.socket = null;
    this.handlers.onLost();
    const base = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    const delay = base / 2 + Math.random() * base / 2;
    this.attempt += 1;
    this.handlers.onStatus("offline", `Connection lost, retrying in ${Math.ceil(delay / 1000)} s`);
    setTimeout(() => this.connect(), delay);
  }
}
