import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth.config";
import { env } from "@/lib/env";

// First gate only: pages, route handlers and actions check the user and role again on the server.
export default NextAuth({ ...authConfig, secret: env.authSecret }).auth;

// Prefetches are left out: next-auth's proxy re-issues the session cookie on every request it sees, and a
// prefetch still in flight while the user signs out would put the cookie back. The page itself still
// checks the user on the server (pageUser) when it is really rendered.
// (Next reads this config statically, so it is spelled out literally.)
export const config = {
  matcher: [
    {
      source: "/dashboard/:path*",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
    {
      source: "/admin/:path*",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
    {
      source: "/orders/:path*",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
    {
      source: "/account/:path*",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
