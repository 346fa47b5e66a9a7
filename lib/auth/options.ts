import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { cookies, headers } from "next/headers";
import { sameOriginRedirect } from "@/lib/auth/callback-url";
import { LINK_INTENT_COOKIE, readLinkIntent } from "@/lib/auth/link-intent";
import { signInWithOAuth } from "@/lib/auth/oauth";
import { oauthProviders } from "@/lib/auth/oauth-providers";
import { currentAuthSecret } from "@/lib/auth/secret";
import { sessionVersionOf } from "@/lib/auth/session-version";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { clientAddress, isHttpsRequest } from "@/lib/server/http/client-address";

/** The signed-in user of this request who asked, from account settings, to link a provider; else null. */
async function linkTarget(secret: string): Promise<number | null> {
  const intent = (await cookies()).get(LINK_INTENT_COOKIE)?.value;
  if (!intent) return null;
  // Imported here: lib/auth/session builds its session check from these options.
  const { currentSessionUser, loadActor } = await import("@/lib/auth/session");
  const user = await currentSessionUser();
  return user && (await loadActor(user.id, user)) ? readLinkIntent(secret, intent, user) : null;
}

/**
 * next-auth's options for this request. Sessions are JWTs in an HttpOnly
 * cookie, so any number of app instances serve one database without shared
 * session storage. The token carries the user id and the user's session
 * version; every request compares the version with the database's
 * (lib/auth/session.ts), so a password change, "sign out everywhere", a role
 * change or disabling ends every session at once. The signing secret is
 * read per request so that `afterfork secret rotate` reaches running
 * instances, and cookies are Secure whenever the public side is HTTPS.
 */
export async function authOptions(): Promise<NextAuthOptions> {
  const secret = await currentAuthSecret();
  const requestHeaders = await headers();
  return {
    secret,
    useSecureCookies: isHttpsRequest(requestHeaders),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: async (credentials) => signInWithPassword(credentials, { ip: clientAddress(requestHeaders) }),
      }),
      ...oauthProviders(),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (!account || account.provider === "credentials") return true;
        const linkTo = await linkTarget(secret);
        const outcome = await signInWithOAuth(
          {
            provider: account.provider,
            subject: account.providerAccountId,
            email: user.email ?? null,
            name: user.name ?? null,
          },
          linkTo,
        );
        if (outcome.status === "refused")
          return linkTo ? `/settings/account?error=${outcome.reason}` : `/signin?error=${outcome.reason}`;
        user.id = String(outcome.userId);
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          token.sub = String(user.id);
          token.sv = await sessionVersionOf(Number(user.id));
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        if (typeof token.sv === "number") session.sessionVersion = token.sv;
        return session;
      },
      redirect: async ({ url, baseUrl }) => sameOriginRedirect(url, baseUrl),
    },
  };
}
