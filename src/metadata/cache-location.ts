/** The cache file's name when `CacheLocation` is a folder (the default location is resolved in src/config). */
export const CACHE_FILE_NAME = 'metadata.sqlite';
