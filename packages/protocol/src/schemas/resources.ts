/**
 * zod/mini schemas of the resources an AE works with (digest §5.2–5.3), short names, built from
 * the specs in `specs.ts`. Every schema is loose: attributes of later releases and custom
 * flexContainer attributes pass through while the known attributes are type-checked.
 * Create/update presence rules live in `resource-rules.ts`.
 */

import {
  ACCESS_CONTROL_POLICY_SPEC,
  ACCESS_CONTROL_RULE_SPEC,
  AE_SPEC,
  BATCH_NOTIFY_SPEC,
  CHILD_RESOURCE_REF_SPEC,
  CONTAINER_SPEC,
  CONTENT_INSTANCE_SPEC,
  CROSS_RESOURCE_SUBSCRIPTION_SPEC,
  CSE_BASE_SPEC,
  EVENT_NOTIFICATION_CRITERIA_SPEC,
  FLEX_CONTAINER_SPEC,
  GENERIC_RESOURCE_SPEC,
  GROUP_SPEC,
  NODE_SPEC,
  POLLING_CHANNEL_SPEC,
  RATE_LIMIT_SPEC,
  REMOTE_CSE_SPEC,
  REQUEST_RESOURCE_SPEC,
  SET_OF_ACRS_SPEC,
  SUBSCRIPTION_SPEC,
  TIME_SERIES_INSTANCE_SPEC,
  TIME_SERIES_SPEC,
} from './specs.js';
import { toZod } from './to-zod.js';

/** m2m:childResourceRef / m2m:resourceRef item `{nm, typ, val, spty?}`. */
export const childResourceRefSchema = /* @__PURE__ */ toZod(CHILD_RESOURCE_REF_SPEC);
/** m2m:batchNotify `{num?, dur?}`. */
export const batchNotifySchema = /* @__PURE__ */ toZod(BATCH_NOTIFY_SPEC);
/** m2m:rateLimit `{mnn?, tww?}`. */
export const rateLimitSchema = /* @__PURE__ */ toZod(RATE_LIMIT_SPEC);
/** m2m:eventNotificationCriteria (`enc`). */
export const eventNotificationCriteriaSchema = /* @__PURE__ */ toZod(EVENT_NOTIFICATION_CRITERIA_SPEC);
/** m2m:accessControlRule. */
export const accessControlRuleSchema = /* @__PURE__ */ toZod(ACCESS_CONTROL_RULE_SPEC);
/** m2m:setOfAcrs `{acr}`. */
export const setOfAcrsSchema = /* @__PURE__ */ toZod(SET_OF_ACRS_SPEC);
/** `<AE>` (`m2m:ae`, ty 2). */
export const aeSchema = /* @__PURE__ */ toZod(AE_SPEC);
/** `<container>` (`m2m:cnt`, ty 3). */
export const containerSchema = /* @__PURE__ */ toZod(CONTAINER_SPEC);
/** `<contentInstance>` (`m2m:cin`, ty 4); `con` may be any value. */
export const contentInstanceSchema = /* @__PURE__ */ toZod(CONTENT_INSTANCE_SPEC);
/** `<CSEBase>` (`m2m:cb`, ty 5). */
export const cseBaseSchema = /* @__PURE__ */ toZod(CSE_BASE_SPEC);
/** `<group>` (`m2m:grp`, ty 9). */
export const groupSchema = /* @__PURE__ */ toZod(GROUP_SPEC);
/** `<pollingChannel>` (`m2m:pch`, ty 15). */
export const pollingChannelSchema = /* @__PURE__ */ toZod(POLLING_CHANNEL_SPEC);
/** `<remoteCSE>` (`m2m:csr`, ty 16). */
export const remoteCSESchema = /* @__PURE__ */ toZod(REMOTE_CSE_SPEC);
/** `<request>` (`m2m:req`, ty 17), read-only. */
export const requestResourceSchema = /* @__PURE__ */ toZod(REQUEST_RESOURCE_SPEC);
/** `<subscription>` (`m2m:sub`, ty 23). */
export const subscriptionSchema = /* @__PURE__ */ toZod(SUBSCRIPTION_SPEC);
/** `<accessControlPolicy>` (`m2m:acp`, ty 1). */
export const accessControlPolicySchema = /* @__PURE__ */ toZod(ACCESS_CONTROL_POLICY_SPEC);
/** `<flexContainer>` (`m2m:fcnt` or a specialization such as `cod:tempe`, ty 28). */
export const flexContainerSchema = /* @__PURE__ */ toZod(FLEX_CONTAINER_SPEC);
/** `<timeSeries>` (`m2m:ts`, ty 29). */
export const timeSeriesSchema = /* @__PURE__ */ toZod(TIME_SERIES_SPEC);
/** `<timeSeriesInstance>` (`m2m:tsi`, ty 30). */
export const timeSeriesInstanceSchema = /* @__PURE__ */ toZod(TIME_SERIES_INSTANCE_SPEC);
/** `<crossResourceSubscription>` (`m2m:crs`, ty 48). */
export const crossResourceSubscriptionSchema = /* @__PURE__ */ toZod(CROSS_RESOURCE_SUBSCRIPTION_SPEC);
/** `<node>` (`m2m:nod`, ty 14). */
export const nodeSchema = /* @__PURE__ */ toZod(NODE_SPEC);
/** Any other resource: only the universal and common attributes are checked. */
export const genericResourceSchema = /* @__PURE__ */ toZod(GENERIC_RESOURCE_SPEC);
