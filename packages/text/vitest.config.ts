import { defineConfig } from 'vitest/config';

// 'source' resolves sibling @akhbar/* packages to their TypeScript sources, so tests see current code.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
