/** BENCH_SOURCE=1 only: tsx for TypeScript plus the workspace-name resolve hook. */
import { register } from 'node:module';
import 'tsx';

register('./source-hooks.mjs', import.meta.url);
