import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jsonSchemas } from '../../core/content/json-schemas.js';
import type { Io } from '../io.js';

/** `bulletin schema`: writes the JSON Schemas generated from the zod schemas (for editors' tooling). */
export async function schemaCommand(options: { out: string }, io: Io): Promise<number> {
  await mkdir(options.out, { recursive: true });
  for (const [name, schema] of Object.entries(jsonSchemas())) {
    const file = join(options.out, name);
    await writeFile(file, `${JSON.stringify(schema, null, 2)}\n`);
    io.out(file);
  }
  return 0;
}
