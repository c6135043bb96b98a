/**
 * Unified diffs (`--- a/…`, `+++ b/…`, `@@` hunks with 3 lines of context) that `git apply`
 * and `patch -p1` accept. Lines keep their own terminators, so a CRLF file diffs as CRLF and
 * a missing final newline is marked the way diff(1) marks it.
 */

type Op = { kind: ' ' | '-' | '+'; line: string };

function splitLinesKeepEnds(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Myers' O(ND) shortest edit script over lines. */
function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  // Common prefix and suffix cost nothing to find and keep the search small.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const n = A.length;
  const m = B.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let done = n === 0 && m === 0;
  for (let d = 0; d <= max && !done; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && A[x] === B[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  // Walk the trace backwards to recover the script.
  const middle: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      middle.push({ kind: ' ', line: A[--x] });
      y--;
    }
    if (d > 0) {
      if (x === prevX) middle.push({ kind: '+', line: B[--y] });
      else middle.push({ kind: '-', line: A[--x] });
    }
  }
  middle.reverse();
  return [...a.slice(0, pre).map((line) => ({ kind: ' ' as const, line })), ...middle, ...a.slice(a.length - suf).map((line) => ({ kind: ' ' as const, line }))];
}

function renderLine(op: Op): string {
  if (op.line.endsWith('\n')) return op.kind + op.line;
  return `${op.kind}${op.line}\n\\ No newline at end of file\n`;
}

/** A unified diff of `before` → `after`, or '' when they are equal. `name` is the path shown after a/ and b/. */
export function unifiedDiff(name: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const ops = diffLines(splitLinesKeepEnds(before), splitLinesKeepEnds(after));
  // Index ranges of ops to print: each change widened by `context`, overlapping ones merged.
  const ranges: [number, number][] = [];
  ops.forEach((op, i) => {
    if (op.kind === ' ') return;
    const from = Math.max(0, i - context);
    const to = Math.min(ops.length, i + context + 1);
    const last = ranges[ranges.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else ranges.push([from, to]);
  });
  // Line numbers before each op.
  const oldLineAt: number[] = [];
  const newLineAt: number[] = [];
  let o = 1;
  let nw = 1;
  for (const op of ops) {
    oldLineAt.push(o);
    newLineAt.push(nw);
    if (op.kind !== '+') o++;
    if (op.kind !== '-') nw++;
  }
  let out = `--- a/${name}\n+++ b/${name}\n`;
  for (const [from, to] of ranges) {
    const slice = ops.slice(from, to);
    const oldLen = slice.filter((op) => op.kind !== '+').length;
    const newLen = slice.filter((op) => op.kind !== '-').length;
    const oldStart = oldLen === 0 ? oldLineAt[from] - 1 : oldLineAt[from];
    const newStart = newLen === 0 ? newLineAt[from] - 1 : newLineAt[from];
    out += `@@ -${oldStart},${oldLen} +${newStart},${newLen} @@\n`;
    for (const op of slice) out += renderLine(op);
  }
  return out;
}
