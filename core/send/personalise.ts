/**
 * Per-recipient values by substitution, never by re-running MJML: the
 * rendered email is split ONCE into static parts around its `%%{name}%%`
 * placeholders; filling it for a recipient is an escape and a join.
 *
 * HTML templates get values escaped for an attribute (which is also safe in
 * text content); text templates get them as they are. Values may not hold
 * line breaks, control characters or placeholder syntax, so a fill can
 * neither inject markup or headers nor leave a placeholder behind.
 *
 * Only the template's OWN slots are filled. A rendered email carries a slot
 * key (`%%{unsubscribe_url:<key>}%%`, the key a hash of the whole issue), so
 * placeholder syntax that reached the output from author text — which
 * cannot know the hash of itself — is never a slot: it stays inert text.
 */
import { PersonaliseError } from './errors.js';

/** Placeholders a rendered email contains, filled per recipient. Here, not beside the renderer, so sending never loads MJML. */
export const PLACEHOLDERS = ['unsubscribe_url'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** How values are escaped: `html` for attributes and text content, `text` as they are. */
export type TemplateKind = 'html' | 'text';
/** Placeholder name → value for one recipient, e.g. `{ unsubscribe_url }`. */
export type Values = Readonly<Record<string, string>>;

const PLACEHOLDER = /%%\{([a-z_]+)\}%%/g;
const KEYED_PLACEHOLDER = /%%\{([a-z_]+):([0-9a-f]{16})\}%%/g;
/** A slot key: 16 lower-case hex digits. */
const SLOT_KEY = /^[0-9a-f]{16}$/;
// What a placeholder looks like after an encoder or a sanitiser has been at it.
const MANGLED = /%25%25%7B|%%%7B|%%\{(?![a-z_]+\}%%)|&#37;&#37;\{/i;
const UNSAFE_VALUE = /[\u0000-\u001f\u007f]|%%\{/;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes `&<>"'`: safe inside a double- or single-quoted attribute and in text content. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** A template split once into static parts; `slots[i]` sits between `parts[i]` and `parts[i + 1]`. */
export interface CompiledTemplate {
  readonly kind: TemplateKind;
  readonly parts: readonly string[];
  readonly slots: readonly string[];
  /** The distinct placeholder names the template uses. */
  readonly placeholders: readonly string[];
}

/** The slot the templates write for `name` in an email rendered with `slotKey`. */
export function slotFor(name: string, slotKey: string): string {
  return `%%{${name}:${slotKey}}%%`;
}

/**
 * Splits `source` around its placeholders. With `slotKey` (every rendered
 * email has one), only `%%{name:<slotKey>}%%` is a slot and anything else is
 * text; without it, `%%{name}%%` is (for hand-written templates).
 *
 * Throws PersonaliseError when a slot uses a name outside `allowed`, or when
 * a slot was mangled by an encoder (it could never be filled and would
 * reach a reader as `%%{…`): with a key, the key seen outside a slot; without
 * one, anything that looks like a damaged placeholder.
 */
export function compileTemplate(source: string, kind: TemplateKind, slotKey?: string, allowed: readonly string[] = PLACEHOLDERS): CompiledTemplate {
  if (slotKey !== undefined && !SLOT_KEY.test(slotKey)) throw new PersonaliseError('PLACEHOLDER_MANGLED', `slot key "${slotKey}" must be 16 hexadecimal digits`);
  const parts: string[] = [];
  const slots: string[] = [];
  let last = 0;
  for (const m of source.matchAll(slotKey === undefined ? PLACEHOLDER : KEYED_PLACEHOLDER)) {
    if (slotKey !== undefined && m[2] !== slotKey) continue; // not ours: inert text
    const name = m[1]!;
    if (!allowed.includes(name)) throw new PersonaliseError('PLACEHOLDER_UNKNOWN', `the ${kind} uses %%{${name}}%%, which nothing fills (known: ${allowed.join(', ')})`);
    parts.push(source.slice(last, m.index));
    slots.push(name);
    last = m.index + m[0].length;
  }
  parts.push(source.slice(last));
  const damaged = slotKey === undefined ? MANGLED : new RegExp(slotKey);
  const mangled = parts.find((p) => damaged.test(p));
  if (mangled !== undefined) {
    const at = damaged.exec(mangled)!;
    const from = Math.max(0, at.index - 20);
    throw new PersonaliseError('PLACEHOLDER_MANGLED', `the ${kind} holds an encoded or broken placeholder near "${mangled.slice(from, from + 60)}"`);
  }
  return { kind, parts, slots, placeholders: [...new Set(slots)] };
}

// One recipient's values are escaped for a template once, however many times the message is filled (parts, then MIME).
const escapedFor = new WeakMap<Values, WeakMap<CompiledTemplate, Record<string, string>>>();

/** `values` checked and escaped for the template's kind, once per recipient (not once per slot, nor per use). */
export function escapeValues(template: CompiledTemplate, values: Values): Record<string, string> {
  let byTemplate = escapedFor.get(values);
  const known = byTemplate?.get(template);
  if (known) return known;
  const out: Record<string, string> = {};
  for (const name of template.placeholders) {
    const value = values[name];
    if (typeof value !== 'string') throw new PersonaliseError('VALUE_MISSING', `no value for %%{${name}}%%`);
    if (UNSAFE_VALUE.test(value)) throw new PersonaliseError('VALUE_INVALID', `the value for %%{${name}}%% holds a control character or placeholder syntax`);
    out[name] = template.kind === 'html' ? escapeHtml(value) : value;
  }
  if (!byTemplate) escapedFor.set(values, (byTemplate = new WeakMap()));
  byTemplate.set(template, out);
  return out;
}

/** The template with every placeholder filled. Throws PersonaliseError for a missing or unsafe value. */
export function personalise(template: CompiledTemplate, values: Values): string {
  const escaped = escapeValues(template, values);
  const { parts, slots } = template;
  let out = parts[0]!;
  for (let i = 0; i < slots.length; i++) out += escaped[slots[i]!]! + parts[i + 1]!;
  return out;
}
