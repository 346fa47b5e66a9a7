// `npm run build`: the Next production build and the server that serves it (scripts/lib/production.ts).
import { buildProduction, SERVER_BUNDLE } from "./lib/production";

buildProduction().then(
  () => console.log(`Built .next/ and ${SERVER_BUNDLE}.`),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
