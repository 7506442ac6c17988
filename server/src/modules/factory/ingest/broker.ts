import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';

export class BrokerPortError extends Error {}

export interface EmbeddedBroker {
  port: number;
  close(): Promise<void>;
}

/**
 * The embedded MQTT broker of `npm start` (Aedes, in memory): real devices and mosquitto_pub can connect to it on
 * MQTT_PORT. Its sessions live as long as the process; production uses a real broker via MQTT_URL.
 */
export async function startEmbeddedBroker(port: number, host = '0.0.0.0'): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker();
  const server: Server = createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      broker.close();
      reject(
        err.code === 'EADDRINUSE'
          ? new BrokerPortError(`MQTT port ${port} is already in use: set MQTT_PORT to a free port, or MQTT_URL to use the broker that is listening there`)
          : err,
      );
    });
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as { port: number }).port;
  return {
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        broker.close(() => server.close(() => resolve()));
      }),
  };
}
