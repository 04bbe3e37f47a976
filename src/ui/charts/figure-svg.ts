/**
 * Figures as standalone SVG (Chart.js draws only to a canvas): bars (grouped, with whiskers), lines,
 * box plots and lower-triangle matrices, in a light theme fit for a paper, sized from their content
 * so long labels and many raters stay readable. Pure string building, so it runs in Node tests too;
 * every text is escaped (rater and category names come from users' files).
 */
import type { BarsFigure, BoxesFigure, Figure, LinesFigure, MatrixFigure } from './figure';

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
const INK = '#1d2030';
const MUTED = '#5f6478';
const GRID = '#e2e4ec';
/** Average glyph width of 12 px text, for layout (labels are measured, not rendered, here). */
const CHAR = 6.6;

/** Text made safe for SVG markup. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/\.?0+$/, ''));
const textWidth = (s: string, size = 12) => (s.length * CHAR * size) / 12;
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Colour of a value in [min, 1]: red below 0, white at 0 (or min), blue at 1; grey when undefined. */
export function cellColour(v: number | null, min: number): string {
  if (v === null) return 'rgba(150,150,150,0.45)';
  const zero = Math.max(0, min);
  if (v < zero) {
    const t = Math.min(1, (zero - v) / (zero - min || 1));
    return `rgb(255, ${Math.round(255 - 140 * t)}, ${Math.round(255 - 140 * t)})`;
  }
  const t = Math.min(1, (v - zero) / (1 - zero || 1));
  return `rgb(${Math.round(255 - 205 * t)}, ${Math.round(255 - 160 * t)}, ${Math.round(255 - 55 * t)})`;
}

/** About five round tick values covering [lo, hi]. */
function ticks(lo: number, hi: number): number[] {
  if (hi <= lo) hi = lo + 1;
  const raw = (hi - lo) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + 1e-9; t += step) out.push(Math.round(t / step) * step);
  return out;
}

const svgOpen = (w: number, h: number, title: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(w)}" height="${Math.ceil(h)}" viewBox="0 0 ${Math.ceil(w)} ${Math.ceil(h)}" font-family="${FONT}" font-size="12" role="img" aria-label="${esc(title)}">` +
  `<title>${esc(title)}</title><rect width="100%" height="100%" fill="#fff"/>` +
  `<text x="${Math.ceil(w) / 2}" y="20" text-anchor="middle" font-size="14" font-weight="600" fill="${INK}">${esc(title)}</text>`;

/** A y axis with grid lines; returns the markup and the value→pixel map. */
function yAxis(lo: number, hi: number, top: number, bottom: number, left: number, right: number, title: string) {
  const y = (v: number) => bottom - ((v - lo) / (hi - lo || 1)) * (bottom - top);
  let out = '';
  for (const t of ticks(lo, hi)) {
    out += `<line x1="${left}" x2="${right}" y1="${y(t)}" y2="${y(t)}" stroke="${GRID}"/>`;
    out += `<text x="${left - 6}" y="${y(t) + 4}" text-anchor="end" fill="${MUTED}">${num(t)}</text>`;
  }
  const mid = (top + bottom) / 2;
  out += `<text transform="translate(14 ${mid}) rotate(-90)" text-anchor="middle" fill="${INK}">${esc(title)}</text>`;
  out += `<line x1="${left}" x2="${left}" y1="${top}" y2="${bottom}" stroke="${MUTED}"/>`;
  return { out, y };
}

/** Category labels under a plot, rotated when they do not fit their slot. */
function xLabels(labels: readonly string[], slot: number, left: number, bottom: number) {
  const shown = labels.map((l) => clip(l, 32));
  const rotate = shown.some((l) => textWidth(l) > slot - 4);
  const room = rotate ? Math.max(...shown.map((l) => textWidth(l))) * 0.72 + 18 : 22;
  const out = shown
    .map((l, i) => {
      const x = left + slot * (i + 0.5);
      return rotate
        ? `<text transform="translate(${x + 4} ${bottom + 12}) rotate(-45)" text-anchor="end" fill="${INK}">${esc(l)}</text>`
        : `<text x="${x}" y="${bottom + 16}" text-anchor="middle" fill="${INK}">${esc(l)}</text>`;
    })
    .join('');
  return { out, room };
}

function legend(items: readonly { label: string; colour: string }[], y: number, width: number): string {
  if (items.length < 2) return '';
  const total = items.reduce((s, it) => s + 22 + textWidth(it.label) + 14, 0);
  let x = Math.max(8, (width - total) / 2);
  return items
    .map((it) => {
      const part = `<rect x="${x}" y="${y - 9}" width="12" height="12" fill="${it.colour}"/><text x="${x + 16}" y="${y + 1}" fill="${INK}">${esc(it.label)}</text>`;
      x += 22 + textWidth(it.label) + 14;
      return part;
    })
    .join('');
}

const range = (values: readonly (number | null | undefined)[], lo?: number, hi?: number): [number, number] => {
  const defined = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return [lo ?? Math.min(0, ...defined), hi ?? Math.max(1e-9, ...defined)];
};

