import GitHubProvider, { type GithubProfile } from "next-auth/providers/github";
import GitLabProvider, { type GitLabProfile } from "next-auth/providers/gitlab";
import type { Provider } from "next-auth/providers/index";

// Sign-in with GitHub and GitLab, each answering only an email address the
// provider has verified (else none): the address names a new account, and an
// unverified one would let anyone claim someone else's.

interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

function github(clientId: string, clientSecret: string): Provider {
  return GitHubProvider({
    clientId,
    clientSecret,
    userinfo: {
      url: "https://api.github.com/user",
      async request({ client, tokens }) {
        const profile = (await client.userinfo(tokens.access_token!)) as unknown as GithubProfile;
        // The profile's public email says nothing about verification; /user/emails does.
        const response = await fetch("https://api.github.com/user/emails", {
          headers: { Authorization: `token ${tokens.access_token}` },
        });
        const emails = response.ok ? ((await response.json()) as GitHubEmail[]) : [];
        const verified = emails.find((e) => e.primary && e.verified);
        return { ...profile, email: verified?.email ?? null } as unknown as Record<string, unknown>;
      },
    },
    profile: (profile: GithubProfile) => ({
      id: String(profile.id),
      name: profile.name ?? profile.login,
      email: profile.email,
      image: profile.avatar_url,
    }),
  });
}

function gitlab(clientId: string, clientSecret: string): Provider {
  return GitLabProvider({
    clientId,
    clientSecret,
    profile: (profile: GitLabProfile) => ({
      id: String(profile.id),
      name: profile.name ?? profile.username,
      // GitLab reports the primary address with confirmed_at once it is confirmed.
      email: profile.confirmed_at ? profile.email : null,
      image: profile.avatar_url,
    }),
  });
}

export function oauthProviders(): Provider[] {
  const providers: Provider[] = [];
  if (process.env.GITHUB_ID && process.env.GITHUB_SECRET)
    providers.push(github(process.env.GITHUB_ID, process.env.GITHUB_SECRET));
  if (process.env.GITLAB_ID && process.env.GITLAB_SECRET)
    providers.push(gitlab(process.env.GITLAB_ID, process.env.GITLAB_SECRET));
  return providers;
}

export function enabledOAuthProviders(): { id: string; name: string }[] {
  return oauthProviders().map((p) => ({ id: p.id, name: p.name }));
}
