import { defineConfig } from 'tsup';

export default defineConfig({
  // order.ts on its own too: worker threads that only sort need not load Arrow, Parquet and arquero.
  entry: ['src/index.ts', 'src/order.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'node20',
});
