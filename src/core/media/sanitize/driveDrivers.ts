/** What a drive says about itself before anything is sent, and what will be sent (NIST SP 800-88 Rev. 1 Table A-8). */
export interface DriveInspection {
  /** The drive's serial number: a resume after the sanitize erased the identity record is tied to it. */
  serial: string;
  tool: { name: 'nvme-cli' | 'hdparm'; version: string };
  /** The sanitize action chosen, in Chinese, with the reason when it is a fallback. */
  actionLabel: string;
  /** The arguments that start it (the device path last, as one argument). */
  args: string[];
  /** The command as shown on the certificate, secrets replaced. */
  shown: string;
  /** Whether the drive reports progress while it works (Sanitize); ATA Security Erase only returns when done. */
  isPolled: boolean;
}

export type DriveState = { state: 'idle' | 'done' | 'failed'; detail: string } | { state: 'in-progress'; fraction: number; detail: string };
