/**
 * Child process for vault-memory.test.ts (not a test itself). Usage:
 *   node --expose-gc --import tsx vault-memory-child.ts <dataDir> <snapshotPath>
 * Unlocks the vault (passphrase on stdin), signs requests with every stored connection the way an audit does,
 * locks the vault, collects garbage, and writes a heap snapshot for the test to search for the secrets.
 */
import { writeHeapSnapshot } from 'node:v8';
import { signKucoinRequest } from '../exchanges/kucoin/kucoin-sign.ts';
import { openVault } from './open-vault.ts';

const [dataDir, snapshotPath] = process.argv.slice(2);
const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);

let vault: Awaited<ReturnType<typeof openVault>> | null = await openVault(dataDir, Buffer.concat(chunks).toString('utf8').trim());
let signedHeaders = 0;
for (let round = 0; round < 50; round++) {
  for (const connection of await vault.listConnections()) {
    const request = signKucoinRequest({ method: 'GET', baseUrl: 'http://127.0.0.1:1', path: '/api/v1/sub/api-key' }, connection.credentials, Date.now());
    signedHeaders += Object.keys(request.headers).length;
  }
}
// References an audit would still hold after the lock: the wipe must reach them too.
const heldAfterLock = await vault.listConnections();
vault.lock();
vault = null;
const stillUsable = heldAfterLock.filter((connection) => !connection.credentials.secret.isWiped).length;

for (let i = 0; i < 4; i++) (globalThis as { gc?: () => void }).gc?.();
writeHeapSnapshot(snapshotPath);
process.stdout.write(JSON.stringify({ signedHeaders, stillUsable }) + '\n');
