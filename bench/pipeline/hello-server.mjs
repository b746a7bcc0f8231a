// The bare Fastify ceiling: `GET /` answers {"hello":"world"}, no logger, no plugins. Plain
// JavaScript, so no TypeScript loader sits in this process. Prints "listening <port>".
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
