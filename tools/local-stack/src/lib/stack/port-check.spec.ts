import { createServer, type Server } from 'node:net';
import { PortInUseError } from '../errors';
import { assertPortsFree, stackListeners } from './port-check';

const listen = (port = 0): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
const portOf = (server: Server): number => (server.address() as { port: number }).port;
const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

describe('assertPortsFree', () => {
  it('names the taken port and the flag that picks another', async () => {
    // Prepare
    const taken = await listen();
    try {
      // Act
      const check = assertPortsFree(stackListeners({ host: '127.0.0.1', port: portOf(taken) }));
      // Assess
      await expect(check).rejects.toThrow(PortInUseError);
      await expect(check).rejects.toThrow(`127.0.0.1:${portOf(taken)} is already in use, so the HTTP API cannot listen there`);
      await expect(check).rejects.toThrow('pick another port with `npm start -- --port N` (0: any free port)');
    } finally {
      await close(taken);
    }
  });

  it('checks a named DynamoDB Local port, but not when an endpoint is given instead', async () => {
    // Prepare
    const taken = await listen();
    try {
      // Act
      const named = assertPortsFree(stackListeners({ port: 0, dynamodbPort: portOf(taken) }));
      const endpoint = assertPortsFree(stackListeners({ port: 0, dynamodbPort: portOf(taken), dynamodbEndpoint: 'http://127.0.0.1:8000' }));
      // Assess
      await expect(named).rejects.toMatchObject({ name: 'PortInUseError', port: portOf(taken), flag: '--dynamodb-port', purpose: 'DynamoDB Local' });
      await expect(endpoint).resolves.toBeUndefined();
    } finally {
      await close(taken);
    }
  });

  it('passes free ports and leaves them free', async () => {
    // Prepare: a port that was just released
    const probe = await listen();
    const port = portOf(probe);
    await close(probe);
    // Act
    await assertPortsFree(stackListeners({ port }));
    // Assess: the check let go of it
    const again = await listen(port);
    const reboundPort = portOf(again);
    await close(again);
    expect(reboundPort).toBe(port);
  });
});
