// Svelte 5 compiles TypeScript natively; no preprocessors needed.
export default {};
