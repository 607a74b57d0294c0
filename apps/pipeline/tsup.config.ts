import { defineConfig } from 'tsup';

// The app ships ESM only: a CLI entry (with a shebang) and a library entry for programmatic runs.
export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts', 'src/worker.ts', 'src/assemble-worker.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  target: 'node20',
});
