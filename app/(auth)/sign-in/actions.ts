"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth";
import { SIGN_IN } from "@/lib/auth-throttle";
import { waitText } from "@/lib/security/throttle";
import type { SignInState } from "@/components/auth/sign-in-form";
import { validatedAction, type ActionState } from "@/lib/actions";

const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email."),
  password: z.string().min(1, "Enter your password."),
  callbackUrl: z.string().optional(),
});

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

export const signInAction = validatedAction(
  {
    schema: signInSchema,
    roles: null,
    surface: "sign_in",
    refusal: (raw) => ({ email: typeof raw.email === "string" ? raw.email.slice(0, 254) : undefined }),
    fieldsMessage: "Enter your email and password.",
  },
  async (input): Promise<SignInState> => {
    try {
      await signIn("credentials", {
        email: input.email,
        password: input.password,
        redirectTo: safeCallback(input.callbackUrl),
      });
      return { ok: true };
    } catch (error) {
      if (!(error instanceof AuthError)) throw error; // the redirect after a successful sign-in
      const { code, retryAfterSeconds } = error as AuthError & { code?: string; retryAfterSeconds?: number };
      if (code === "rate_limited") {
        const wait = waitText(retryAfterSeconds ?? SIGN_IN.windowMs / 1000);
        return { ok: false, message: `Too many sign-in attempts. Try again in ${wait}.` };
      }
      return { ok: false, message: "Wrong email or password." };
    }
  },
);

/** "Continue with GitHub": next-auth's OAuth redirect (the callback decides who may sign in). */
export const signInWithGitHubAction = validatedAction(
  { schema: z.object({}), roles: null, surface: "sign_in_github" },
  async (): Promise<ActionState> => {
    await signIn("github", { redirectTo: "/" });
    return { ok: true };
  },
);
