import Link from "next/link";
import { currentActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { SignInLink } from "@/components/sign-in-link";
import { GoToFunction } from "@/components/go-to-function";
import { SignOutButton } from "@/components/sign-out-button";
import { WatchBadge } from "@/components/watch-badge";
import { changedWatchCount } from "@/lib/watch/data";

export async function SiteHeader() {
  const actor = await currentActor();
  const changed = actor ? await changedWatchCount(actor.id) : 0;
  return (
    <header className="site-header">
      <div className="inner">
        <Link href="/" className="brand">
          Afterfork
        </Link>
        <nav className="site-nav" aria-label="Main">
          <Link href="/functions">Functions</Link>
          <Link href="/projects">Projects</Link>
          <Link href="/matrix">Matrix</Link>
          <Link href="/recent">Recent changes</Link>
          <Link href="/export">Export</Link>
          {can(actor, { action: "vote.cast" }) && <Link href="/review">Review</Link>}
          {actor && (
            <Link href="/watchlist">
              Watchlist
              <WatchBadge initial={changed} />
            </Link>
          )}
          <Link href="/audit">Audit</Link>
          {can(actor, { action: "users.manage" }) && <Link href="/admin">Admin</Link>}
        </nav>
        <GoToFunction />
        <div className="site-user">
          {actor ? (
            <>
              <span data-testid="signed-in-as">
                {actor.name} <span className="role">({actor.role})</span>
              </span>
              <Link href="/settings/account">Account</Link>
              <Link href="/settings/notifications">Mail</Link>
              <Link href="/settings/tokens">Tokens</Link>
              <SignOutButton />
            </>
          ) : (
            <>
              <SignInLink />
              <SignInLink to="/register">Register</SignInLink>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
