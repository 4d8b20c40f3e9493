/** Run the CLI in-process with captured output (the entry point takes its I/O as arguments). */
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  /** Pretend stderr is a terminal (progress is shown only there). */
  tty?: boolean;
}

export async function runCli(argv: string[], cwd: string, options: CliOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.tty ?? false },
    cwd,
    env: options.env ?? {},
  });
  return { code, stdout, stderr };
}
