import { createInterface } from 'node:readline';

/** Reads a line from the terminal without echoing it (passphrases, secrets). */
export function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const rlWithOutput = rl as unknown as { _writeToOutput: (s: string) => void };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    // Mask what the user types; the question itself was already written.
    rlWithOutput._writeToOutput = () => undefined;
  });
}

/** Reads a visible line from the terminal (non-secret answers such as a choice). */
export function promptLine(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer);
    });
  });
}
