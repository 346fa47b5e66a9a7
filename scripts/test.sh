#!/usr/bin/env bash
# npm test: every check, in the order that fails fastest.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."
reports=$(mktemp -d)

echo "== type check" && npx tsc --noEmit -p .
echo "== format" && npx prettier --check . --log-level=warn
echo "== lint" && npx eslint . --max-warnings=0
echo "== unit and integration tests (Vitest, real PostgreSQL)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/vitest.json"
echo "== production build" && npx tsx scripts/build.ts
echo "== end-to-end tests (Playwright, Chromium)"
E2E_JSON_REPORT="$reports/playwright.json" npx tsx scripts/run-e2e.ts
node scripts/summarize-tests.mjs "$reports/vitest.json" "$reports/playwright.json"
