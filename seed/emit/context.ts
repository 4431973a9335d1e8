/**
 * What every row builder needs: the open files, the HMAC key for truth keys, the world (for ids),
 * a rendering RNG, and helpers that write a phone or a name the way exports vary them and build the
 * truth mention of a tracked entity with exactly the key ingest would compute from the written cells.
 */
import { toHalfWidth } from '../../server/domain/identifiers.ts';
import { companyKey, normaliseAddress, personKey, shopKey } from '../../server/domain/keys.ts';
import { maskPhone } from '../../server/domain/pii.ts';
import type { FileSet, Mention } from '../out/files.ts';
import type { Rng } from '../prng.ts';
import type { TruthRecorder } from '../truth.ts';
import type { Company, Person, Shop } from '../world/model.ts';
import type { World } from '../world/world.ts';

export interface EmitContext {
  files: FileSet;
  hmacKey: Buffer;
  rng: Rng;
  world: World;
  truth: TruthRecorder;
}

function fullWidthDigits(s: string): string {
  return s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/** A phone as exports write it: mostly plain, sometimes +86, spaced, dashed or full-width. */
export function phoneText(rng: Rng, phone: string, maskRate = 0): string {
  if (maskRate > 0 && rng.chance(maskRate)) return maskPhone(phone);
  if (!phone.startsWith('1')) return phone;
  const u = rng.next();
  if (u < 0.85) return phone;
  if (u < 0.89) return `+86 ${phone}`;
  if (u < 0.93) return `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
  if (u < 0.96) return `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`;
  return fullWidthDigits(phone);
}

export function companyMention(
  ctx: EmitContext,
  c: Company,
  field: string,
  written: { name: string; uscc?: string; address?: string; unit: string },
): Mention[] {
  if (!c.tid) return [];
  const region = written.address ? normaliseAddress(written.address).regionCode : null;
  return [
    {
      tid: c.tid,
      field,
      key: companyKey({ uscc: written.uscc ?? null, name: written.name, regionCode: region ?? written.unit }),
    },
  ];
}

/** HMACs of the same written values recur row after row; computing each once saves time on large runs. */
const personKeys = new WeakMap<Buffer, Map<string, string | null>>();

export function personMention(
  ctx: EmitContext,
  p: Person,
  field: string,
  written: { name: string; id?: string; phone?: string },
): Mention[] {
  if (!p.tid) return [];
  const memo = `${written.id ?? ''}|${written.name}|${written.phone ?? ''}`;
  let cache = personKeys.get(ctx.hmacKey);
  if (!cache) personKeys.set(ctx.hmacKey, (cache = new Map()));
  let key = cache.get(memo);
  if (key === undefined) {
    if (cache.size > 20_000) cache.clear();
    key = personKey(ctx.hmacKey, {
      idNumber: written.id ?? null,
      name: written.name,
      phone: written.phone ? toHalfWidth(written.phone) : null,
    });
    cache.set(memo, key);
  }
  return [{ tid: p.tid, field, key }];
}

export function shopMention(s: Shop, field: string, withKey: boolean): Mention[] {
  if (!s.tid) return [];
  return [{ tid: s.tid, field, key: withKey ? shopKey(s.platform, s.shopId) : null }];
}
