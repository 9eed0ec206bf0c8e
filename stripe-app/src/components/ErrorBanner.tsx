import { Banner, Link } from "@stripe/ui-extension-sdk/ui";
import type { BackendError } from "../api";

/** The backend's code for a valid signature from a Dashboard user not linked to a marketplace admin. */
export const UNLINKED_USER = "forbidden:stripe_app_user";

/** Where an admin links Dashboard users to marketplace admins. */
export function linkingPageUrl(backendUrl: string | null): string {
  return `${backendUrl ?? ""}/admin/stripe-app`;
}

/**
 * Why the marketplace could not answer, as it said it. A Dashboard user who is not linked to an admin is
 * told which user id to link and where.
 */
export function ErrorBanner({
  error,
  backendUrl,
  title = "The marketplace could not answer",
}: {
  error: BackendError;
  backendUrl: string | null;
  title?: string;
}) {
  if (error.code === UNLINKED_USER) {
    const user = error.dashboardUserId ?? "you are signed in as";
    const page = linkingPageUrl(backendUrl);
    return (
      <Banner
        type="caution"
        title="Your Dashboard user is not linked to a marketplace admin"
        description={
          `The Stripe Dashboard user ${user} is not linked to a marketplace admin, so the marketplace shows it nothing. ` +
          `A marketplace admin links it at ${page}, then reload this page.`
        }
        actions={
          backendUrl ? (
            <Link href={page} target="_blank" external>
              Open the linking page
            </Link>
          ) : undefined
        }
      />
    );
  }
  return <Banner type="critical" title={title} description={error.message} />;
}
