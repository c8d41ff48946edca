// The writer thread's entry (sqlite-writer.ts): TypeScript through tsx, as bin/homeward.js runs the server.
import { register } from 'tsx/esm/api';

register();
await import('./sqlite-writer.worker.ts');
