import Link from "next/link";
import { env } from "@/lib/env";
import { signIn } from "@/lib/auth";
import { SignInForm } from "./sign-in-form";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Sign in</h1>
      <SignInForm callbackUrl={callbackUrl} />
      {env.githubAuthEnabled ? (
        <form
          action={async () => {
            "use server";
            await signIn("github", { redirectTo: "/" });
          }}
        >
          <button type="submit" className="w-full rounded-md border border-slate-300 bg-white px-4 py-2 text-sm">
            Continue with GitHub
          </button>
        </form>
      ) : null}
      <p className="text-sm text-slate-600">
        New here? <Link href="/sign-up" className="text-brand-700 underline">Create an account</Link>
      </p>
    </div>
  );
}
