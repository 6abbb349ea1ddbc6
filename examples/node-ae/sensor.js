/**
 * A simulated temperature sensor next to a heater: the temperature drifts towards 26 °C while the
 * heater is on and back towards 19 °C while it is off, with a little measurement noise.
 * Nothing oneM2M here: the AE in index.js publishes what this produces.
 */
export class SimulatedSensor {
  /** @param {{ start?: number }} [options] */
  constructor(options = {}) {
    /** Current temperature in °C. */
    this.temperature = options.start ?? 21;
    /** Whether the heater is on; commands from the dashboard switch it. */
    this.heaterOn = false;
  }

  /** Advances the simulation by one step and returns a reading rounded to 0.01 °C. */
  read() {
    const target = this.heaterOn ? 26 : 19;
    this.temperature += (target - this.temperature) * 0.08 + (Math.random() - 0.5) * 0.3;
    return Math.round(this.temperature * 100) / 100;
  }
}
