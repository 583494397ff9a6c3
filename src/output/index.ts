/** Output folders: safe default names, checks before work, and writes that touch only pelsim's own files. */
export { folderSlug } from './slug.js';
export { checkOutFolder } from './check-out.js';
export { OutputFolder, writeGroup, type OutLabel } from './folder.js';
export { MANIFEST_FILE, readManifest, type OutputGroup } from './manifest.js';
export { outError } from './errors.js';
