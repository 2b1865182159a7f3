import type http from 'node:http';
import type { Core } from '../core/types';
import type { SessionSlots } from './sessions';
import type { StagingArea } from './staging';

/** What the route handlers share; `startWebHost` makes one per host. */
export interface HostContext {
  core: Core;
  sessions: SessionSlots;
  staging: StagingArea;
  /** Largest accepted JSON body for `/api`. */
  maxBodyBytes: number;
  /** The built renderer, resolved to an absolute path. */
  rendererRoot: string;
  /** Generated once from the method list (`bridge.ts`). */
  bridgeScript: string;
  /** Open `/events` responses, ended when the host closes. */
  eventStreams: Set<http.ServerResponse>;
}
