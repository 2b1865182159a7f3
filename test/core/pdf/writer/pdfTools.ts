// Independent checks with the Debian tools (poppler-utils, qpdf): the writer is judged by readers
// other than the library that wrote the file, since veraPDF cannot be installed here (PDF.md).
import { execFileSync, spawnSync } from 'node:child_process';

export function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

export function qpdfCheck(file: string): { ok: boolean; output: string } {
  const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** Page sizes in points as pdfinfo reports them. */
export function pageSizes(file: string): { width: number; height: number }[] {
  const out = run('pdfinfo', ['-f', '1', '-l', '100000', file]);
  return [...out.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

export function pdfinfoField(file: string, field: string): string | undefined {
  const line = run('pdfinfo', [file]).split('\n').find((l) => l.startsWith(`${field}:`));
  return line?.slice(field.length + 1).trim();
}

/** pdffonts rows: name and whether embedded. */
export function fonts(file: string): { name: string; embedded: boolean }[] {
  return run('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type... encoding emb sub uni id gen: emb is the 5th column from the end.
      return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
    });
}

/**
 * A small XML 1.0 well-formedness check: balanced, properly nested tags, quoted attributes, no stray
 * `<` and no `&` that does not start a predefined or numeric entity. Enough to catch what pdfkit's
 * unescaped XMP produced for `A&B <草稿>`.
 */
export function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  let roots = 0;
  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<|&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);|&/g;
  const badAmp = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  for (const m of xml.matchAll(token)) {
    const text = m[0];
    if (text === '<') throw new Error(`XML: stray "<" at ${m.index}: ${xml.slice(m.index, m.index! + 40)}`);
    if (text === '&') throw new Error(`XML: bare "&" at ${m.index}: ${xml.slice(m.index, m.index! + 40)}`);
    if (!m[2]) continue;
    if (m[3] && badAmp.test(m[3])) throw new Error(`XML: bare "&" in attributes of <${m[2]}>`);
    if (m[1]) {
      const open = stack.pop();
      if (open !== m[2]) throw new Error(`XML: </${m[2]}> closes <${open}>`);
    } else if (!m[4]) {
      if (!stack.length) roots++;
      stack.push(m[2]);
    }
  }
  if (stack.length) throw new Error(`XML: unclosed <${stack.join('>, <')}>`);
  if (roots !== 1) throw new Error(`XML: ${roots} root elements`);
}
