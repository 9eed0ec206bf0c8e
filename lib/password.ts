import bcrypt from "bcryptjs";
import { z } from "zod";

/** The rule for every password a user chooses (sign-up, password change). */
export const newPasswordField = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.");

// bcrypt cost 10 ≈ 60–80 ms per hash in pure JS on one core: slow for attackers, tolerable for sign-in.
const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
