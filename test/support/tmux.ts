// A real pseudo-terminal for CLI tests: a tmux server on a private socket (-L), one session running the
// program, keys sent with send-keys and the screen read with capture-pane. Waits poll the screen until
// the expected text shows or a deadline passes (no fixed sleeps).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';

/** A tmux session running one command in a 200x50 terminal. Call `kill()` at the end (kills the server). */
export class TmuxSession {
  readonly socket = `kinetic-test-${process.pid}-${randomBytes(4).toString('hex')}`;

  constructor(command: readonly string[], env: Record<string, string> = {}) {
    const quoted = command.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const exports = Object.entries(env).map(([k, v]) => `${k}='${v.replace(/'/g, `'\\''`)}'`).join(' ');
    // The session stays after the program ends (remain-on-exit), so that its last screen can be read.
    this.#tmux(['-f', '/dev/null', 'new-session', '-d', '-x', '200', '-y', '50', `${exports ? `env ${exports} ` : ''}${quoted}`, ';', 'set-option', '-g', 'remain-on-exit', 'on']);
  }

  #tmux(args: readonly string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Types text literally (a `;` is sent as typed, not read by tmux as a command separator). */
  type(text: string): void {
    this.#tmux(['send-keys', '-l', '--', text.replace(/;$/, '\\;')]);
  }

  /** Sends keys by name: Enter, Tab, C-c, C-d, Up. */
  keys(...names: string[]): void {
    this.#tmux(['send-keys', ...names]);
  }

  /** Types a line and presses Enter. */
  line(text: string): void {
    this.type(text);
    this.keys('Enter');
  }

  /** The screen and its scrollback as text. */
  screen(): string {
    return this.#tmux(['capture-pane', '-p', '-J', '-S', '-2000']);
  }

  /** Whether the program has exited. */
  dead(): boolean {
    return this.#tmux(['display-message', '-p', '#{pane_dead}']).trim() === '1';
  }

  /** Waits until `test` holds for the screen; fails with the screen after `ms`. */
  async waitFor(test: RegExp | ((screen: string) => boolean), ms = 30_000): Promise<string> {
    const deadline = Date.now() + ms;
    const ok = typeof test === 'function' ? test : (s: string) => test.test(s);
    for (;;) {
      const screen = this.screen();
      if (ok(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(test)}; the screen:\n${screen}`);
      await delay(100);
    }
  }

  /** Waits until the program has exited. */
  async waitForExit(ms = 30_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.dead()) {
      if (Date.now() > deadline) throw new Error(`the program did not exit; the screen:\n${this.screen()}`);
      await delay(100);
    }
  }

  kill(): void {
    try {
      this.#tmux(['kill-server']);
    } catch {
      // Already gone.
    }
  }
}

/** Occurrences of a pattern on the screen, to wait for the next one. */
export function count(screen: string, pattern: RegExp): number {
  return screen.match(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g'))?.length ?? 0;
}
