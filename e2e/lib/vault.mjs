// Opening what the app sealed, from node, knowing only the PIN and the stored vault record: a
// check that the device's format is the documented one (PBKDF2-SHA256 → AES-256-GCM), and the
// way specs make the plain blobs an app from before encryption left.
import { pbkdf2Sync, createDecipheriv } from 'node:crypto';

const unhex = (text) => Buffer.from(text, 'hex');

/** `"M1" ‖ nonce(12) ‖ ciphertext ‖ tag(16)` opened with `key`. */
export function openSealed(key, sealed) {
  const bytes = Buffer.from(sealed);
  if (bytes.subarray(0, 2).toString('latin1') !== 'M1') throw new Error('not sealed');
  const nonce = bytes.subarray(2, 14);
  const tag = bytes.subarray(bytes.length - 16);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(bytes.subarray(14, bytes.length - 16)), decipher.final()]);
}

/** The data key of `username`'s vault on `page`, unwrapped with `pin`. */
export async function dataKey(page, username, pin) {
  const json = await page.evaluate((key) => localStorage.getItem(key), `mentora.vault.${username}`);
  const record = JSON.parse(json);
  const pinKey = pbkdf2Sync(pin, unhex(record.salt), record.iterations, 32, 'sha256');
  return openSealed(pinKey, unhex(record.pin_wrapped));
}

/** Waits until one of `username`'s drafts, opened with the PIN, contains `text`. */
export async function waitForDraft(page, username, pin, text, { timeout = 30000 } = {}) {
  const key = await dataKey(page, username, pin);
  const deadline = Date.now() + timeout;
  for (;;) {
    const drafts = await page.evaluate((prefix) => Object.keys(localStorage)
      .filter((k) => k.startsWith(prefix)).map((k) => localStorage.getItem(k)), `mentora.draft.${username}.`);
    if (drafts.some((sealed) => openSealed(key, unhex(sealed)).toString('utf8').includes(text))) return;
    if (Date.now() > deadline) throw new Error(`no sealed draft of ${username} holds "${text}" after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
