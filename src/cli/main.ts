/** Entry of the `dossier` command (bin/dossier.mjs, `npm run cli`): the real process around `run`. */
import { createTerminalPrompt, type CliIo } from './io';
import { run } from './program';

const io: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  // Prompts are written to stderr so that `--json > result.json` still asks on the screen.
  prompt: process.stdin.isTTY ? createTerminalPrompt(process.stdin, process.stderr) : undefined,
  cwd: process.cwd(),
  isStderrTerminal: process.stderr.isTTY === true,
};

const code = await run(process.argv.slice(2), io);
process.exitCode = code;
// Exit explicitly once the output is flushed, so that a handle some library forgot to close cannot
// keep a finished command hanging in a script.
const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