function barsSvg(f: BarsFigure): string {
  const n = f.categories.length;
  const k = Math.max(1, f.series.length);
  const slot = Math.max(28, 12 * k + 12);
  const all = f.series.flatMap((s) => [...s.values, ...(s.intervals ?? []).flatMap((iv) => (iv ? [...iv] : []))]);
  const [lo, hi] = range(all, f.yMin, f.yMax);
  const left = 56;
  const top = f.series.length > 1 ? 50 : 34;
  const plotH = 240;
  const width = Math.max(420, left + n * slot + 20);
  const labels = xLabels(f.categories, slot, left, top + plotH);
  const height = top + plotH + labels.room + 26;
  const axis = yAxis(lo, hi, top, top + plotH, left, left + n * slot, f.yTitle);
  let bars = '';
  const bw = (slot - 8) / k;
  f.series.forEach((s, j) => {
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) return;
      const x = left + i * slot + 4 + j * bw;
      const y0 = axis.y(Math.max(lo, Math.min(0, hi)));
      const y1 = axis.y(v);
      bars += `<rect x="${x}" y="${Math.min(y0, y1)}" width="${Math.max(1, bw - 1)}" height="${Math.abs(y1 - y0)}" fill="${s.colour}"><title>${esc(`${f.categories[i]} · ${s.label}: ${num(v)}`)}</title></rect>`;
      const iv = s.intervals?.[i];
      if (iv) {
        const cx = x + (bw - 1) / 2;
        const [a, b] = [axis.y(iv[0]), axis.y(iv[1])];
        bars += `<path d="M${cx} ${a}V${b}M${cx - 5} ${a}h10M${cx - 5} ${b}h10" stroke="${INK}" stroke-width="1.3" fill="none"/>`;
      }
    });
  });
  const xt = `<text x="${left + (n * slot) / 2}" y="${height - 8}" text-anchor="middle" fill="${INK}">${esc(f.xTitle)}</text>`;
  return `${svgOpen(width, height, f.title)}${legend(
    f.series.map((s) => ({ label: s.label, colour: s.colour })),
    38,
    width,
  )}${axis.out}${bars}${labels.out}${xt}</svg>`;
}

function linesSvg(f: LinesFigure): string {
  const [lo, hi] = range(
    f.series.flatMap((s) => s.values),
    f.yMin,
    f.yMax,
  );
  const left = 56;
  const top = f.series.length > 1 ? 50 : 34;
  const plotW = Math.max(360, f.x.length * 24);
  const plotH = 240;
  const width = left + plotW + 20;
  const height = top + plotH + 48;
  const axis = yAxis(lo, hi, top, top + plotH, left, left + plotW, f.yTitle);
  const x0 = f.x[0] ?? 0;
  const x1 = f.x.at(-1) ?? 1;
  const x = (v: number) => left + ((v - x0) / (x1 - x0 || 1)) * plotW;
  let out = ticks(x0, x1)
    .map((t) => `<text x="${x(t)}" y="${top + plotH + 16}" text-anchor="middle" fill="${MUTED}">${num(t)}</text>`)
    .join('');
  for (const s of f.series) {
    const runs: string[][] = [[]];
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) runs.push([]);
      else runs.at(-1)!.push(`${x(f.x[i]!)},${axis.y(v)}`);
    });
    for (const r of runs.filter((r) => r.length))
      out += `<polyline points="${r.join(' ')}" fill="none" stroke="${s.colour}" stroke-width="2"><title>${esc(s.label)}</title></polyline>`;
  }
  const xt = `<text x="${left + plotW / 2}" y="${height - 8}" text-anchor="middle" fill="${INK}">${esc(f.xTitle)}</text>`;
  return `${svgOpen(width, height, f.title)}${legend(
    f.series.map((s) => ({ label: s.label, colour: s.colour })),
    38,
    width,
  )}${axis.out}${out}${xt}</svg>`;
}

function boxesSvg(f: BoxesFigure): string {
  const n = f.boxes.length;
  const slot = 44;
  const left = 56;
  const top = 34;
  const plotH = 260;
  const width = Math.max(420, left + n * slot + 20);
  const labels = xLabels(
    f.boxes.map((b) => b.label),
    slot,
    left,
    top + plotH,
  );
  const height = top + plotH + labels.room + 26;
  const axis = yAxis(f.yMin, f.yMax, top, top + plotH, left, left + n * slot, f.yTitle);
  let out = '';
  f.boxes.forEach((b, i) => {
    if (!b.five) return;
    const [mn, q1, md, q3, mx] = b.five.map(axis.y) as [number, number, number, number, number];
    const cx = left + slot * (i + 0.5);
    const w = slot * 0.55;
    out += `<g><title>${esc(`${b.label}: min ${num(b.five[0])}, q1 ${num(b.five[1])}, median ${num(b.five[2])}, q3 ${num(b.five[3])}, max ${num(b.five[4])} (${b.values.length})`)}</title>`;
    out += `<path d="M${cx} ${mn}V${q1}M${cx} ${q3}V${mx}M${cx - w / 4} ${mn}h${w / 2}M${cx - w / 4} ${mx}h${w / 2}" stroke="${f.colour}" fill="none"/>`;
    out += `<rect x="${cx - w / 2}" y="${q3}" width="${w}" height="${Math.max(1, q1 - q3)}" fill="${f.colour}" fill-opacity="0.33" stroke="${f.colour}"/>`;
    out += `<line x1="${cx - w / 2}" x2="${cx + w / 2}" y1="${md}" y2="${md}" stroke="${INK}" stroke-width="2"/></g>`;
  });
  const xt = `<text x="${left + (n * slot) / 2}" y="${height - 8}" text-anchor="middle" fill="${INK}">${esc(f.xTitle)}</text>`;
  return `${svgOpen(width, height, f.title)}${axis.out}${out}${labels.out}${xt}</svg>`;
}

