/**
 * The sample archive written once into memory, with a correction on August
 * 2010, for tests that read the site's files (feeds, calendars, data).
 */
import { writeArchive } from '../../core/archive/write-archive.js';
import { MemoryArchiveStore } from './memory-archive-store.js';
import { sampleArchive, type SampleArchive } from './sample-archive.js';

export const CORRECTION = { revision: 2, date: '2010-08-12', note: 'The panel meets on 14 October, not 7 October.' };

export async function writtenSample(): Promise<{ out: MemoryArchiveStore; sample: SampleArchive }> {
  const sample = await sampleArchive();
  sample.entries = sample.entries.map((e) => (e.issue.month === '2010-08' ? { ...e, corrections: [CORRECTION] } : e));
  const out = new MemoryArchiveStore();
  await writeArchive({
    out, templates: sample.templates, assets: sample.assets, publication: sample.config.publication,
    workstreams: sample.config.workstreams, entries: sample.entries,
  });
  return { out, sample };
}
