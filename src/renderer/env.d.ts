/// <reference types="vite/client" />
import type { ArchiveBridge } from '../contract';

declare global {
  interface Window {
    /** Set by the preload (Electron) or by /bridge.js (web host); the renderer's only way out. */
    readonly archive: ArchiveBridge;
  }
}

export {};
