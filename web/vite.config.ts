import { defineConfig } from 'vitest/config';

// No React plugin needed: Vite's own transform compiles TSX with the automatic JSX runtime.
export default defineConfig({
  build: {
    outDir: 'dist', assetsDir: 'assets', sourcemap: false,
    rolldownOptions: {
      // react-router marks its modules "use client" for React Server Components; meaningless in this SPA
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      // The libraries (about 93% of the first download) in a chunk of their own: a release that changes
      // only the app's code leaves its hash, and the browser's cached copy, as they were.
      output: { codeSplitting: { groups: [{ name: 'vendor', test: /[\\/]node_modules[\\/]/ }] } },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/.well-known': 'http://localhost:8080',
      '/healthz': 'http://localhost:8080',
    },
  },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
  },
});
