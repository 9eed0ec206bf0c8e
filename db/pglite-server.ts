import { mkdirSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { acquireLock, updateLockPort } from "./pglite-lock";

/**
 * Serves one PGlite data directory over the PostgreSQL wire protocol on loopback, so that every other
 * process (Next and its workers, scripts) connects with `pg` like to any server, and only this process
 * ever opens the files.
 *
 * PGlite is one backend: one session, one transaction at a time. Clients are therefore served one
 * *unit* at a time — a simple query, or an extended-protocol batch up to its Sync — and a client that
 * leaves a unit inside a transaction keeps the database until its transaction ends. Other clients
 * wait their turn (FIFO). That is what makes N pooled connections safe on one backend: their
 * Parse/Bind/Execute messages never interleave and nobody runs inside somebody else's transaction.
 * (`@electric-sql/pglite-socket` queues single messages, so two clients' extended-protocol messages
 * interleave between Parse and Sync; its releases also pin one exact PGlite version.)
 */

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const PROTOCOL_3 = 196608;
const SYNC = Uint8Array.from([0x53, 0, 0, 0, 4]);

function queryMessage(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, "utf8");
  const message = Buffer.alloc(5 + text.length);
  message.write("Q", 0, "latin1");
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
}

/** The status of the ReadyForQuery ending `out` ('I' idle, 'T' in a transaction, 'E' failed one), if any. */
function readyStatus(out: Uint8Array): string | null {
  const at = out.length - 6;
  return at >= 0 && out[at] === 0x5a && out[at + 4] === 5 ? String.fromCharCode(out[at + 5]!) : null;
}

export interface ServedPglite {
  url: string;
  port: number;
  host: string;
  db: PGlite;
  /** Stops accepting, ends the sessions, closes PGlite cleanly (checkpoint) and releases the lock. */
  close: () => Promise<void>;
}

export async function servePglite(options: {
  dir: string;
  port?: number;
  host?: string;
}): Promise<ServedPglite> {
  const host = options.host ?? "127.0.0.1";
  const releaseLock = acquireLock(options.dir, { port: null, host });
  let db: PGlite;
  try {
    mkdirSync(options.dir, { recursive: true });
    db = await PGlite.create(options.dir);
  } catch (error) {
    releaseLock();
    throw error;
  }

  // The session holding the backend, and those waiting for it in arrival order.
  let holder: Session | null = null;
  const queue: { session: Session; grant: () => void }[] = [];
  const acquire = (session: Session) =>
    holder === session
      ? Promise.resolve()
      : holder === null
        ? ((holder = session), Promise.resolve())
        : new Promise<void>((grant) => queue.push({ session, grant }));
  const release = (session: Session) => {
    if (holder !== session) return;
    const next = queue.shift();
    holder = next?.session ?? null;
    next?.grant();
  };
  // PGlite's own mutex too: nothing else in this process (a close, say) may run in between.
  const run = (message: Uint8Array) => db.runExclusive(() => db.execProtocolRaw(message, { syncToFs: true }));

  class Session {
    private buffer = Buffer.alloc(0);
    private started = false;
    private chain: Promise<void> = Promise.resolve();
    closed = false;

    constructor(private readonly socket: Socket) {
      socket.setNoDelay(true);
      socket.on("data", (chunk) => this.receive(chunk));
      socket.on("error", () => this.end());
      socket.on("close", () => this.end());
    }

    private receive(chunk: Buffer) {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const headerLength = this.started ? 5 : 4;
        if (this.buffer.length < headerLength) return;
        const length = this.started ? 1 + this.buffer.readInt32BE(1) : this.buffer.readInt32BE(0);
        if (this.buffer.length < length) return;
        const message = new Uint8Array(this.buffer.subarray(0, length));
        this.buffer = this.buffer.subarray(length);
        if (!this.started) this.startup(message);
        else this.chain = this.chain.then(() => this.handle(message));
      }
    }

    private startup(message: Uint8Array) {
      const code = Buffer.from(message).readInt32BE(4);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) return void this.socket.write("N");
      if (code !== PROTOCOL_3) return void this.socket.destroy(); // CancelRequest (unsupported) and old protocols
      this.started = true;
      this.chain = this.chain.then(() => this.handle(message, true));
    }

    private async handle(message: Uint8Array, isStartup = false) {
      if (this.closed) return;
      const type = isStartup ? "startup" : String.fromCharCode(message[0]!);
      if (type === "X") return void this.socket.end(); // Terminate: `close` cleans up
      await acquire(this);
      if (this.closed) return release(this);
      let out: Uint8Array;
      try {
        out = await run(message);
      } catch (error) {
        console.error("[pglite-server] a message failed inside PGlite", error);
        this.socket.destroy();
        return;
      }
      if (out.length > 0 && this.socket.writable) this.socket.write(out);
      // A unit ends at a Sync or a simple query; in a transaction the session keeps the backend.
      if ((isStartup || type === "S" || type === "Q") && readyStatus(out) !== "T" && readyStatus(out) !== "E")
        release(this);
    }

    /** The client went away: end what it left open (a batch without Sync, a transaction) and free the backend. */
    end() {
      if (this.closed) return;
      this.closed = true;
      this.chain = this.chain.then(async () => {
        if (holder !== this) return;
        try {
          const status = readyStatus(await run(SYNC));
          if (status === "T" || status === "E") await run(queryMessage("ROLLBACK"));
        } finally {
          release(this);
        }
      });
      sessions.delete(this);
    }

    destroy() {
      this.socket.destroy();
    }
  }

  const sessions = new Set<Session>();
  const server = createServer((socket) => sessions.add(new Session(socket)));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  updateLockPort(options.dir, port, host);

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const session of sessions) session.destroy();
      });
      // Let the session that holds the backend roll back before the last checkpoint.
      for (let i = 0; i < 50 && holder !== null; i++) await new Promise((r) => setTimeout(r, 20));
      await db.close();
      releaseLock();
    })());

  return { url: `postgres://postgres@${host}:${port}/postgres`, port, host, db, close };
}
