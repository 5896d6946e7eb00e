// Generates vectors.json: VietQR payloads made by an independent encoder, the
// npm package vietnam-qr-pay, that the Go tests compare Payload against byte
// for byte. Run once, outside the repository, and commit only its output:
//
//   mkdir -p /tmp/vqr && cd /tmp/vqr && npm install vietnam-qr-pay
//   cp /path/to/ganh/orders/vietqr/testdata/gen-vectors.mjs . && node gen-vectors.mjs > vectors.json
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { QRPay } = require('vietnam-qr-pay');
const { version } = require('vietnam-qr-pay/package.json');

// Amounts are whole VND; notes are what Payload puts in tag 62-08 (ASCII).
const cases = [
  { name: 'vietcombank_small', bankBin: '970436', accountNumber: '1012345678', amountVnd: 10000, note: 'GN-7K3F9Q' },
  { name: 'vietinbank', bankBin: '970415', accountNumber: '108002345678', amountVnd: 125000, note: 'GN-7K3F9Q' },
  { name: 'bidv', bankBin: '970418', accountNumber: '21510001234567', amountVnd: 1999000, note: 'GN-A2B4C6' },
  { name: 'agribank_large', bankBin: '970405', accountNumber: '3100205123456', amountVnd: 50000000, note: 'GN-M8P2R5' },
  { name: 'mb', bankBin: '970422', accountNumber: '0901234567', amountVnd: 125000, note: 'GN-Z9X8W7' },
  { name: 'techcombank_alnum_account', bankBin: '970407', accountNumber: 'VQRQ00A1B2C3', amountVnd: 350000, note: 'GN-H4J6K8' },
  { name: 'acb_long_note', bankBin: '970416', accountNumber: '257678859', amountVnd: 1000, note: 'Thanh toan don GN-7K3F9Q' },
  { name: 'vpbank_no_note', bankBin: '970432', accountNumber: '123456789', amountVnd: 99000, note: '' },
  { name: 'max_amount_19_digit_account', bankBin: '970436', accountNumber: '1234567890123456789', amountVnd: 9999999999999, note: 'GN-7K3F9Q' },
];

const vectors = cases.map((c) => ({
  ...c,
  payload: QRPay.initVietQR({
    bankBin: c.bankBin,
    bankNumber: c.accountNumber,
    amount: String(c.amountVnd),
    purpose: c.note || undefined,
  }).build(),
}));

const source =
  `Generated once with npm vietnam-qr-pay@${version} (MIT, an independent VietQR encoder) ` +
  'by orders/vietqr/testdata/gen-vectors.mjs; Payload must reproduce each payload byte for byte.';
process.stdout.write(JSON.stringify({ source, vectors }, null, 2) + '\n');
