// Run in a child process by streaming.test.ts so that RSS belongs to signing and verifying alone.
// argv: <pdf> <certificate.der> <key.pem>
import fs from 'node:fs';
import { signerFromKey } from '../../../../src/core/pdf/sign/signer';
import { signPdfInPlace } from '../../../../src/core/pdf/sign/signInPlace';
import { verifyCertifiedPdf } from '../../../../src/core/pdf/sign/verify';

const [file, certPath, keyPath] = process.argv.slice(2);
const certificateDer = fs.readFileSync(certPath!);
const signer = signerFromKey(certificateDer, fs.readFileSync(keyPath!, 'utf8'));
global.gc?.();
const baseline = process.memoryUsage().rss;
let peak = baseline;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
let started = performance.now();
const signed = await signPdfInPlace(file!, signer);
const signMs = performance.now() - started;
peak = Math.max(peak, process.memoryUsage().rss);
started = performance.now();
const verified = await verifyCertifiedPdf(file!, [certificateDer]);
const verifyMs = performance.now() - started;
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(JSON.stringify({ baseline, peak, signMs, verifyMs, bytes: signed.bytes, fileSha256: signed.fileSha256, isValid: verified.isValid, reasons: verified.reasons }));
