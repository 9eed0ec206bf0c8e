"use server";

import { revalidatePath } from "next/cache";
import { validatedAction, type ActionState } from "@/lib/actions";
import {
  dashboardUserSchema,
  linkDashboardUser,
  unlinkDashboardUser,
  type LinkState,
} from "@/lib/stripe-app/admin";

/** "Link" on /admin/stripe-app: the Dashboard user acts as the signed-in admin in the Stripe App. */
export const linkDashboardUserAction = validatedAction(
  {
    schema: dashboardUserSchema,
    roles: ["admin"],
    surface: "stripe_app_link",
    refusal: (raw) => ({
      values: {
        dashboardUserId: typeof raw.dashboardUserId === "string" ? raw.dashboardUserId.slice(0, 80) : "",
      },
    }),
  },
  async (input, admin): Promise<LinkState> => {
    const state = await linkDashboardUser(admin, input);
    revalidatePath("/admin/stripe-app");
    return state;
  },
);

/** "Unlink": that Dashboard user's requests are refused from now on. */
export const unlinkDashboardUserAction = validatedAction(
  { schema: dashboardUserSchema, roles: ["admin"], surface: "stripe_app_unlink" },
  async (input, admin): Promise<ActionState> => {
    const state = await unlinkDashboardUser(admin, input);
    revalidatePath("/admin/stripe-app");
    return state;
  },
);
