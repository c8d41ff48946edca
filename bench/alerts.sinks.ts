import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// The alerts bench's local sinks, in a process of their own as a relay and a gateway would be: an SMTP server that
// counts envelope recipients (one mail to many readers is that many messages) and the documented SMS gateway
// (docs/sms-gateway.md: one message per request, or a batch answered per message). Prints
// `READY {"smtpUrl":…,"smsUrl":…}`, then answers each IPC message with the count of messages received so far.

let mails = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  closeTimeout: 500,
  onData(stream, session, done) {
    stream.on('data', () => {});
    stream.on('end', () => {
      mails += session.envelope.rcptTo.length;
      done();
    });
  },
});
// A client that drops its connection after QUIT is not an error of the bench.
smtp.on('error', () => {});
await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));

let texts = 0;
const sms = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { messages?: { reference: string }[] };
    if (!body.messages) {
      texts++;
      res.writeHead(202).end();
      return;
    }
    texts += body.messages.length;
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ results: body.messages.map((m) => ({ reference: m.reference, status: 'accepted' })) }));
  });
});
await new Promise<void>((r) => sms.listen(0, '127.0.0.1', r));

process.on('message', () => process.send?.(mails + texts));
process.on('disconnect', () => {
  smtp.close(() => {});
  sms.close();
  process.exit(0);
});
const urls = {
  smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, // boundary: TCP servers
  smsUrl: `http://127.0.0.1:${(sms.address() as AddressInfo).port}/sms`,
};
process.stdout.write(`READY ${JSON.stringify(urls)}\n`);
