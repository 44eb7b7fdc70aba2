import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "_site/**",
      "_site.*/**",
      ".site-versions/**",
      "node_modules/**",
      ".cache/**",
      "docs/**",
      "coverage/**",
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["assets/js/**/*.js"],
    languageOptions: {
      globals: {
        window: "readonly",
        document: "readonly",
        navigator: "readonly",
        location: "readonly",
        history: "readonly",
        URL: "readonly",
        URLSearchParams: "readonly",
        localStorage: "readonly",
      },
    },
  },
);
