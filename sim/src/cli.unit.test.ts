import { describe, expect, it } from 'vitest';
import { parseSimulateArgs, UsageError } from './cli';

const parse = (argv: string[], env: Record<string, string | undefined> = {}) => parseSimulateArgs(argv, env);
const reason = (argv: string[], env: Record<string, string | undefined> = {}) => {
  try {
    parse(argv, env);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  return 'accepted';
};

describe('gearbridge simulate flags', () => {
  it('reads every flag, in both --flag value and --flag=value forms', () => {
    expect(parse(['--devices', '20', '--rate=2.5', '--seed', '42', '--duration', '30', '--time-scale', '60', '--url', 'mqtt://broker:1884', '--group', 'g1']).options).toEqual({
      url: 'mqtt://broker:1884',
      devices: 20,
      rate: 2.5,
      seed: 42,
      durationS: 30,
      timeScale: 60,
      group: 'g1',
    });
  });

  it('takes the broker from MQTT_URL, else the local default', () => {
    expect(parse([], { MQTT_URL: 'mqtts://plant.example:8883' }).options.url).toBe('mqtts://plant.example:8883');
    expect(parse([], {}).options.url).toBe('mqtt://127.0.0.1:1883');
    expect(parse(['--url', 'ws://x:9001'], { MQTT_URL: 'mqtt://y' }).options.url).toBe('ws://x:9001');
  });

  it('leaves unset flags to the simulator defaults', () => {
    expect(parse([]).options).toEqual({
      url: 'mqtt://127.0.0.1:1883',
      devices: undefined,
      rate: undefined,
      seed: undefined,
      durationS: undefined,
      timeScale: undefined,
      group: undefined,
    });
    expect(parse(['--help']).help).toBe(true);
  });

  it.each([
    [['--devices', '0'], '--devices must be a whole number from 1 to 180 (got "0")'],
    [['--devices', '181'], '--devices must be a whole number from 1 to 180 (got "181")'],
    [['--devices', '2.5'], '--devices must be a whole number from 1 to 180 (got "2.5")'],
    [['--rate', 'abc'], '--rate must be a number above 0 and at most 1000 (messages per second per device) (got "abc")'],
    [['--rate', '-1'], '--rate must be a number above 0 and at most 1000 (messages per second per device) (got "-1")'],
    [['--rate', '1e3'], '--rate must be a number above 0 and at most 1000 (messages per second per device) (got "1e3")'],
    [['--seed', '-3'], '--seed must be a whole number from 0 to 4294967295 (got "-3")'],
    [['--duration', '0'], '--duration must be a number of seconds above 0 (got "0")'],
    [['--time-scale', 'fast'], '--time-scale must be a number above 0 and at most 10000 (got "fast")'],
    [['--url', 'http://x'], '--url must be a broker URL like mqtt://host:1883 (got "http://x")'],
    [['--url', 'nonsense'], '--url must be a broker URL like mqtt://host:1883 (got "nonsense")'],
    [['--group', 'a/b'], '--group must not contain / + or # (got "a/b")'],
    [['--devices'], '--devices needs a value'],
    [['--devices', '--rate', '1'], '--devices needs a value'],
    [['--devices', '3', '--devices', '4'], '--devices given twice'],
    [['--verbose'], 'unknown option --verbose'],
    [['now'], 'unexpected argument "now"'],
  ])('rejects %j', (argv, message) => {
    expect(reason(argv)).toBe(message);
  });

  it('names MQTT_URL when the bad broker URL came from the environment', () => {
    expect(reason([], { MQTT_URL: 'localhost:1883' })).toBe('MQTT_URL must be a broker URL like mqtt://host:1883 (got "localhost:1883")');
  });
});
