"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction, type ActionState } from "@/lib/actions";
import { JOB_NAMES, runJobForAdmin } from "@/lib/jobs/admin";

const runJobSchema = z.object({ name: z.enum(JOB_NAMES, { error: "Unknown job." }) });

/** The "Run now" button of /admin/jobs. Admins only; audited. */
export const runJobAction = validatedAction(
  { schema: runJobSchema, roles: ["admin"], surface: "run_job" },
  async (input, admin): Promise<ActionState> => {
    const state = await runJobForAdmin(admin, input);
    revalidatePath("/admin/jobs");
    return state;
  },
);
