import { describe, expect, it } from 'vitest';
import { RowMapper } from '../../../server/ingest/mapper.ts';
import { detectSpec, loadSpecs } from '../../../server/ingest/spec/load.ts';
import { SpecSchema } from '../../../server/ingest/spec/schema.ts';
import { SOURCE_SYSTEMS } from '../../../seed/index.ts';

const specs = loadSpecs();

describe('import specs', () => {
  it('has a built-in spec that binds every column of every seed source', () => {
    for (const source of SOURCE_SYSTEMS) {
      const headers = source.columns.map((c) => c.name);
      const spec = detectSpec(headers, specs);
      expect({ source: source.id, spec: spec?.name ?? null }).not.toMatchObject({ spec: null });
      const bound = RowMapper.bind(spec as NonNullable<typeof spec>, headers);
      expect('missing' in bound).toBe(false);
      expect({ source: source.id, covered: RowMapper.coverage(spec as NonNullable<typeof spec>, headers) }).toEqual({
        source: source.id,
        covered: headers.length,
      });
    }
  });

  it('refuses a relationship the graph model has no type for, naming it', () => {
    const result = SpecSchema.safeParse({
      name: 'bad',
      version: 1,
      title: { zh: '错', en: 'bad' },
      sourceSystem: 'bad',
      detect: { headers: ['甲'] },
      columns: { a: { headers: ['甲'] }, b: { headers: ['乙'], type: 'phone' } },
      entities: { p: { kind: 'phone', from: { number: 'b' } }, q: { kind: 'brand', from: { name: 'a' } } },
      relationships: [{ type: 'HOLDS', from: 'p', to: 'q' }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join('\n')).toMatch(/HOLDS cannot link phone to brand/);
  });

  it('refuses references to unknown fields and entities', () => {
    const result = SpecSchema.safeParse({
      name: 'bad',
      version: 1,
      title: { zh: '错', en: 'bad' },
      sourceSystem: 'bad',
      detect: { headers: ['丙'] },
      columns: { a: { headers: ['甲'] } },
      entities: { p: { kind: 'phone', from: { number: 'nope' } } },
      relationships: [{ type: 'USES_PHONE', from: 'x', to: 'p' }],
    });
    const messages = result.error?.issues.map((i) => i.message).join('\n') ?? '';
    expect(messages).toMatch(/unknown field "nope"/);
    expect(messages).toMatch(/unknown entity "x"/);
    expect(messages).toMatch(/"丙" is not a header of any column/);
  });
});
