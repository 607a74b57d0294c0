// Progress: a bar with rate and ETA on a terminal (cli-progress), plain periodic lines otherwise
// (logs of batch jobs), nothing when quiet.
import cliProgress from 'cli-progress';

export interface Progress {
  tick(records: number, bytes: number, errors: number): void;
  stop(): void;
}

export function createProgress(
  totalBytes: number,
  mode: 'auto' | 'bar' | 'lines' | 'none',
  stream = process.stderr,
): Progress {
  const useBar = mode === 'bar' || (mode === 'auto' && stream.isTTY === true);
  if (mode === 'none') return { tick() {}, stop() {} };
  const started = performance.now();
  let records = 0;
  let bytes = 0;
  let errors = 0;
  if (useBar) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format:
          'akhbar |{bar}| {percentage}% | {records} records | {rate} rec/s | {errors} errors | ETA {eta_formatted}',
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(1, totalBytes), 0, { records: 0, rate: 0, errors: 0 });
    return {
      tick(r, b, e) {
        records += r;
        bytes += b;
        errors += e;
        const secs = (performance.now() - started) / 1000;
        bar.update(Math.min(bytes, totalBytes), {
          records,
          rate: Math.round(records / Math.max(secs, 1e-3)),
          errors,
        });
      },
      stop() {
        bar.stop();
      },
    };
  }
  let last = started;
  const line = () => {
    const secs = (performance.now() - started) / 1000;
    const pct = totalBytes > 0 ? ((100 * bytes) / totalBytes).toFixed(1) : '?';
    const rate = records / Math.max(secs, 1e-3);
    const eta = bytes > 0 && totalBytes > bytes ? ((secs * (totalBytes - bytes)) / bytes).toFixed(0) : '0';
    stream.write(
      `akhbar: ${records} records, ${errors} errors, ${pct}% of input, ${rate.toFixed(0)} rec/s, ETA ${eta}s\n`,
    );
  };
  return {
    tick(r, b, e) {
      records += r;
      bytes += b;
      errors += e;
      const t = performance.now();
      if (t - last >= 5000) {
        last = t;
        line();
      }
    },
    stop() {},
  };
}
