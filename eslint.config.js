// Lint: typescript-eslint, React hooks, jsx-a11y, and the house's import boundaries.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

/** Plain modules are pure: only *.server.ts talks to the database, the network or the file system. */
const SERVER_ONLY = [
  // Types are erased at build time, so a pure module may name a server module's types.
  { group: ["*.server", "**/*.server", "~/**/*.server"], allowTypeImports: true, message: "Only *.server.ts modules and routes may import server modules." },
  { group: ["kysely", "pg", "better-sqlite3", "express", "@remix-run/node", "@remix-run/express"], message: "Database and HTTP belong in *.server.ts modules." },
  { group: ["node:fs", "node:fs/*", "node:http", "node:net", "node:child_process"], message: "File system and network belong in *.server.ts modules." },
  { group: ["**/db/connection", "**/db/setup", "**/db/demo"], message: "Database set-up belongs in *.server.ts modules." },
];
/** Routes depend on features, never the reverse. */
const NO_ROUTES = { group: ["~/routes/*", "**/routes/*"], message: "Features never import routes; move what both need into a feature module." };

export default tseslint.config(
  { ignores: ["build/**", "public/**", "node_modules/**", ".cache/**", "test-results/**", "bench/data/**", "data/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports", disallowTypeAnnotations: false }],
      // Scrollable tables are focusable, named regions so keyboard users can scroll them (WCAG 2.1.1;
      // axe's scrollable-region-focusable), which this rule would forbid.
      "jsx-a11y/no-noninteractive-tabindex": ["error", { roles: ["region"] }],
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [NO_ROUTES] }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/**/*.server.ts", "app/**/*.server.test.ts", "app/routes/**", "app/entry.server.tsx", "app/root.tsx", "app/**/*.test.{ts,tsx}"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [...SERVER_ONLY, NO_ROUTES] }] },
  },
  // Tests build deliberately malformed definitions and answers: loose types are the point there.
  { files: ["**/*.test.{ts,tsx}", "tests/**"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
  // Kysely's migrations take Kysely<any>: a frozen migration must not depend on today's schema types.
  { files: ["db/migrations/**", "db/migrate.ts", "db/full-text-search.ts"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
  { files: ["*.config.js", "remix.config.js"], languageOptions: { globals: { process: "readonly" } } },
);
