/**
 * Entry of the script-tag bundle `onem2m-ws.min.js`: an IIFE that defines the global `OneM2M`
 * with the whole `onem2m-ws` API (all three serializations).
 *
 * @example
 * ```html
 * <script src="onem2m-ws.min.js"></script>
 * <script>
 *   const client = OneM2M.createClient({ url: 'ws://127.0.0.1:8180' });
 * </script>
 * ```
 * @packageDocumentation
 */
export * from '../index.js';
