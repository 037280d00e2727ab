/**
 * Child process for vault-crash.test.ts (not a test itself). Usage:
 *   node --import tsx vault-crash-child.ts once <dataDir>   add one connection labelled "new", print "saved"
 *   node --import tsx vault-crash-child.ts loop <dataDir>   print "ready", then rename connection 0 from gen-N to gen-N+1, … forever
 * The passphrase comes on stdin so it never sits in argv or the environment.
 */
import { redact } from '../secrets/redacted.ts';
import { openVault } from './open-vault.ts';

const [mode, dataDir] = process.argv.slice(2);
let passphrase = '';
for await (const chunk of process.stdin) passphrase += String(chunk);

const vault = await openVault(dataDir, passphrase.trim());
if (mode === 'once') {
  await vault.addConnection({ exchange: 'binance', label: 'new', baseUrl: null, apiKey: 'NEWKEY0000111122', secret: redact('new-secret') });
  process.stdout.write('saved\n');
} else {
  const [first] = await vault.listConnections();
  process.stdout.write('ready\n');
  const start = Number(first.label.replace('gen-', ''));
  for (let n = start + 1; ; n++) await vault.renameConnection(first.id, `gen-${n}`);
}
