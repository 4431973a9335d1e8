/**
 * A joint-meeting packet in Chromium: an administrator exports a detected chain as a signed packet
 * (a real download) and checks it on the packets page (signature, issuer, contents): this instance
 * signed it, so it is not offered for import. The same chain as a partner instance (上饶) sends it
 * is checked and imported; a second import changes nothing; a file altered by one character is
 * refused with a reason; the partner of the region it is addressed to finds it in their inbox.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PacketSchema } from '../../server/packets/format.ts';
import { loadSigningKey, signPacket, trustKey } from '../../server/packets/signing.ts';
import { findClearIdentifiers } from '../../server/packets/scan.ts';
import { e2eConfig, SHOTS, shot, signIn, startE2eApp, text, WAIT, type E2eApp } from './support.ts';

let app: E2eApp;
beforeAll(async () => {
  app = await startE2eApp();
});
afterAll(async () => {
  await app?.db.autoCommit("MATCH (b:Batch) WHERE b.id STARTS WITH 'packet-' DETACH DELETE b", 'e2e/cleanup');
  await app?.close();
});

describe('case packets in the workbench', () => {
  it("exports a chain as a packet and checks it; imports a partner's packet; an altered copy is refused", async () => {
    const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    await signIn(page, app.base, 'admin');
    await page.click('[data-testid=nav-chains]');
    await page.locator('[data-testid=open-chain]').first().click();
    await page.waitForSelector('[data-testid=chain-panel]');
    await page.click('[data-testid=packet-export]');
    await page.selectOption('[data-testid=packet-to]', '361100');
    await page.fill('[data-testid=packet-purpose]', '市级联席会议 假冒白酒案协查');
    await shot(page, '11-packet-export');
    const [download] = await Promise.all([
      page.waitForEvent('download').catch(async (error: unknown) => {
        await shot(page, '11-packet-export-failed');
        throw new Error(`no download; the panel says: ${await text(page, '[data-testid=chain-panel]')}`, {
          cause: error,
        });
      }),
      page.click('[data-testid=packet-export-submit]'),
    ]);
    const file = path.join(SHOTS, 'packet.json');
    await download.saveAs(file);
    const packet = PacketSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    expect(packet.redaction).toBe('strict');
    expect(findClearIdentifiers(fs.readFileSync(file, 'utf8'))).toEqual([]);

    await page.click('[data-testid=nav-packets]');
    await page.setInputFiles('[data-testid=packet-file]', file);
    await expect.poll(() => text(page, '[data-testid=packet-check]'), WAIT).toContain('签名有效');
    expect(await text(page, '[data-testid=packet-check]')).toContain('市级联席会议 假冒白酒案协查');
    // Signed here: its facts are in this graph, and 上饶 reads it in its inbox. Not offered for import.
    expect(await text(page, '[data-testid=packet-own]')).toContain('无需导入');
    expect(await page.locator('[data-testid=packet-import]').count()).toBe(0);

    // The same chain as 上饶's instance sends it to 南昌市: its key is on this instance's trust list
    // (kept under the e2e data directory, so every run trusts the same key once).
    const config = e2eConfig();
    const partnerKey = loadSigningKey({
      ...config,
      paths: { ...config.paths, dataDir: path.join(config.paths.dataDir, 'partner-361100') },
    });
    trustKey(config, { region: '361100', name: '上饶市市场监管局', publicKey: partnerKey.publicKeyPem });
    const { signature: _signature, ...body } = packet;
    const partnerFile = path.join(SHOTS, 'packet-from-shangrao.json');
    const fromShangrao = signPacket(
      {
        ...body,
        id: randomUUID(),
        to: { region: '360100', name: '南昌市' },
        issuer: { region: '361100', name: '上饶市', keyId: partnerKey.keyId },
      },
      partnerKey,
    );
    fs.writeFileSync(partnerFile, JSON.stringify(fromShangrao, null, 2));
    await page.setInputFiles('[data-testid=packet-file]', partnerFile);
    await expect.poll(() => text(page, '[data-testid=packet-check]'), WAIT).toContain('上饶市市场监管局');
    await page.click('[data-testid=packet-import]');
    await expect.poll(() => text(page, '[data-testid=packet-report]'), WAIT).toMatch(/已导入：新增 \d+ 个实体/);
    await shot(page, '12-packet-imported');

    await page.setInputFiles('[data-testid=packet-file]', partnerFile);
    await page.waitForSelector('[data-testid=packet-import]');
    await page.click('[data-testid=packet-import]');
    await expect.poll(() => text(page, '[data-testid=packet-report]'), WAIT).toContain('此前已导入');

    const altered = path.join(SHOTS, 'packet-altered.json');
    fs.writeFileSync(altered, fs.readFileSync(partnerFile, 'utf8').replace('假冒白酒案协查', '假冒白酒案协办'));
    await page.setInputFiles('[data-testid=packet-file]', altered);
    await expect.poll(() => text(page, '[data-testid=packet-error]'), WAIT).toContain('altered after signing');
    await shot(page, '13-packet-refused');
    await page.close();

    // Addressed to 上饶市: its partner finds it in the inbox and opens it — and sees nothing else.
    const partner = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(partner, app.base, 'partner');
    const row = partner.locator('[data-testid=packet-row]').filter({ hasText: '市级联席会议 假冒白酒案协查' });
    await row.first().waitFor();
    await row.first().locator('button').click();
    await expect.poll(() => text(partner, '[data-testid=packet-view]'), WAIT).toContain('市级联席会议');
    expect(await partner.locator('[data-testid=nav-workbench]').count()).toBe(0);
    await shot(partner, '14-partner-inbox');
    await partner.close();
  });
});
