import type { ApiError } from '../contract';

export interface TextSink {
  write(chunk: string): unknown;
}

/**
 * Everything the CLI touches outside the core, passed in so that tests run it in-process with
 * their own environment and capture what it prints.
 */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  env: Record<string, string | undefined>;
  /** Asks for a secret without echoing it. Absent when there is no terminal to ask on. */
  prompt?: (question: string) => Promise<string>;
  /** Folder that relative paths are resolved against; process.cwd() when absent. */
  cwd?: string;
  /** Whether stderr is a terminal, so a progress line that rewrites itself is readable there. */
  isStderrTerminal?: boolean;
}

export class PromptCancelled extends Error {
  constructor() {
    super('已取消输入。');
    this.name = 'PromptCancelled';
  }
}

/**
 * A hidden prompt on a raw-mode terminal. Written by hand because node:readline echoes what is
 * typed, and a password on screen is a password on the next shoulder-surfer's notepad.
 */
export function createTerminalPrompt(input: NodeJS.ReadStream, output: NodeJS.WriteStream): (question: string) => Promise<string> {
  return (question) =>
    new Promise<string>((resolve, reject) => {
      output.write(question);
      const wasRaw = input.isRaw;
      input.setRawMode(true);
      input.setEncoding('utf8');
      input.resume();
      let answer = '';
      const finish = (error?: Error) => {
        input.off('data', onData);
        input.setRawMode(wasRaw);
        // Paused so that the event loop can drain and the process exit once the command is done.
        input.pause();
        output.write('\n');
        if (error) reject(error);
        else resolve(answer);
      };
      const onData = (chunk: string) => {
        // Arrow and function keys arrive as escape sequences; they are not part of a password.
        // eslint-disable-next-line no-control-regex -- escape sequences are made of control characters
        for (const ch of chunk.replace(/\u001b(\[[0-9;]*[~A-Za-z]|O[A-Za-z])?/g, '')) {
          if (ch === '\r' || ch === '\n') return finish();
          if (ch === '\u0003') return finish(new PromptCancelled());
          if (ch === '\u0004' && answer === '') return finish(new PromptCancelled());
          if (ch === '\u007f' || ch === '\b') answer = Array.from(answer).slice(0, -1).join('');
          else if (ch === '\u0015') answer = '';
          else if (ch >= ' ') answer += ch;
        }
      };
      input.on('data', onData);
    });
}

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Errors go to stderr in Chinese; with --json they are also on stdout, for the script that asked. */
export function reportError(io: CliIo, error: ApiError, asJson: boolean): void {
  io.stderr.write(`错误：${error.message}\n`);
  if (asJson) writeJson(io, { error: { code: error.code, message: error.message } });
}
