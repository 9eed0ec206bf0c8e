import type { NextAuthConfig } from "next-auth";
import type { UserRole } from "@/db/schema";

/**
 * Edge-safe part of the auth configuration: no database, no password hashing. Used by proxy.ts to keep
 * anonymous visitors out of protected areas. It is only the first gate: every page, route handler and
 * server action checks the user and role again on the server against the database.
 */
const PROTECTED_PREFIXES = ["/dashboard", "/admin", "/orders", "/account"];

export const authConfig = {
  pages: { signIn: "/sign-in" },
  session: { strategy: "jwt", maxAge: 60 * 60 * 24 * 7 },
  trustHost: true,
  providers: [],
  callbacks: {
    authorized({ auth, request: { nextUrl } }) {
      const needsLogin = PROTECTED_PREFIXES.some(
        (p) => nextUrl.pathname === p || nextUrl.pathname.startsWith(`${p}/`),
      );
      // Guests reach their own order page through its unguessable token.
      if (nextUrl.pathname.startsWith("/orders/") && nextUrl.searchParams.has("token")) return true;
      return needsLogin ? Boolean(auth?.user) : true;
    },
    jwt({ token, user }) {
      if (user?.id) {
        const row = user as { role?: UserRole; sessionVersion?: number };
        token.id = user.id;
        token.role = row.role ?? "buyer";
        // The user's session version at sign-in: the token dies when it moves on (lib/auth.ts).
        token.sv = row.sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.id === "string") {
        session.user.id = token.id;
        session.user.role = token.role ?? "buyer";
      }
      return session;
    },
  },
} satisfies NextAuthConfig;
