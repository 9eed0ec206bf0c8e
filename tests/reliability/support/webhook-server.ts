import http from "node:http";
import { POST } from "@/app/api/webhooks/stripe/route";
import { runMigrations } from "@/db/migrate";
import { expireAuthorizations } from "@/lib/capture/expiry";
import { drainInbox } from "@/lib/webhooks/inbox";

/*
 * The webhook route handler in a process of its own, for the crash test: node:http in front of the
 * exported POST, on the database named by the environment (PGLITE_DIR or DATABASE_URL). Run with
 * `tsx --conditions=react-server`; prints "ready <port>" once it accepts deliveries. `POST /drain` is
 * the worker's pass (the cron job in the app): it applies what is left and answers with the result.
 * `POST /expire?now=<ms>` is the expire-authorizations job's run as of that Stripe time.
 */
await runMigrations();
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    if (req.url?.startsWith("/expire")) {
      const now = new Date(Number(new URL(req.url, "http://x").searchParams.get("now")));
      void expireAuthorizations({ now }).then((result) => res.end(JSON.stringify(result)));
      return;
    }
    if (req.url === "/drain") {
      void drainInbox().then((result) => res.end(JSON.stringify(result)));
      return;
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, {
      method: req.method,
      headers,
      body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
    });
    void POST(request, {}).then(async (response) => {
      res.writeHead(response.status, {
        "content-type": response.headers.get("content-type") ?? "application/json",
      });
      res.end(await response.text());
    });
  });
});
server.listen(Number(process.env.WEBHOOK_SERVER_PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  console.log(`ready ${typeof address === "object" && address ? address.port : ""}`);
});
