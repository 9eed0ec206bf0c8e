import { handlers } from "@/lib/auth";
import { refuseBadCallbackUrl } from "@/lib/auth-route";

export const GET = refuseBadCallbackUrl(handlers.GET);
export const POST = refuseBadCallbackUrl(handlers.POST);
