// Prints the suite's closing line, "N passed, N failed", from the Vitest and
// Playwright JSON reports that scripts/test.sh asks for.
import { readFileSync } from "node:fs";

const [vitestReport, playwrightReport] = process.argv.slice(2);
const vitest = JSON.parse(readFileSync(vitestReport, "utf8"));
const playwright = JSON.parse(readFileSync(playwrightReport, "utf8"));
const passed = vitest.numPassedTests + playwright.stats.expected;
const failed = vitest.numFailedTests + playwright.stats.unexpected + playwright.stats.flaky;
const skipped = vitest.numPendingTests + vitest.numTodoTests + playwright.stats.skipped;
console.log(
  `Vitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed; Playwright: ` +
    `${playwright.stats.expected} passed, ${playwright.stats.unexpected} failed.`,
);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
