/**
 * Request and response primitives (digest §1–2) in short-name JSON form as zod/mini schemas.
 * They check every parameter's type and tolerate unknown members (servers add them); the
 * send-side presence rules per operation live in `validate.ts`.
 */
import { REQUEST_PRIMITIVE_SPEC, RESPONSE_PRIMITIVE_SPEC, RESPONSE_TYPE_INFO_SPEC } from './specs.js';
import { toZod } from './to-zod.js';

/** m2m:responseTypeInfo `{rtv, nu?}`. */
export const responseTypeInfoSchema = /* @__PURE__ */ toZod(RESPONSE_TYPE_INFO_SPEC);
/** A request primitive; `rvi` a string; unknown members tolerated. */
export const requestPrimitiveSchema = /* @__PURE__ */ toZod(REQUEST_PRIMITIVE_SPEC);
/** A response primitive; unknown members tolerated (ACME echoes `rcn`, `drt`); `rqi` optional. */
export const responsePrimitiveSchema = /* @__PURE__ */ toZod(RESPONSE_PRIMITIVE_SPEC);
