import appsync from '@aws-appsync/eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/', '**/dist/', '**/cdk.out/', '**/.local/', 'test-artifacts/', '**/generated/', 'web/dist/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The construct package's core classes come from aws-cdk-lib/core, the module the root re-exports them from (the same
  // classes): the root also re-exports every service module, so importing it made the package's declaration build
  // parse 2,592 of aws-cdk-lib's declaration files instead of 1,077 (10 → 5 s of CPU, infra/build/build-package.ts).
  {
    files: ['infra/**/*.ts'],
    ignores: ['**/*.test.ts', 'infra/bin/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'aws-cdk-lib', message: "Import from 'aws-cdk-lib/core' (see eslint.config.js)." }] }],
    },
  },
  // APPSYNC_JS supports a subset of JavaScript: the plugin's type-aware rules reject what AppSync would reject, in the
  // resolvers and in the data model they are bundled with.
  {
    files: ['resolvers/**/*.ts', 'infra/model/**/*.ts'],
    ignores: ['resolvers/build.ts', '**/*.test.ts'],
    ...appsync.configs.recommended,
    languageOptions: {
      ...appsync.configs.recommended.languageOptions,
      // A program over only these files and their imports (tsconfig.appsync.json, whose roots are exactly these files:
      // scripts/lint.test.ts checks it), not the whole repository's — that one was most of lint's time.
      parserOptions: { project: './tsconfig.appsync.json', tsconfigRootDir: import.meta.dirname },
    },
  },
);
