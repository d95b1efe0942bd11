// oidc-provider ships no type declarations; the tests use it through a narrow surface.
declare module 'oidc-provider';
