// Worker bootstrap for a checkout: worker threads have no TypeScript loader, so this plain-JS file
// loads worker.ts through tsx and hands its default export to piscina. A build (dist/) uses
// worker.js directly and never loads this file.
import { tsImport } from 'tsx/esm/api';

const mod = await tsImport('./worker.ts', import.meta.url);
export default typeof mod.default === 'function' ? mod.default : mod.default.default;