/** A matrix cell's side in px: large for few raters, smaller (never below 24) for many. */
export function matrixCell(n: number): number {
  return n <= 8 ? 56 : n <= 16 ? 40 : n <= 30 ? 30 : 24;
}

function matrixSvg(f: MatrixFigure): string {
  const n = f.raters.length;
  const cell = matrixCell(n);
  const labelW = Math.max(...f.raters.map((r) => textWidth(r.short)), 10) + 14;
  const rotate = f.raters.some((r) => textWidth(r.short) > cell - 4);
  const colRoom = rotate ? Math.max(...f.raters.map((r) => textWidth(r.short))) * 0.72 + 14 : 20;
  const left = labelW;
  const top = 34 + colRoom;
  const legend = f.raters.some((r) => r.short !== r.name) ? f.raters : [];
  const codeW = Math.max(0, ...legend.map((r) => textWidth(r.short))) + 12;
  const caption = `${f.statistic}; black: lower triangle; — undefined`;
  const width = Math.max(left + n * cell + 24, textWidth(caption) + left + 20, ...legend.map((r) => 16 + codeW + textWidth(r.name) + 20));
  const keyTop = top + n * cell + 18;
  const height = keyTop + 56 + legend.length * 17 + 10;
  const fontSize = cell >= 40 ? 12 : cell >= 30 ? 10 : 9;
  let out = '';
  f.raters.forEach((r, i) => {
    const cx = left + cell * (i + 0.5);
    out += rotate
      ? `<text transform="translate(${cx} ${top - 6}) rotate(-45)" fill="${INK}">${esc(r.short)}</text>`
      : `<text x="${cx}" y="${top - 8}" text-anchor="middle" fill="${INK}">${esc(r.short)}</text>`;
    out += `<text x="${left - 6}" y="${top + cell * (i + 0.5) + 4}" text-anchor="end" fill="${INK}">${esc(r.short)}</text>`;
  });
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      const x = left + c * cell;
      const y = top + r * cell;
      if (r > c) {
        out += `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="#000"/>`;
        continue;
      }
      const v = f.values[r * n + c] ?? null;
      const tip = `${f.raters[r]!.name} × ${f.raters[c]!.name}: ${v === null ? 'undefined' : v.toFixed(3)}`;
      out += `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${cellColour(v, f.min)}" stroke="${GRID}"><title>${esc(tip)}</title></rect>`;
      out += `<text x="${x + cell / 2}" y="${y + cell / 2 + fontSize / 3}" text-anchor="middle" font-size="${fontSize}" fill="${v !== null && v > 0.65 ? '#fff' : INK}">${v === null ? '—' : v.toFixed(2)}</text>`;
    }
  // The colour key: the scale from min to 1.
  const kw = Math.min(240, n * cell);
  out += `<defs><linearGradient id="key"><stop offset="0" stop-color="${cellColour(f.min, f.min)}"/>${f.min < 0 ? `<stop offset="${-f.min / (1 - f.min)}" stop-color="#fff"/>` : ''}<stop offset="1" stop-color="${cellColour(1, f.min)}"/></linearGradient></defs>`;
  out += `<rect x="${left}" y="${keyTop}" width="${kw}" height="10" fill="url(#key)" stroke="${GRID}"/>`;
  out += `<text x="${left}" y="${keyTop + 24}" fill="${MUTED}">${num(f.min)}</text><text x="${left + kw}" y="${keyTop + 24}" text-anchor="end" fill="${MUTED}">1</text>`;
  out += `<text x="${left}" y="${keyTop + 40}" fill="${MUTED}">${esc(caption)}</text>`;
  legend.forEach((r, i) => {
    const y = keyTop + 64 + i * 17;
    out += `<text x="16" y="${y}" font-weight="600" fill="${INK}">${esc(r.short)}</text><text x="${16 + codeW}" y="${y}" fill="${INK}">${esc(r.name)}</text>`;
  });
  return `${svgOpen(width, height, f.title)}${out}</svg>`;
}

/** The figure as a standalone SVG document. */
export function figureSvg(f: Figure): string {
  switch (f.kind) {
    case 'bars':
      return barsSvg(f);
    case 'lines':
      return linesSvg(f);
    case 'boxes':
      return boxesSvg(f);
    case 'matrix':
      return matrixSvg(f);
  }
}
