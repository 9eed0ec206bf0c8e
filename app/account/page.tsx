import type { Metadata } from "next";
import Link from "next/link";
import { PasswordForm } from "@/components/account/password-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { pageUser } from "@/lib/auth";
import { changePasswordAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await pageUser(undefined, "/account");
  const { changed } = await searchParams;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Your account</h1>
        <p className="break-all text-sm text-slate-600">
          {user.name} · {user.email} · {user.role}
        </p>
      </div>
      {changed ? (
        <Alert tone="success">Your password was changed. Every other device was signed out.</Alert>
      ) : null}
      {user.role === "buyer" ? (
        <Card title="Payment methods">
          <p className="text-sm text-slate-600">
            Save a card to pay any seller in one click.{" "}
            <Link href="/account/payment-methods" prefetch={false} className="text-brand-700 underline">
              Manage your saved cards
            </Link>
          </p>
        </Card>
      ) : null}
      <Card title="Password">
        {user.passwordHash ? (
          <>
            <p className="mb-4 text-sm text-slate-600">
              Changing it signs you out everywhere else, including any browser you have lost track of.
            </p>
            <PasswordForm action={changePasswordAction} />
          </>
        ) : (
          <p className="text-sm text-slate-600">
            You sign in with GitHub, so there is no password to change here.
          </p>
        )}
      </Card>
      <Card title="Signing out">
        <p className="text-sm text-slate-600">
          Signing out ends all your sessions, on every device: a copy of your session cookie stops working
          too.
        </p>
      </Card>
    </div>
  );
}
