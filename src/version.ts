declare const __CLOUDTOP_VERSION__: string | undefined;

/** Injected by the build (scripts/build.mjs) and by vitest.config.ts. */
export const VERSION: string = typeof __CLOUDTOP_VERSION__ === 'string' ? __CLOUDTOP_VERSION__ : '0.0.0-dev';
export const USER_AGENT = `cloudtop/${VERSION}`;
