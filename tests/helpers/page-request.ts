import type { User } from "@/db/schema";
import { actAs } from "./action-request";

/*
 * Renders a page or layout (an async server component) as `caller`, for the role check every page
 * makes first with pageUser. Needs next/headers mocked as in action-request.ts.
 */

/** How the page refused `caller`: "redirect <path>", "403", or null when it rendered. */
export async function pageRefusal(
  caller: Pick<User, "id" | "role" | "email" | "name"> | null,
  page: (props: never) => unknown,
  id: string,
): Promise<string | null> {
  const props = { params: Promise.resolve({ id }), searchParams: Promise.resolve({}), children: null };
  try {
    await actAs(caller, () => Promise.resolve(page(props as never)));
    return null;
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest);
    if (digest.startsWith("NEXT_REDIRECT")) return `redirect ${digest.split(";")[2]}`;
    if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK")) return digest.split(";")[1] ?? "";
    throw error;
  }
}
