import pkg from '../../package.json' with { type: 'json' };

/** The package version (inlined by the Electron bundle, read by Node elsewhere). */
export const APP_VERSION: string = pkg.version;
