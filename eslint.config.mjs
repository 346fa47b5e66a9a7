import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: [
      "lib/generated/**",
      ".next/**",
      ".data/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    // Lines of at most 120 columns, as Prettier formats them. Prettier does not
    // break strings, template literals or comments, so those are wrapped by
    // hand (split a string with +); only URLs and regular expressions, which
    // cannot be split, may run longer. Tests and data tables are exempt.
    files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"],
    ignores: ["tests/**", "e2e/**", "lib/generated/**", "lib/reference/keywords.ts"],
    rules: {
      "max-len": [
        "error",
        { code: 120, tabWidth: 2, ignoreUrls: true, ignoreRegExpLiterals: true, ignoreStrings: false },
      ],
    },
  },
];

export default config;
