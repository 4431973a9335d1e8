/**
 * The small manifest that accompanies an export (`<name>.manifest.json` beside `<name>.csv`):
 * reporting region, department, source system, export date, row count. Optional; --region and
 * --dept override it. An unreadable manifest is ignored rather than blocking the load.
 */
import fs from 'node:fs';
import { z } from 'zod';

export const ManifestSchema = z.object({
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  department: z.string().optional(),
  departmentName: z.string().optional(),
  sourceSystem: z.string().optional(),
  exportDate: z.string().optional(),
  rowCount: z.number().int().min(0).optional(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export function manifestPath(file: string): string {
  return file.replace(/\.[^./]+$/, '') + '.manifest.json';
}

export function readManifest(file: string): Manifest | null {
  const candidate = manifestPath(file);
  if (!fs.existsSync(candidate)) return null;
  try {
    const parsed = ManifestSchema.safeParse(JSON.parse(fs.readFileSync(candidate, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
