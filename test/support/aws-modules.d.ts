// Minimal typings for the local servers that ship none (only what the test setup calls).
declare module 'dynalite' {
  import type { Server } from 'node:net';
  export default function dynalite(options?: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number; path?: string }): Server;
}
