import { z } from "zod";
import { getUserByEmail, insertUser } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { hashPassword, newPasswordField } from "@/lib/password";

export const SUPPORTED_COUNTRIES = ["US", "GB", "FR", "DE", "CA", "AU"] as const;

export const signUpSchema = z
  .object({
    name: z.string().trim().min(1, "Enter your name.").max(100),
    email: z.email("Enter a valid email address.").max(254),
    password: newPasswordField,
    role: z.enum(["buyer", "seller"], { message: "Choose whether you want to buy or sell." }),
    country: z.enum(SUPPORTED_COUNTRIES).default("US"),
    businessName: z.string().trim().max(100).optional(),
  })
  .refine((v) => v.role !== "seller" || (v.businessName ?? "").length > 0, {
    path: ["businessName"],
    message: "Sellers need a shop name.",
  });

export type SignUpInput = z.infer<typeof signUpSchema>;

/**
 * Creates a buyer or seller from input `signUpSchema` parsed (the sign-up action does, once). Admins
 * are never created here (see `npm run admin:create`): the schema's role is buyer or seller only.
 */
export async function signUpUser(input: SignUpInput): Promise<User> {
  const taken = () =>
    new AppError("conflict:email_taken", "An account with this email already exists.", {
      fieldErrors: { email: ["An account with this email already exists."] },
    });
  if (await getUserByEmail({ email: input.email })) throw taken();
  const user = await insertUser({
    email: input.email,
    name: input.name,
    passwordHash: await hashPassword(input.password),
    role: input.role,
    country: input.country,
    businessName: input.role === "seller" ? (input.businessName ?? null) : null,
  });
  // A concurrent sign-up with the same email loses the unique constraint race here.
  if (!user) throw taken();
  return user;
}
