/** Builds a `writeArchive` input from the sample archive, with overrides. */
import type { WriteArchiveInput } from '../../core/archive/write-archive.js';
import type { Publication } from '../../core/content/schema.js';
import type { MemoryArchiveStore } from './memory-archive-store.js';
import type { SampleArchive } from './sample-archive.js';

export function archiveInput(sample: SampleArchive, out: MemoryArchiveStore, over: Partial<WriteArchiveInput> = {}, publication: Partial<Publication> = {}): WriteArchiveInput {
  return {
    out, templates: sample.templates, assets: sample.assets, workstreams: sample.config.workstreams,
    publication: { ...sample.config.publication, ...publication }, entries: sample.entries, ...over,
  };
}

/** Attribute values as a browser reads them (Handlebars escapes `=` and `&`). */
export const attrs = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
