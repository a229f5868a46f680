/**
 * Stands in for `mjml` in the send function's bundle (infra/stateless-stack.ts
 * aliases it): the send never renders — publish rendered the email once —
 * but core/send/personalise.ts imports a constant from core/render/render-email.ts,
 * which imports mjml. Calling this means a render slipped into the send path.
 */
export default function mjml2html(): never {
  throw new Error('mjml is not bundled into the send function: the email is rendered once, by publish');
}
