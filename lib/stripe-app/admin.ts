import "server-only";
import { z } from "zod";
import {
  deleteDashboardUser,
  findUserByDashboardUser,
  insertDashboardUser,
  listDashboardUsers,
} from "@/db/queries/stripe-app-users";
import { runInTransaction } from "@/db/queries/transaction";
import type { ActionState } from "@/lib/actions";
import { recordAudit } from "@/lib/admin/audit";
import { env } from "@/lib/env";
import type { Admin } from "@/lib/guards";
import { STRIPE_APP_ROUTES } from "@/stripe-app/src/contract";
import { backendMode } from "./verify";

/*
 * /admin/stripe-app: which Stripe Dashboard users act as which admin in the Stripe App. An admin links
 * their own Dashboard user (the app shows its id when it is not linked yet); any admin can unlink one.
 * Both are audited.
 */

export const dashboardUserSchema = z.object({
  dashboardUserId: z
    .string()
    .trim()
    .regex(/^usr_[A-Za-z0-9]{4,64}$/, "A Dashboard user id looks like usr_1AbC…: the app shows yours."),
});

export interface LinkState extends ActionState {
  values?: { dashboardUserId: string };
}

export async function linkDashboardUser(admin: Admin, { dashboardUserId }: { dashboardUserId: string }) {
  return runInTransaction(async (tx): Promise<LinkState> => {
    const linked = await insertDashboardUser({ dashboardUserId, userId: admin.id }, tx);
    if (!linked) {
      const owner = await findUserByDashboardUser({ dashboardUserId }, tx);
      return {
        ok: false,
        message: `${dashboardUserId} is already linked${owner ? ` to ${owner.email}` : ""}. Unlink it first.`,
        fieldErrors: { dashboardUserId: ["Already linked."] },
        values: { dashboardUserId },
      };
    }
    await recordAudit(
      admin,
      { action: "stripe_app.link", targetType: "stripe_app_user", targetId: dashboardUserId, result: "ok" },
      tx,
    );
    return { ok: true, message: `${dashboardUserId} now acts as you (${admin.email}) in the Stripe App.` };
  });
}

export async function unlinkDashboardUser(admin: Admin, { dashboardUserId }: { dashboardUserId: string }) {
  return runInTransaction(async (tx): Promise<ActionState> => {
    const removed = await deleteDashboardUser({ dashboardUserId }, tx);
    if (!removed) return { ok: false, message: `${dashboardUserId} was not linked.` };
    await recordAudit(
      admin,
      { action: "stripe_app.unlink", targetType: "stripe_app_user", targetId: dashboardUserId, result: "ok" },
      tx,
    );
    return { ok: true, message: `${dashboardUserId} can no longer use the Stripe App.` };
  });
}

/** What the page shows: whether the backend can verify the app's requests, and who is linked. */
export async function stripeAppSetup(_admin: Admin) {
  return {
    configured: Boolean(env.stripeAppSigningSecret),
    /** The public offline secret: fine offline, refused in production (lib/env.ts). */
    offlineSecret: !env.STRIPE_APP_SIGNING_SECRET && Boolean(env.stripeAppSigningSecret),
    mode: backendMode(),
    backendUrl: env.APP_URL,
    apiPrefix: new URL(STRIPE_APP_ROUTES.payment.replace(/payment$/, ""), env.APP_URL).toString(),
    links: await listDashboardUsers(),
  };
}
