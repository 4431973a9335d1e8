import { describe, expect, it } from 'vitest';
import { addressKeyOf } from '../../../server/domain/keys.ts';
import { buildEntity, type BuildContext } from '../../../server/ingest/entities.ts';
import { parseField } from '../../../server/ingest/fields.ts';

const ctx: BuildContext = { hmacKey: Buffer.alloc(32, 3), encKey: Buffer.alloc(32, 4), reportRegion: '360102' };

function addressOf(raw: string) {
  const parsed = parseField('address', raw);
  if (!parsed.ok) throw new Error(`not an address: ${raw}`);
  return buildEntity('address', { text: 'addr' }, () => parsed.value, ctx);
}

describe('address entities', () => {
  it('key an address by its normal text, a phone typed into it as a keyed token', () => {
    const built = addressOf('南昌市东湖区八一大道12号 王先生 139-1234-5678');
    expect(built).toMatchObject({
      label: 'Address',
      key: addressKeyOf(ctx.hmacKey, '江西省南昌市东湖区八一大道12号王先生13912345678'),
      props: { text: '江西省南昌市东湖区八一大道12号王先生13912345678', regionCode: '360102' },
    });
    expect(built && 'key' in built ? built.key : '').not.toMatch(/\d{5}/);
    expect(addressOf('东湖区八一大道12号1栋2单元301室')).toMatchObject({
      key: 'addr:江西省南昌市东湖区八一大道12号1栋2单元301室',
    });
  });
});
