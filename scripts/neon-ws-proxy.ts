import net from "node:net";
import { WebSocketServer } from "ws";

/**
 * A tiny stand-in for Neon's WebSocket-to-TCP proxy, so the @vercel/postgres driver (which only speaks
 * Postgres over WebSocket) can be tested against a local PostgreSQL server. Client URL: /v2?address=host:port.
 * Test/CI use only: it forwards to loopback addresses and nothing else.
 */
export interface WsProxy {
  port: number;
  close: () => Promise<void>;
}

export function startWsProxy(port = 0): Promise<WsProxy> {
  return new Promise((resolve, reject) => {
    const wss = new WebSocketServer({ host: "127.0.0.1", port });
    wss.on("connection", (socket, req) => {
      const address = new URL(req.url ?? "/", "http://proxy").searchParams.get("address") ?? "";
      const [host, portText] = address.split(":");
      const allowed = host === "localhost" || host === "127.0.0.1";
      if (!allowed || !portText) {
        socket.close(1008, "address must be a loopback host:port");
        return;
      }
      const tcp = net.connect({ host: "127.0.0.1", port: Number(portText) });
      const pending: Buffer[] = [];
      let open = false;
      tcp.on("connect", () => {
        open = true;
        for (const chunk of pending) tcp.write(chunk);
        pending.length = 0;
      });
      socket.on("message", (data: Buffer) => (open ? tcp.write(data) : pending.push(data)));
      tcp.on("data", (chunk) => socket.send(chunk));
      const end = () => {
        tcp.destroy();
        socket.terminate();
      };
      tcp.on("close", end);
      tcp.on("error", end);
      socket.on("close", end);
      socket.on("error", end);
    });
    wss.on("error", reject);
    wss.on("listening", () => {
      const addr = wss.address();
      const actual = typeof addr === "object" && addr ? addr.port : port;
      resolve({
        port: actual,
        close: () =>
          new Promise<void>((done) => {
            for (const client of wss.clients) client.terminate();
            wss.close(() => done());
          }),
      });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.WS_PROXY_PORT ?? 5488);
  void startWsProxy(port).then((p) => console.log(`neon ws proxy on ws://127.0.0.1:${p.port}`));
}
