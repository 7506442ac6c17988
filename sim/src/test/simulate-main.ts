// `gearbridge simulate` as its own process, for the test that sends it a real SIGINT.
import { runSimulateCommand } from '../cli';

process.exitCode = await runSimulateCommand(process.argv.slice(2), process.env, { statusIntervalS: 1 });
