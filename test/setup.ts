// Ink changes how it renders under CI (is-in-ci is read when ink loads), and chalk picks its
// colour level at import: pin both so local runs and CI runs see the same frames.
import process from 'node:process';

delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
delete process.env.NO_COLOR;
process.env.FORCE_COLOR = '0';
(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = false;
