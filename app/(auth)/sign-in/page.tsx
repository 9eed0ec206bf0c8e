import Link from "next/link";
import { GitHubSignInButton } from "@/components/auth/github-sign-in-button";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Alert } from "@/components/ui/alert";
import { env } from "@/lib/env";
import { GITHUB_REFUSAL_MESSAGES } from "@/lib/users/github-sign-in";
import { signInAction, signInWithGitHubAction } from "./actions";

export const metadata = { title: "Sign in" };

/** Only our own refusal codes are shown: the query string is never echoed. */
function refusalMessage(error: unknown): string | undefined {
  return typeof error === "string" && Object.hasOwn(GITHUB_REFUSAL_MESSAGES, error)
    ? GITHUB_REFUSAL_MESSAGES[error as keyof typeof GITHUB_REFUSAL_MESSAGES]
    : undefined;
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string | string[] }>;
}) {
  const { callbackUrl, error } = await searchParams;
  const refusal = refusalMessage(error);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Sign in</h1>
      {refusal ? <Alert tone="error">{refusal}</Alert> : null}
      <SignInForm callbackUrl={callbackUrl} signInAction={signInAction} />
      {env.githubAuthEnabled ? <GitHubSignInButton signInAction={signInWithGitHubAction} /> : null}
      <p className="text-sm text-slate-600">
        New here?{" "}
        <Link href="/sign-up" className="text-brand-700 underline">
          Create an account
        </Link>
      </p>
    </div>
  );
}
