import { spawn } from 'node:child_process';

/** Opens a URL for the user; resolves false when no browser could be started. */
export type BrowserOpener = (url: string) => Promise<boolean | void> | boolean | void;

/**
 * Opens the URL in the system browser (`xdg-open` on Linux, `open` on macOS, `start` on Windows). On Linux
 * with no display (a server, a container) it does not try, and resolves false so the caller prints the URL.
 *
 * @example
 * ```ts
 * if (!(await openSystemBrowser(url))) console.error(`Open ${url} to sign in`);
 * ```
 */
export function openSystemBrowser(url: string): Promise<boolean> {
  const platform = process.platform;
  if (platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) return Promise.resolve(false);
  const [command, args] =
    platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]] : ['xdg-open', [url]];
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
