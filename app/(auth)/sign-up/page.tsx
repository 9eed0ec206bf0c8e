import Link from "next/link";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { signUpAction } from "./actions";

export const metadata = { title: "Sign up" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ role?: string }> }) {
  const { role } = await searchParams;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Create your account</h1>
      <SignUpForm initialRole={role === "seller" ? "seller" : "buyer"} signUpAction={signUpAction} />
      <p className="text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/sign-in" className="text-brand-700 underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
