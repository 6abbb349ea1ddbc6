/**
 * A small, dependency-free line chart on a <canvas>: a time window of readings with a light grid,
 * axis labels, a soft gradient under the line and a marker on the latest point.
 * It redraws on every change and on resize, at the device's pixel ratio.
 */
export class LineChart {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {{ windowMs?: number, color?: string }} [options]
   */
  constructor(canvas, options = {}) {
    this.canvas = canvas;
    this.windowMs = options.windowMs ?? 120_000;
    this.color = options.color ?? '#4f46e5';
    /** @type {{ t: number, v: number }[]} time (epoch ms) and value, oldest first */
    this.points = [];
    new ResizeObserver(() => this.draw()).observe(canvas);
  }

  /** Adds one point (keeps time order) and redraws. */
  add(t, v) {
    let i = this.points.length;
    while (i > 0 && this.points[i - 1].t > t) i--;
    if (this.points[i - 1]?.t === t) return; // the same reading twice (history overlapping a notification)
    this.points.splice(i, 0, { t, v });
    const oldest = Date.now() - this.windowMs * 2;
    while (this.points.length > 0 && this.points[0].t < oldest) this.points.shift();
    this.canvas.dataset.points = String(this.points.length);
    this.draw();
  }

  draw() {
    const { canvas } = this;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (width === 0 || height === 0) return;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);

    const pad = { left: 44, right: 16, top: 12, bottom: 28 };
    const plotW = width - pad.left - pad.right;
    const plotH = height - pad.top - pad.bottom;
    const now = Math.max(Date.now(), this.points.at(-1)?.t ?? 0);
    const from = now - this.windowMs;
    const visible = this.points.filter((p) => p.t >= from - 2000);

    // Y range: the data's range with some headroom, at least 2 °C tall, on whole degrees.
    const values = visible.map((p) => p.v);
    let min = values.length ? Math.min(...values) : 18;
    let max = values.length ? Math.max(...values) : 24;
    if (max - min < 2) {
      const mid = (max + min) / 2;
      min = mid - 1;
      max = mid + 1;
    }
    min = Math.floor(min - 0.5);
    max = Math.ceil(max + 0.5);
    const x = (t) => pad.left + ((t - from) / this.windowMs) * plotW;
    const y = (v) => pad.top + (1 - (v - min) / (max - min)) * plotH;

    ctx.font = '11px ui-sans-serif, system-ui, sans-serif';
    ctx.fillStyle = '#9ca3af';
    ctx.strokeStyle = '#eef0f4';
    ctx.lineWidth = 1;

    // Horizontal grid with value labels.
    const steps = 4;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (let i = 0; i <= steps; i++) {
      const v = min + ((max - min) * i) / steps;
      const yy = Math.round(y(v)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(pad.left, yy);
      ctx.lineTo(width - pad.right, yy);
      ctx.stroke();
      ctx.fillText(v.toFixed(1), pad.left - 8, yy);
    }
    // Time labels every 30 s, relative to now.
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (let s = 0; s <= this.windowMs / 1000; s += 30) {
      const xx = x(now - s * 1000);
      ctx.fillText(s === 0 ? 'now' : `-${s}s`, xx, height - pad.bottom + 8);
    }

    if (visible.length === 0) {
      ctx.fillStyle = '#9ca3af';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.font = '13px ui-sans-serif, system-ui, sans-serif';
      ctx.fillText('Waiting for readings…', pad.left + plotW / 2, pad.top + plotH / 2);
      return;
    }

    ctx.save();
    ctx.beginPath();
    ctx.rect(pad.left, pad.top - 6, plotW + 6, plotH + 12);
    ctx.clip();

    // Area under the line.
    const gradient = ctx.createLinearGradient(0, pad.top, 0, pad.top + plotH);
    gradient.addColorStop(0, 'rgba(79, 70, 229, 0.22)');
    gradient.addColorStop(1, 'rgba(79, 70, 229, 0)');
    ctx.beginPath();
    ctx.moveTo(x(visible[0].t), pad.top + plotH);
    for (const p of visible) ctx.lineTo(x(p.t), y(p.v));
    ctx.lineTo(x(visible.at(-1).t), pad.top + plotH);
    ctx.closePath();
    ctx.fillStyle = gradient;
    ctx.fill();

    // The line.
    ctx.beginPath();
    for (const [i, p] of visible.entries()) {
      if (i === 0) ctx.moveTo(x(p.t), y(p.v));
      else ctx.lineTo(x(p.t), y(p.v));
    }
    ctx.strokeStyle = this.color;
    ctx.lineWidth = 2;
    ctx.lineJoin = 'round';
    ctx.stroke();

    // Latest point.
    const last = visible.at(-1);
    ctx.beginPath();
    ctx.arc(x(last.t), y(last.v), 4.5, 0, Math.PI * 2);
    ctx.fillStyle = '#fff';
    ctx.fill();
    ctx.lineWidth = 2.5;
    ctx.stroke();
    ctx.restore();
  }
}
