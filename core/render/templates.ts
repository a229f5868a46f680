/**
 * Compiled Handlebars templates, one environment per medium (web, email) so
 * partials of the same name do not collide. Sources come in as a plain map
 * (`web/issue.hbs` → text) so the core never touches the filesystem.
 */
import Handlebars from 'handlebars';
import type { PdfFonts } from './render-pdf-fonts.js';

export type TemplateFiles = Readonly<Record<string, string>>;
type Render = (context: object) => string;

export interface Templates {
  /** Renders `web/<name>.hbs` inside `web/layout.hbs`. */
  page(name: string, context: object): string;
  /** Renders `email/<name>.mjml.hbs` to an MJML document. */
  mjml(name: string, context: object): string;
  /** The fonts the PDF edition is set in; without them the archive has no PDFs (and its pages do not link to one). */
  readonly fonts?: PdfFonts;
  /** MJML already turned into HTML (see core/archive/stored-emails.ts); without it every email runs MJML. */
  readonly mjmlHtml?: MjmlMemo;
}

/** Remembers MJML → HTML by the MJML text: MJML is a pure function of it (same version and options). */
export interface MjmlMemo {
  get(mjml: string): string | undefined;
  set(mjml: string, html: string): void;
}

export function compileTemplates(files: TemplateFiles, resources: { fonts?: PdfFonts } = {}): Templates {
  const web = environment(files, 'web/');
  const email = environment(files, 'email/');
  const layout = web.get('layout.hbs');
  return {
    page: (name, context) => layout({ ...context, body: web.get(`${name}.hbs`)(context) }),
    mjml: (name, context) => email.get(`${name}.mjml.hbs`)(context),
    ...(resources.fonts ? { fonts: resources.fonts } : {}),
  };
}

function environment(files: TemplateFiles, dir: string) {
  const hbs = Handlebars.create();
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
  hbs.registerHelper('encode', (s: unknown) => encodeURIComponent(String(s)));
  const compiled = new Map<string, Render>();
  for (const [path, source] of Object.entries(files)) {
    if (!path.startsWith(dir)) continue;
    const rel = path.slice(dir.length);
    if (rel.startsWith('partials/')) {
      hbs.registerPartial(rel.slice('partials/'.length).replace(/\.hbs$/, ''), source);
    } else {
      compiled.set(rel, hbs.compile(source, { strict: false, preventIndent: true }));
    }
  }
  return {
    get(name: string): Render {
      const t = compiled.get(name);
      if (!t) throw new Error(`template ${dir}${name} is missing`);
      return t;
    },
  };
}
