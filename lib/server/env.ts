export const DEFAULT_TEST_SERVER_URL = "postgresql://postgres@127.0.0.1:5432";

export function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set.");
  return url;
}
