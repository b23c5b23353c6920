/** A verdict beside a figure (meets / below, on track / behind), in colours that keep WCAG AA contrast. */
export function Verdict({ ok, yes, no }: { ok: boolean | null | undefined; yes: string; no: string }) {
  if (ok === null || ok === undefined) return null;
  return <span className={ok ? 'verdict verdict-ok' : 'verdict verdict-no'}>{ok ? yes : no}</span>;
}
