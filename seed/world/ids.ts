/**
 * Makes valid, unique identifiers with the check functions of server/domain/identifiers.ts. Numbers
 * drawn from counters go through an affine permutation (× an odd multiplier coprime to 10) so they
 * look random yet can never repeat; IDs and USCCs are deduplicated with sets.
 */
import {
  COMMON_MOBILE_PREFIXES,
  luhnCheckDigit,
  orgCodeCheckChar,
  residentIdCheckChar,
  USCC_CHARSET,
  usccCheckChar,
} from '../../server/domain/identifiers.ts';
import { dayOf } from '../dates.ts';
import type { Rng } from '../prng.ts';

const MULT = 48271;
/** Org-code letters must also be USCC characters, so I, O, S, V, Z never appear. */
const ORG_CHARS = USCC_CHARSET;
/** The famous dummy number that shows up as a placeholder in real exports. */
export const DUMMY_PHONE = '13800138000';

export const CARD_BINS: readonly (readonly [string, string, number])[] = [
  ['622202', '中国工商银行', 19],
  ['622848', '中国农业银行', 19],
  ['621700', '中国建设银行', 19],
  ['621661', '中国银行', 19],
  ['622262', '交通银行', 19],
  ['622588', '招商银行', 16],
  ['623058', '江西银行', 19],
  ['621591', '九江银行', 19],
  ['622991', '江西农商银行', 19],
];
export const CORPORATE_BANKS: readonly (readonly [string, string, number])[] = [
  ['1502', '中国工商银行南昌分行', 19],
  ['36050', '中国建设银行南昌分行', 20],
  ['7910', '江西银行南昌分行', 20],
  ['14', '中国农业银行南昌分行', 15],
  ['1910', '九江银行南昌分行', 18],
];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export class IdFactory {
  private readonly counters = new Map<string, number>();
  private readonly usedIds = new Set<string>();
  private readonly usedUscc = new Set<string>();

  constructor(private readonly rng: Rng) {}

  /** `width` digits unique per stream: the next counter value through an affine permutation of 0…10^width−1. */
  unique(stream: string, width: number): string {
    const n = this.counters.get(stream) ?? 0;
    this.counters.set(stream, n + 1);
    const offset = 104_729 * (stream.length + 7);
    return pad((n * MULT + offset) % 10 ** width, width);
  }

  unique9(stream: string): string {
    return this.unique(stream, 9);
  }

  mobile(): string {
    let suffix: string;
    do suffix = this.unique('mobile', 8);
    while (suffix === DUMMY_PHONE.slice(3));
    return this.rng.pick(COMMON_MOBILE_PREFIXES) + suffix;
  }

  /** Resident ID: region prefix (may be retired), birth date YYYYMMDD, sequence (odd = male). */
  residentId(regionCode: string, birth: string, gender: 'M' | 'F'): string {
    for (;;) {
      let seq = this.rng.int(0, 999);
      if ((seq % 2 === 1) !== (gender === 'M')) seq = (seq + 1) % 1000;
      const body = regionCode + birth + pad(seq, 3);
      const id = body + residentIdCheckChar(body);
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  /**
   * USCC: 91 (enterprise) or 92 (sole trader) + registering region + organization code (MA… after the
   * 2015 reform, 8 digits before it) with its GB 11714 check + the GB 32100 check.
   */
  uscc(sole: boolean, regCode: string, founded: number): string {
    for (;;) {
      const body8 =
        founded >= dayOf(2015, 10, 1)
          ? 'MA' + Array.from({ length: 6 }, () => this.rng.pick([...ORG_CHARS])).join('')
          : this.rng.pick(['5', '6', '7', '0']) + this.rng.digits(7);
      const body17 = (sole ? '92' : '91') + regCode + body8 + orgCodeCheckChar(body8);
      const code = body17 + usccCheckChar(body17);
      if (!this.usedUscc.has(code)) {
        this.usedUscc.add(code);
        return code;
      }
    }
  }

  bankCard(): { number: string; bank: string } {
    const [bin, bank, length] = this.rng.pick(CARD_BINS);
    const body = bin + this.rng.digits(length - 1 - 6 - 9) + this.unique9('card');
    return { number: body + luhnCheckDigit(body), bank };
  }

  corporateAccount(): { number: string; bank: string } {
    const [prefix, bank, length] = this.rng.pick(CORPORATE_BANKS);
    return { number: prefix + this.rng.digits(length - prefix.length - 9) + this.unique9('corp'), bank };
  }

  alipayUserId(): string {
    return '2088' + this.rng.digits(3) + this.unique9('alipay');
  }

  wechatId(): string {
    const n = Number(this.unique9('wechat'));
    const letters = 'abcdefghijklmnopqrstuvwxyz0123456789';
    let tail = '';
    for (let i = 0; i < 5; i++) tail += letters[this.rng.int(0, letters.length - 1)];
    return `wxid_${n.toString(36).padStart(6, '0')}${tail}`;
  }

  shopId(platform: string): string {
    const u = this.unique9(`shop:${platform}`);
    switch (platform) {
      case '京东':
        return '1' + u.slice(2);
      case '微店':
        return '16' + u;
      case '抖音':
        return 'GD' + u;
      default:
        return String(this.rng.int(1, 9)) + u;
    }
  }

  /** A waybill number matching the courier's pattern (DOMAIN §5). */
  waybill(courier: string): string {
    const u = this.unique9(`wb:${courier}`);
    const r = this.rng;
    switch (courier) {
      case 'SF':
        return 'SF1' + r.digits(3) + u;
      case 'ZTO':
        return '7' + r.pick(['3', '5', '6', '8']) + r.digits(3) + u;
      case 'YTO':
        return 'YT' + r.digits(4) + u;
      case 'STO':
        return '77' + r.digits(3) + u;
      case 'YD':
        return r.pick(['3', '4']) + r.digits(5) + u;
      case 'JD':
        return 'JD' + r.pick(['VA', 'VB', 'VC', 'VD']) + r.digits(2) + u;
      case 'EMS':
        return r.pick(['9', '1']) + r.digits(3) + u;
      case 'JTSD':
        return 'JT' + r.digits(4) + u;
      case 'DBL':
        return 'DPK' + r.digits(3) + u;
      default:
        throw new RangeError(`quanlian/seed: no waybill format for courier ${courier}`);
    }
  }

  /** Transaction numbers: date + a unique tail, as banks and payment platforms print them. */
  txId(channel: 'bank' | 'alipay' | 'wechat', yyyymmdd: string): string {
    const u = this.unique9(`tx:${channel}`);
    if (channel === 'alipay') return yyyymmdd + '2200' + this.rng.digits(7) + u;
    if (channel === 'wechat') return '42000' + this.rng.digits(5) + yyyymmdd + this.rng.digits(1) + u;
    return yyyymmdd + this.rng.digits(3) + u;
  }

  /** Merchant order numbers (商家订单号/商户单号): unique but meaningless. */
  orderNo(yyyymmdd: string): string {
    return 'T200P' + yyyymmdd + this.rng.digits(3) + this.unique9('order');
  }
}
