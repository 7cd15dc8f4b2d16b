// Debian's Chromium, the only browser here (nothing downloads one), and the flags it
// needs as root on a machine whose network is closed: without the background-networking
// flags it keeps trying to reach Google's hosts.
export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
