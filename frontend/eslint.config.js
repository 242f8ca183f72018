import pluginVue from 'eslint-plugin-vue'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'

export default defineConfigWithVueTs(
  { ignores: ['dist/**', 'node_modules/**', 'src/api/schema.d.ts', 'e2e/artifacts/**'] },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  {
    files: ['src/**/*.vue'],
    rules: {
      // Every visible string goes through vue-i18n: raw text in a template is an error.
      'vue/no-bare-strings-in-template': [
        'error',
        { allowlist: ['(', ')', ',', '.', '&', '+', '-', '=', '*', '/', '#', '%', '!', '?', ':', '[', ']', '{', '}', '<', '>', '•', '·', '|', '¥', '×', '—', '–', '→', '~'] },
      ],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    // API calls only through the domain modules of src/api/ (typed on the OpenAPI paths): screens, components,
    // composables and stores neither import the raw client nor write API URLs. Router paths stay allowed.
    files: ['src/views/**', 'src/components/**', 'src/composables/**', 'src/stores/**', 'src/owner/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@/api/http', importNames: ['api', 'request', 'download', 'upload', 'buildUrl', 'unwrap', 'fetchRequest'], message: 'Call a function of src/api/<domain>.ts instead.' },
            { name: '@/api/client', message: 'Call a function of src/api/<domain>.ts instead.' },
            { name: '@/api/workflow', importNames: ['runAction'], message: 'Use the run…Action function of the domain module.' },
            { name: 'openapi-fetch', message: 'Use src/api/client.ts through a domain module.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Call a function of src/api/<domain>.ts instead.' }, { name: 'XMLHttpRequest', message: 'Call a function of src/api/<domain>.ts instead.' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'Literal[value=/^\\/api\\//]', message: 'No API URLs outside src/api/: call a function of src/api/<domain>.ts.' },
        { selector: 'TemplateElement[value.raw=/^\\/api\\//]', message: 'No API URLs outside src/api/: call a function of src/api/<domain>.ts.' },
      ],
    },
  },
)
