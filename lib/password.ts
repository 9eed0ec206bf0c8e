import bcrypt from "bcryptjs";

// bcrypt cost 10 ≈ 60–80 ms per hash in pure JS on one core: slow for attackers, tolerable for sign-in.
const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
