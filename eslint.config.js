// Lint rules that guard against kinds of bugs found in review (run by `npm run lint` and CI).
// unbound-method: a method handed on without its object loses `this` (issue 13: pino's logger
// methods passed detached made every LLM fallback an HTTP 500).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // the compiled copy (scripts/build.js) is not linted: its sources are
  { ignores: ['dist/**', 'dist.*/**'] },
  {
    files: ['src/**/*.ts', 'adapters/**/*.ts', 'bin/**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: { '@typescript-eslint/unbound-method': 'error' },
  },
);
