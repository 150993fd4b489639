import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import drizzle from "eslint-plugin-drizzle";
import tseslint from "typescript-eslint";

const frontDoorsOnly = {
  regex: "^(@/|(\\.\\.?/)+)lib/[^/]+/(?!schemas$)",
  message:
    "Import a module through its front door (@/lib/<module>) — or its schemas, from browser code.",
};
const noClimbing = {
  group: ["../*"],
  message: "Leave a module through @/lib/<module>, not a relative path.",
};
// Domain code stays framework-free: cookies, redirects and revalidation belong to app/.
const frameworkFree = [
  {
    group: ["next", "next/*", "@/app/*", "@/auth"],
    message: "lib/ and db/ must not depend on Next.js or the app layer.",
  },
];

export default tseslint.config(
  {
    ignores: [
      ".next*/**",
      "node_modules/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      "db/migrations/**",
      "next-env.d.ts",
      "scratch*/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "@next/next": nextPlugin },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
    },
  },
  {
    plugins: { drizzle },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "drizzle/enforce-delete-with-where": [
        "error",
        { drizzleObjectName: ["db", "tx", "getDb()"] },
      ],
      "drizzle/enforce-update-with-where": [
        "error",
        { drizzleObjectName: ["db", "tx", "getDb()"] },
      ],
    },
  },
  {
    // Each module of lib/ has one front door, its index.ts (and schemas.ts, the part browser code
    // may import). Inside a module, files import each other relatively; nothing climbs out of a
    // module with "../".
    files: ["**/*.ts", "**/*.tsx", "**/*.mjs"],
    ignores: ["lib/**", "db/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [frontDoorsOnly] }],
    },
  },
  {
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [frontDoorsOnly, noClimbing, ...frameworkFree] },
      ],
    },
  },
  {
    // A module's schemas.ts is the door browser code may use: it must not bring the database
    // client (or anything behind another module's front door) into a browser bundle.
    files: ["lib/*/schemas.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            frontDoorsOnly,
            noClimbing,
            ...frameworkFree,
            {
              regex: "^@/(db|lib/(?![^/]+/schemas$|money$|paging$)[^/]+$)",
              message:
                "schemas.ts imports only zod, its own pure files, lib/money, lib/paging and other modules' schemas.",
            },
          ],
        },
      ],
    },
  },
  {
    // db/ is the client, the schema and the migrations: it knows nothing of the domain.
    files: ["db/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...frameworkFree,
            { group: ["@/lib", "@/lib/*", "../lib/*"], message: "db/ imports nothing from lib/." },
          ],
        },
      ],
    },
  },
  {
    files: ["tests/**/*.ts", "**/*.test.ts", "e2e/**/*.ts", "bench/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: {
      globals: Object.fromEntries(
        ["process", "console", "Buffer", "Headers", "Request", "Response", "setTimeout", "URL"].map(
          (g) => [g, "readonly"],
        ),
      ),
    },
  },
);
