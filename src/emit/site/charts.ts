/**
 * Horizontal bar charts laid out at build time: the emitter computes every
 * position, the `bar-chart` partial draws them as inline SVG (text escaped
 * like any other data). No chart library, no script.
 */
import { eastAsianWidth } from 'get-east-asian-width';

export interface BarSegment {
  value: number;
  /** Series index (colour; its name shows in the tooltip when there are several). */
  series: number;
  /** How the value reads (default: the number). */
  text?: string;
}

export interface BarInput {
  label: string;
  segments: BarSegment[];
  /** The text at the end of the bar (defaults to the total). */
  valueText?: string;
}

export interface ChartOptions {
  id: string;
  title: string;
  /** One sentence that sums the chart up for screen readers. */
  description: string;
  series: string[];
  /** Percentages: the axis runs to 100. */
  percent?: boolean;
}

const WIDTH = 640;
const ROW = 28;
const BAR = 18;
const FONT_UNIT = 8; // px per display column at 14 px (a CJK character is two columns), with room to spare
const VALUE_WIDTH = 96;
const LEGEND_LINE = 22;

function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += eastAsianWidth(ch.codePointAt(0)!) === 2 ? 2 : 1;
  return n;
}

const round = (n: number) => Math.round(n * 10) / 10;

export function formatShare(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`;
}

export function barChart(bars: readonly BarInput[], options: ChartOptions) {
  const labelWidth = Math.min(280, Math.max(60, ...bars.map((b) => displayWidth(b.label) * FONT_UNIT + 16)));
  const area = WIDTH - labelWidth - VALUE_WIDTH;
  const max = options.percent ? 100 : Math.max(1, ...bars.map((b) => b.segments.reduce((s, x) => s + x.value, 0)));
  const scale = area / max;
  // The legend wraps onto as many lines as it needs.
  let legendX = 0;
  let legendLine = 0;
  const legend =
    options.series.length > 1
      ? options.series.map((name, series) => {
          const width = 18 + displayWidth(name) * FONT_UNIT + 20;
          if (legendX > 0 && legendX + width > WIDTH) {
            legendX = 0;
            legendLine++;
          }
          const y = 6 + legendLine * LEGEND_LINE;
          const item = { series, name, x: round(legendX), textX: round(legendX + 18), y, textY: y + 11 };
          legendX += width;
          return item;
        })
      : [];
  const legendHeight = legend.length > 0 ? (legendLine + 1) * LEGEND_LINE + 8 : 0;
  const rows = bars.map((bar, i) => {
    const y = legendHeight + i * ROW + (ROW - BAR) / 2;
    let x = labelWidth;
    const total = bar.segments.reduce((s, x) => s + x.value, 0);
    const segments = bar.segments
      .filter((s) => s.value > 0)
      .map((s) => {
        const width = s.value * scale;
        const seg = { x: round(x), y: round(y), width: round(Math.max(width, 1)), height: BAR, series: s.series, title: `${bar.label}：${options.series.length > 1 ? `${options.series[s.series]} ` : ''}${s.text ?? s.value}` };
        x += width;
        return seg;
      });
    return {
      label: bar.label,
      labelX: labelWidth - 8,
      textY: round(y + BAR / 2 + 5),
      segments,
      value: bar.valueText ?? String(total),
      valueX: round(x + 6),
      title: `${bar.label}：${bar.valueText ?? String(total)}`,
    };
  });
  return {
    id: options.id,
    title: options.title,
    description: options.description,
    width: WIDTH,
    height: legendHeight + Math.max(1, bars.length) * ROW + 4,
    legend,
    rows,
    empty: bars.length === 0,
  };
}

export type BarChartModel = ReturnType<typeof barChart>;
