// fontkit (pdfkit's font engine, installed with it) ships no types; only what the PDF renderer calls.
declare module 'fontkit' {
  /** A parsed font; pdfkit's `registerFont` takes one in place of bytes (anything with a `layout` method). */
  export interface Font {
    layout(text: string): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
