/**
 * The emulator's HTTP server: options, start (routes, listen, webhook resume, clock ticker) and close.
 * What happens to each request is in request-handler.ts; Node HTTP helpers in http-io.ts.
 * A malformed request never crashes the process: every failure becomes a JSON error.
 */
import { createServer, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { EMULATOR_DEFAULTS } from "./defaults";
import { Emulator, type ResolvedOptions } from "./emulator";
import type { HttpHandler } from "./http";
import { errorBody, sendJson } from "./http-io";
import { createRequestHandler } from "./request-handler";
import { registerApi, registerPages } from "./routes";
import { Router } from "./router";

export interface EmulatorOptions {
  /** 0 = a free port. */
  port?: number;
  /** Key of the platform account and of the control API (default: EMULATOR_DEFAULTS.secretKey). */
  secretKey?: string;
  /**
   * Origins of the app pages that load the fake Stripe.js/Connect.js (CORS on the browser surface only).
   * Default: the webhook URL's origin and its localhost/127.0.0.1 twin, plus http://localhost:3000 and
   * http://127.0.0.1:3000.
   */
  allowedOrigins?: string[];
  webhookUrl?: string | null;
  platformWebhookSecret?: string;
  connectWebhookSecret?: string;
  /**
   * The event types the built-in platform and Connect endpoints subscribe to (Stripe's `enabled_events`).
   * Default `["*"]`; whoever starts the emulator for an app passes the app's own lists, so an event the
   * app forgot to subscribe to is not delivered, as with real Stripe.
   */
  platformEvents?: string[];
  connectEvents?: string[];
  /** The built-in endpoints' `api_version` (default: none, i.e. the pinned version). */
  webhookApiVersion?: string | null;
  /** The platform's Connect client id (default `ca_emulator`); no other is accepted by OAuth. */
  connectClientId?: string;
  /**
   * The OAuth redirect URIs registered in the platform's Connect settings; the first is used when a
   * request names none. Default: `/api/connect/oauth/callback` on each allowed origin.
   */
  oauthRedirectUris?: string[];
  snapshotPath?: string | null;
  /** ms between webhook retries, default [1000, 5000, 30000, 120000]. */
  retrySchedule?: number[];
  webhookTimeoutMs?: number;
  disputeDelayMs?: number;
  /** Emulator-clock seconds before test-mode evidence decides a dispute (default 600, EMULATOR_DEFAULTS). */
  disputeDecisionDelaySeconds?: number;
  faultTimeoutMs?: number;
}

export interface RunningEmulator {
  url: string;
  port: number;
  /** The live instance, for in-process tests that want to look at state directly. */
  emulator: Emulator;
  close(): Promise<void>;
}

/** An origin and its twin on the other loopback name (a user may open either address). */
function withLoopbackTwin(origin: string): string[] {
  const u = new URL(origin);
  const twin = u.hostname === "localhost" ? "127.0.0.1" : u.hostname === "127.0.0.1" ? "localhost" : null;
  return twin ? [u.origin, `${u.protocol}//${twin}${u.port ? `:${u.port}` : ""}`] : [u.origin];
}

function defaultOrigins(webhookUrl: string | null): string[] {
  const fromWebhook = webhookUrl ? withLoopbackTwin(webhookUrl) : [];
  return [...new Set([...fromWebhook, ...withLoopbackTwin("http://localhost:3000")])];
}

/** The app's OAuth callback path: the default registered redirect URI on every allowed origin. */
const DEFAULT_OAUTH_CALLBACK = "/api/connect/oauth/callback";

function resolveOptions(opts: EmulatorOptions): ResolvedOptions {
  const webhookUrl =
    opts.webhookUrl === undefined ? "http://localhost:3000/api/webhooks/stripe" : opts.webhookUrl;
  const allowedOrigins = (opts.allowedOrigins ?? defaultOrigins(webhookUrl)).map((o) => new URL(o).origin);
  return {
    port: opts.port ?? EMULATOR_DEFAULTS.port,
    secretKey: opts.secretKey ?? EMULATOR_DEFAULTS.secretKey,
    allowedOrigins,
    webhookUrl,
    platformWebhookSecret: opts.platformWebhookSecret ?? EMULATOR_DEFAULTS.platformWebhookSecret,
    connectWebhookSecret: opts.connectWebhookSecret ?? EMULATOR_DEFAULTS.connectWebhookSecret,
    platformEvents: opts.platformEvents ?? ["*"],
    connectEvents: opts.connectEvents ?? ["*"],
    webhookApiVersion: opts.webhookApiVersion ?? null,
    connectClientId: opts.connectClientId ?? EMULATOR_DEFAULTS.connectClientId,
    oauthRedirectUris: opts.oauthRedirectUris ?? allowedOrigins.map((o) => `${o}${DEFAULT_OAUTH_CALLBACK}`),
    snapshotPath: opts.snapshotPath ?? null,
    retrySchedule: opts.retrySchedule ?? [1000, 5000, 30000, 120000],
    webhookTimeoutMs: opts.webhookTimeoutMs ?? 10000,
    disputeDelayMs: opts.disputeDelayMs ?? 1500,
    disputeDecisionDelaySeconds:
      opts.disputeDecisionDelaySeconds ?? EMULATOR_DEFAULTS.disputeDecisionDelaySeconds,
    faultTimeoutMs: opts.faultTimeoutMs ?? 30000,
  };
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const em = new Emulator(resolveOptions(opts));
  const api = new Router();
  const pages = new Router<HttpHandler>();
  registerApi(api, em);
  registerPages(pages);
  const hung = new Set<Socket>();
  const hangTimers = new Set<NodeJS.Timeout>();

  /** Holds the connection open, then closes it without an answer (a timeout as the client sees it). */
  function hang(res: ServerResponse, ms: number): void {
    const socket = res.socket;
    if (!socket) return;
    hung.add(socket);
    const timer = setTimeout(() => {
      hangTimers.delete(timer);
      hung.delete(socket);
      socket.destroy();
    }, ms);
    hangTimers.add(timer);
    socket.once("close", () => {
      clearTimeout(timer);
      hangTimers.delete(timer);
      hung.delete(socket);
    });
  }

  const handle = createRequestHandler({ em, api, pages, hang });

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const { status, body } = errorBody(err);
      if (!res.headersSent) sendJson(res, status, body);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(em.options.port, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : em.options.port;
  em.baseUrl = `http://127.0.0.1:${port}`;
  em.webhooks.resumeAfterRestart();
  const ticker = setInterval(() => em.tick(), 250);
  ticker.unref();

  return {
    url: em.baseUrl,
    port,
    emulator: em,
    async close() {
      clearInterval(ticker);
      for (const t of hangTimers) clearTimeout(t);
      for (const s of hung) s.destroy();
      await em.webhooks.close();
      em.flush();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
