/** The messages between an add-on iframe (page/bridge.ts) and the spreadsheet window (page/main.ts). */
export const BRIDGE_SOURCE = 'relationship-calls-preview';

export type FromAddon =
  | { source: typeof BRIDGE_SOURCE; type: 'run'; id: number; fn: string; args: unknown[] }
  | { source: typeof BRIDGE_SOURCE; type: 'close' }
  | { source: typeof BRIDGE_SOURCE; type: 'resize'; width?: number; height?: number };

export interface ToAddon {
  source: typeof BRIDGE_SOURCE;
  id: number;
  ok: boolean;
  value?: unknown;
  message?: string;
}
