import { randomBytes } from "node:crypto";
import { z } from "zod";
import { loadProjectEnv } from "./lib/load-env";

// `.env` / `.env.local` first, like Next: the database is read from the environment on first import.
loadProjectEnv();
const { closeDb } = await import("@/db/client");
const { getUserByEmail, insertUser, setUserPassword, setUserRole } = await import("@/db/queries/users");
const { hashPassword } = await import("@/lib/password");

// Usage: npm run admin:create -- someone@example.com [password]
// Admins are only ever made here or by the seed, never by sign-up.
const [emailArg, passwordArg] = process.argv.slice(2);
const email = z.email().safeParse(emailArg);
if (!email.success) {
  console.error("Usage: npm run admin:create -- email@example.com [password (10+ chars)]");
  process.exit(2);
}
const password = passwordArg ?? randomBytes(12).toString("base64url");
if (password.length < 10) {
  console.error("The password must have at least 10 characters.");
  process.exit(2);
}
const existing = await getUserByEmail({ email: email.data });
if (existing) {
  await setUserRole({ id: existing.id, role: "admin" });
  if (passwordArg) await setUserPassword({ id: existing.id, passwordHash: await hashPassword(password) });
  console.log(`${email.data} is now an admin${passwordArg ? " (password updated)" : ""}.`);
} else {
  await insertUser({
    email: email.data,
    name: "Admin",
    passwordHash: await hashPassword(password),
    role: "admin",
  });
  console.log(`Created admin ${email.data}${passwordArg ? "" : ` with password ${password}`}`);
}
await closeDb();
