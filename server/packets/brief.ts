/**
 * A printable brief of a detected chain for a joint meeting: members by stage, regions, likely
 * manufacturers, the score breakdown, the evidence table with its sources, and a picture of the
 * chain (inline SVG, stages left to right, goods and money flows as arrows). One self-contained
 * HTML page (no scripts, no network), printed to PDF by Chromium (server/browser.ts).
 */
import { regionName as region } from '../domain/regions.ts';
import { EVIDENCE_NAMES, FACTOR_NAMES } from '../domain/stages.ts';
import type { ScopedCommunity } from '../detect/scoped.ts';

const esc = (value: unknown) =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
const day = (s: string | null | undefined) => (s ? s.slice(0, 10) : '');

/** The chain as a picture: one column per stage, members stacked, flows between them as arrows. */
export function chainSvg(community: ScopedCommunity, width = 960): string {
  const columns = community.chain.filter((s) => s.members.length > 0);
  const rowGap = 26;
  const rows = Math.max(1, ...columns.map((s) => Math.min(s.members.length, 18)));
  const height = 60 + rows * rowGap;
  const colGap = columns.length > 1 ? (width - 160) / (columns.length - 1) : 0;
  const at = new Map<string, { x: number; y: number }>();
  const parts: string[] = [];
  columns.forEach((stage, c) => {
    const x = 80 + c * colGap;
    parts.push(`<text x="${x}" y="18" text-anchor="middle" class="stage">${esc(stage.zh)}</text>`);
    stage.members.slice(0, 18).forEach((m, r) => {
      const y = 44 + r * rowGap;
      at.set(m.key, { x, y });
      parts.push(
        `<circle cx="${x}" cy="${y}" r="6" class="node ${esc(stage.stage)}"/><text x="${x + 9}" y="${y + 4}" class="label">${esc((m.name ?? m.key).slice(0, 14))}</text>`,
      );
    });
    if (stage.members.length > 18)
      parts.push(
        `<text x="${x}" y="${44 + 18 * rowGap}" class="label" text-anchor="middle">…+${stage.members.length - 18}</text>`,
      );
  });
  const flows = community.evidence
    .filter((e) => e.from && e.to && at.has(e.from.key) && at.has(e.to.key))
    .slice(0, 200)
    .map((e) => {
      const a = at.get(e.from?.key ?? '') as { x: number; y: number };
      const b = at.get(e.to?.key ?? '') as { x: number; y: number };
      const money = e.kind === 'payments' || e.kind === 'money';
      return `<line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}" class="${money ? 'money' : 'goods'}" marker-end="url(#arrow)"/>`;
    });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="链条图">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="16" refY="5" markerWidth="5" markerHeight="5" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#888"/></marker></defs>
<style>.stage{font:bold 13px sans-serif;fill:#333}.label{font:10px sans-serif;fill:#333}.node{fill:#2980b9}.node.production{fill:#c0392b}.node.materials{fill:#e67e22}.node.storage{fill:#d4ac0d}.node.wholesale{fill:#27ae60}.node.finance{fill:#7f8c8d}.goods{stroke:#d35400;stroke-width:1.2;opacity:.6}.money{stroke:#8e44ad;stroke-width:1;stroke-dasharray:3 2;opacity:.6}</style>
${flows.join('\n')}
${parts.join('\n')}
</svg>`;
}

export function briefHtml(
  community: ScopedCommunity,
  issuer: { region: string; by: string },
  now = new Date(),
): string {
  const members = community.chain
    .flatMap((s) =>
      s.members.map(
        (m) =>
          `<tr><td>${esc(s.zh)}</td><td>${esc(m.name ?? m.key)}</td><td>${esc(m.role)}</td><td>${esc(m.regions.map(region).join('、'))}</td></tr>`,
      ),
    )
    .join('\n');
  const makers = community.manufacturers
    .map(
      (m, i) =>
        `<li><b>${i + 1}. ${esc(m.name ?? m.key)}</b>（${m.score.toFixed(2)}）${esc(m.reasons.join('；'))}</li>`,
    )
    .join('\n');
  const breakdown = community.breakdown
    .map(
      (b) =>
        `<tr><td>${esc(FACTOR_NAMES[b.factor]?.zh ?? b.factor)}</td><td>${b.weight.toFixed(2)}</td><td>${b.value.toFixed(2)}</td><td>${esc(b.detail)}</td></tr>`,
    )
    .join('\n');
  const evidence = community.evidence
    .slice(0, 150)
    .map(
      (e) =>
        `<tr><td>${esc(EVIDENCE_NAMES[e.kind]?.zh ?? e.kind)}</td><td>${esc(e.from?.name ?? '')}${e.to ? ` → ${esc(e.to.name ?? '')}` : ''}</td><td>${e.count}</td><td>${esc(day(e.first))}${e.last ? ` – ${esc(day(e.last))}` : ''}</td><td>${esc(e.note)}</td><td class="src">${esc(
          e.records
            .slice(0, 3)
            .flatMap((r) => r.src.slice(0, 2))
            .join(' '),
        )}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>案件简报 — 链条 #${community.number}</title>
<style>
@page { size: A4; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; font-size: 11px; color: #222; margin: 0; }
h1 { font-size: 20px; margin: 0 0 4px; color: #b03a2e; } h2 { font-size: 14px; margin: 14px 0 6px; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #ddd; padding: 3px 5px; text-align: left; vertical-align: top; }
th { background: #f4f4f4; } .meta { color: #555; } .src { font-size: 9px; color: #666; word-break: break-all; }
.flag { color: #b03a2e; font-weight: bold; } tr { page-break-inside: avoid; }
</style></head><body>
<h1>案件简报：可疑链条 #${community.number}</h1>
<p class="meta">评分 ${community.score.toFixed(2)}${community.flagged ? ' <span class="flag">（可疑）</span>' : ''} · 检测批次 ${esc(community.run.id)} · 涉及地区 ${esc(community.regions.map(region).join('、'))}${
    community.brands.length ? ` · 品牌 ${esc(community.brands.join('、'))}` : ''
  }<br>出具：${esc(region(issuer.region))}（${esc(issuer.by)}），${esc(now.toISOString().slice(0, 16).replace('T', ' '))} UTC · 仅供联席会议使用</p>
<h2>链条图</h2>
${chainSvg(community)}
<h2>疑似生产源头</h2><ol style="list-style:none;padding:0">${makers || '<li>无</li>'}</ol>
<h2>成员（按环节）</h2>
<table><tr><th>环节</th><th>名称</th><th>角色</th><th>地区</th></tr>${members}</table>
<h2>评分构成</h2>
<table><tr><th>因素</th><th>权重</th><th>得分</th><th>说明</th></tr>${breakdown}</table>
<h2>证据（${community.evidence.length} 项${community.evidence.length > 150 ? '，列出前 150 项' : ''}）</h2>
<table><tr><th>类型</th><th>当事方</th><th>笔数</th><th>时间</th><th>说明</th><th>来源（批次:行）</th></tr>${evidence}</table>
${
  community.outsideScope.members + community.outsideScope.evidence > 0
    ? `<p class="meta">辖区外另有 ${community.outsideScope.members} 个成员、${community.outsideScope.evidence} 项证据未列出。</p>`
    : ''
}
</body></html>`;
}
