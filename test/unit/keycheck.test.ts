import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { accountKey, personKey, phoneKey } from '../../server/domain/keys.ts';
import { encryptPii } from '../../server/domain/pii.ts';
import { judgeKeys, keysFit, type SealedRow } from '../../server/keycheck.ts';
import { secretsSource } from '../../server/secrets.ts';

const keys = { hmacKey: Buffer.alloc(32, 3), encKey: Buffer.alloc(32, 4) };
const other = { hmacKey: Buffer.alloc(32, 5), encKey: Buffer.alloc(32, 6) };

function sealedBy(k: typeof keys): SealedRow[] {
  const seal = (n: string) => encryptPii(k.encKey, n, { deterministic: true });
  return [
    {
      kind: 'pid',
      key: personKey(k.hmacKey, { idNumber: '36010219850612003X' }) as string,
      channel: null,
      sealed: seal('36010219850612003X'),
    },
    { kind: 'tel', key: phoneKey(k.hmacKey, '13912345678') as string, channel: null, sealed: seal('13912345678') },
    { kind: 'tel', key: phoneKey(k.hmacKey, '079186123456') as string, channel: null, sealed: seal('079186123456') },
    {
      kind: 'acct',
      key: accountKey(k.hmacKey, 'bank', '6222021234567890123') as string,
      channel: 'bank',
      sealed: seal('6222021234567890123'),
    },
    {
      kind: 'acct',
      key: accountKey(k.hmacKey, 'wechat', 'wxid_ab12cd') as string,
      channel: 'wechat',
      sealed: seal('wxid_ab12cd'),
    },
  ];
}

describe('judging the keys by sealed numbers', () => {
  it('keys every person, phone and account again as stored under the keys they were sealed with', () => {
    const check = judgeKeys(sealedBy(keys), keys);
    expect(check).toEqual({ sampled: 5, opened: 5, matched: 5 });
    expect(keysFit(check)).toBe(true);
  });

  it('opens none under another encryption key, and keys none under another HMAC key', () => {
    expect(judgeKeys(sealedBy(keys), { hmacKey: keys.hmacKey, encKey: other.encKey })).toEqual({
      sampled: 5,
      opened: 0,
      matched: 0,
    });
    const check = judgeKeys(sealedBy(keys), { hmacKey: other.hmacKey, encKey: keys.encKey });
    expect(check).toEqual({ sampled: 5, opened: 5, matched: 0 });
    expect(keysFit(check)).toBe(false);
  });

  it('fits a graph without sealed numbers, and one where other keys sealed some beside its own', () => {
    expect(keysFit(judgeKeys([], keys))).toBe(true);
    const mixed = judgeKeys([...sealedBy(other), ...sealedBy(keys).slice(0, 1)], keys);
    expect(mixed).toEqual({ sampled: 6, opened: 1, matched: 1 });
    expect(keysFit(mixed)).toBe(true);
  });

  it('names where the keys came from', () => {
    const file = path.join('/srv/quanlian', 'keys.json');
    const hex = 'ab'.repeat(32);
    const config = (env: Record<string, string>) => loadConfig({ QUANLIAN_DATA_DIR: '/srv/quanlian', ...env });
    expect(secretsSource(config({}))).toBe(file);
    expect(secretsSource(config({ QUANLIAN_HMAC_KEY: hex, QUANLIAN_ENC_KEY: hex }))).toBe(
      'QUANLIAN_HMAC_KEY and QUANLIAN_ENC_KEY',
    );
    expect(secretsSource(config({ QUANLIAN_HMAC_KEY: hex }))).toBe(`QUANLIAN_HMAC_KEY and ${file}`);
    expect(secretsSource(config({ QUANLIAN_ENC_KEY: hex }))).toBe(`${file} and QUANLIAN_ENC_KEY`);
  });
});
