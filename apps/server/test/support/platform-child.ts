import { loadConfig } from '../../src/config.ts';
import { startPlatform } from '../../src/server.ts';

// The real server in a child process, for tests that kill it (crash safety): the whole platform with the demo
// data, no web apps, configured from the environment. Prints one line with its address once it listens.
const platform = await startPlatform(loadConfig(), { role: 'all', demo: true, serveWebApps: false });
process.stdout.write(`LISTENING ${platform.url}\n`);
