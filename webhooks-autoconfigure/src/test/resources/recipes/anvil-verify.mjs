// Anvil's verifier exactly as reference/004 prints it, run against a request a test received:
//   node anvil-verify.mjs <file with the raw body> <Anvil-Signature header> <signing secret>
// prints true or false.
import crypto from 'crypto';
import { readFileSync } from 'fs';

function verify(rawBody, header, secret) {
  const [tsPart, sigPart] = header.split(',');
  const timestamp = tsPart.split('=')[1];
  const signature = sigPart.split('=')[1];
  const expected = crypto
    .createHmac('sha256', secret)
    .update(`${timestamp}.${rawBody}`)
    .digest('hex');
  return crypto.timingSafeEqual(
    Buffer.from(signature),
    Buffer.from(expected)
  );
}

const [bodyFile, header, secret] = process.argv.slice(2);
console.log(verify(readFileSync(bodyFile, 'utf8'), header, secret));
