"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth";
import { SIGN_IN } from "@/lib/auth-throttle";
import { waitText } from "@/lib/security/throttle";
import type { ActionState } from "@/lib/actions";

const schema = z.object({
  email: z.string().trim().min(1, "Enter your email."),
  password: z.string().min(1, "Enter your password."),
  callbackUrl: z.string().optional(),
});

/** The form's state: `email` is what was typed, so a refused sign-in keeps it in the field. */
export type SignInState = ActionState & { email?: string };

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeCallback(url: string | undefined): string {
  if (!url) return "/";
  try {
    // Absolute URLs (next-auth adds them) keep only their path: the host is never trusted.
    const parsed = new URL(url, "http://local.invalid");
    const path = `${parsed.pathname}${parsed.search}`;
    return path.startsWith("/") && !path.startsWith("//") ? path : "/";
  } catch {
    return "/";
  }
}

export async function signInAction(_prev: SignInState | undefined, formData: FormData): Promise<SignInState> {
  const typed = formData.get("email");
  const email = typeof typed === "string" ? typed.slice(0, 254) : undefined;
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return {
      ok: false,
      email,
      message: "Enter your email and password.",
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
    };
  }
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallback(parsed.data.callbackUrl),
    });
    return { ok: true };
  } catch (error) {
    if (error instanceof AuthError) {
      const { code, retryAfterSeconds } = error as AuthError & { code?: string; retryAfterSeconds?: number };
      if (code === "rate_limited") {
        const wait = waitText(retryAfterSeconds ?? SIGN_IN.windowMs / 1000);
        return { ok: false, email, message: `Too many sign-in attempts. Try again in ${wait}.` };
      }
      return { ok: false, email, message: "Wrong email or password." };
    }
    throw error; // redirects after a successful sign-in
  }
}
