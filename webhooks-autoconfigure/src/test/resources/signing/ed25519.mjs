// An independent ed25519 implementation for the v1a tests: Node's built-in crypto, which reads keys as DER.
// node ed25519.mjs verify <whpk_…> <base64 signature> <base64 message>  prints true or false
// node ed25519.mjs sign <whsk_…> <base64 message>                      prints the base64 signature
// node ed25519.mjs generate                                            prints "<whsk_…> <whpk_…>" in the layout
//                                                                      of DER-based libraries: the 32-byte seed
//                                                                      and the 44-byte SubjectPublicKeyInfo
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';

const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function publicKey(text) {
  const bytes = Buffer.from(text.replace(/^whpk_/, ''), 'base64');
  const der = bytes.length === 32 ? Buffer.concat([SPKI_PREFIX, bytes]) : bytes;
  return createPublicKey({ key: der, format: 'der', type: 'spki' });
}

function privateKey(text) {
  const bytes = Buffer.from(text.replace(/^whsk_/, ''), 'base64');
  // the 64-byte layout (Svix's server) is the seed followed by the public key
  const seed = bytes.length === 64 ? bytes.subarray(0, 32) : bytes;
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'verify') {
  const [key, signature, message] = args;
  console.log(verify(null, Buffer.from(message, 'base64'), publicKey(key), Buffer.from(signature, 'base64')));
} else if (mode === 'sign') {
  const [key, message] = args;
  console.log(sign(null, Buffer.from(message, 'base64'), privateKey(key)).toString('base64'));
} else if (mode === 'generate') {
  const { privateKey: priv, publicKey: pub } = generateKeyPairSync('ed25519');
  const seed = priv.export({ format: 'der', type: 'pkcs8' }).subarray(16);
  const spki = pub.export({ format: 'der', type: 'spki' });
  console.log('whsk_' + seed.toString('base64') + ' whpk_' + spki.toString('base64'));
} else {
  console.error('unknown mode ' + mode);
  process.exit(2);
}
