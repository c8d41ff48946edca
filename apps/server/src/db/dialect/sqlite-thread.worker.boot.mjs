// The entry of a thread-backed SQLite connection (sqlite-thread.ts): TypeScript through tsx, as bin/homeward.js
// runs the server.
import { register } from 'tsx/esm/api';

register();
await import('./sqlite-thread.worker.ts');
