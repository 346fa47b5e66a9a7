import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GitLabProvider from "next-auth/providers/gitlab";
import type { Provider } from "next-auth/providers/index";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { linkOAuthUser } from "@/lib/auth/oauth";

function oauthProviders(): Provider[] {
  const providers: Provider[] = [];
  if (process.env.GITHUB_ID && process.env.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: process.env.GITHUB_ID, clientSecret: process.env.GITHUB_SECRET }));
  }
  if (process.env.GITLAB_ID && process.env.GITLAB_SECRET) {
    providers.push(GitLabProvider({ clientId: process.env.GITLAB_ID, clientSecret: process.env.GITLAB_SECRET }));
  }
  return providers;
}

export function enabledOAuthProviders(): { id: string; name: string }[] {
  return oauthProviders().map((p) => ({ id: p.id, name: p.name }));
}

// Sessions are JWTs in an HttpOnly cookie, so any number of app instances
// serve one database without shared session storage. The token carries only
// the user id; role and disabled state are read from the database on every
// authorised request (lib/auth/session.ts), so a change takes effect at once.
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: async (credentials) => signInWithPassword(credentials),
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    async signIn({ user, account, profile }) {
      if (!account || account.provider === "credentials") return true;
      const linked = await linkOAuthUser({
        provider: account.provider,
        subject: account.providerAccountId,
        email: user.email ?? profile?.email ?? null,
        name: user.name ?? profile?.name ?? null,
      });
      if (!linked) return false;
      user.id = String(linked.id);
      return true;
    },
    async jwt({ token, user }) {
      if (user) token.sub = String(user.id);
      return token;
    },
    async session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      return session;
    },
  },
};
