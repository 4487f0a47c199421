// A stand-in for socket.io-client: records what the page sends and lets a test
// play the server (answer acks, deliver broadcasts).
export const sockets = [];

class FakeSocket {
  constructor() {
    this.handlers = {};
    this.anyHandlers = [];
    this.sent = [];
    this.answer = () => ({ ok: true });
    this.io = { on() {} };
    this.connected = false;
  }

  on(event, fn) { (this.handlers[event] ||= []).push(fn); return this; }
  onAny(fn) { this.anyHandlers.push(fn); return this; }
  timeout() { return this; }

  async emitWithAck(event, payload) {
    this.sent.push([event, payload]);
    return this.answer(event, payload);
  }

  /** The server sends a broadcast. */
  deliver(event, data) { for (const fn of this.anyHandlers) fn(event, data); }

  /** A lifecycle event: "connect", "disconnect". */
  fire(event) {
    if (event === "connect" || event === "disconnect") this.connected = event === "connect";
    for (const fn of this.handlers[event] || []) fn();
  }
}

export function io() {
  const socket = new FakeSocket();
  sockets.push(socket);
  return socket;
}
