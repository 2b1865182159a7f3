import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { PromptCancelled, createTerminalPrompt } from '../../src/cli/io';

/** Just enough of a TTY: raw mode is recorded, typed keys are emitted as data. */
class FakeTerminal extends EventEmitter {
  isRaw = false;
  rawModeHistory: boolean[] = [];
  written = '';
  setRawMode(mode: boolean) {
    this.isRaw = mode;
    this.rawModeHistory.push(mode);
    return this;
  }
  setEncoding() {
    return this;
  }
  resume() {
    return this;
  }
  pause() {
    return this;
  }
  write(s: string) {
    this.written += s;
    return true;
  }
}

function promptOn(term: FakeTerminal) {
  return createTerminalPrompt(term as unknown as NodeJS.ReadStream, term as unknown as NodeJS.WriteStream);
}

describe('hidden terminal prompt', () => {
  it('reads a line without echoing it, honouring backspace and ignoring arrow keys', async () => {
    const term = new FakeTerminal();
    const answer = promptOn(term)('密码：');
    term.emit('data', '密码ab');
    term.emit('data', 'x\u007f\u001b[D');
    term.emit('data', 'c\r');
    await expect(answer).resolves.toBe('密码abc');
    expect(term.written).toBe('密码：\n');
    expect(term.rawModeHistory).toEqual([true, false]);
    expect(term.listenerCount('data')).toBe(0);
  });

  it('is cancelled by Ctrl-C and leaves raw mode', async () => {
    const term = new FakeTerminal();
    const answer = promptOn(term)('密码：');
    term.emit('data', 'abc\u0003');
    await expect(answer).rejects.toBeInstanceOf(PromptCancelled);
    expect(term.isRaw).toBe(false);
  });
});
