/**
 * TypeScript types of primitives, resources and `pc` members, inferred from the specs. They
 * carry no runtime code, so they are exported from the package root while the zod schemas live
 * in `@onem2m-ws/protocol/schemas`.
 */
import type { Infer } from './spec.js';
import type {
  ACCESS_CONTROL_POLICY_SPEC,
  ACCESS_CONTROL_RULE_SPEC,
  AE_SPEC,
  AGGREGATED_NOTIFICATION_SPEC,
  AGGREGATED_RESPONSE_SPEC,
  BATCH_NOTIFY_SPEC,
  CHILD_RESOURCE_REF_SPEC,
  CONTAINER_SPEC,
  CONTENT_INSTANCE_SPEC,
  CROSS_RESOURCE_SUBSCRIPTION_SPEC,
  CSE_BASE_SPEC,
  EVENT_NOTIFICATION_CRITERIA_SPEC,
  FILTER_CRITERIA_SPEC,
  FLEX_CONTAINER_SPEC,
  GROUP_SPEC,
  NODE_SPEC,
  NOTIFICATION_EVENT_SPEC,
  NOTIFICATION_SPEC,
  POLLING_CHANNEL_SPEC,
  RATE_LIMIT_SPEC,
  REMOTE_CSE_SPEC,
  REQUEST_PRIMITIVE_SPEC,
  REQUEST_RESOURCE_SPEC,
  RESOURCE_REF_LIST_SPEC,
  RESOURCE_WRAPPER_SPEC,
  RESPONSE_PRIMITIVE_SPEC,
  RESPONSE_TYPE_INFO_SPEC,
  SUBSCRIPTION_SPEC,
  TIME_SERIES_INSTANCE_SPEC,
  TIME_SERIES_NOTIFICATION_SPEC,
  TIME_SERIES_SPEC,
} from './specs.js';

/** `<AE>` representation. */
export type AE = Infer<typeof AE_SPEC>;
/** `<container>` representation. */
export type Container = Infer<typeof CONTAINER_SPEC>;
/** `<contentInstance>` representation. */
export type ContentInstance = Infer<typeof CONTENT_INSTANCE_SPEC>;
/** `<CSEBase>` representation. */
export type CSEBase = Infer<typeof CSE_BASE_SPEC>;
/** `<group>` representation. */
export type Group = Infer<typeof GROUP_SPEC>;
/** `<pollingChannel>` representation. */
export type PollingChannel = Infer<typeof POLLING_CHANNEL_SPEC>;
/** `<remoteCSE>` representation. */
export type RemoteCSE = Infer<typeof REMOTE_CSE_SPEC>;
/** `<request>` representation. */
export type RequestResource = Infer<typeof REQUEST_RESOURCE_SPEC>;
/** `<subscription>` representation. */
export type Subscription = Infer<typeof SUBSCRIPTION_SPEC>;
/** `<accessControlPolicy>` representation. */
export type AccessControlPolicy = Infer<typeof ACCESS_CONTROL_POLICY_SPEC>;
/** `<flexContainer>` representation (custom attributes as extra members). */
export type FlexContainer = Infer<typeof FLEX_CONTAINER_SPEC>;
/** `<timeSeries>` representation. */
export type TimeSeries = Infer<typeof TIME_SERIES_SPEC>;
/** `<timeSeriesInstance>` representation. */
export type TimeSeriesInstance = Infer<typeof TIME_SERIES_INSTANCE_SPEC>;
/** `<crossResourceSubscription>` representation. */
export type CrossResourceSubscription = Infer<typeof CROSS_RESOURCE_SUBSCRIPTION_SPEC>;
/** `<node>` representation. */
export type NodeResource = Infer<typeof NODE_SPEC>;
/** m2m:eventNotificationCriteria. */
export type EventNotificationCriteria = Infer<typeof EVENT_NOTIFICATION_CRITERIA_SPEC>;
/** m2m:accessControlRule. */
export type AccessControlRule = Infer<typeof ACCESS_CONTROL_RULE_SPEC>;
/** m2m:batchNotify. */
export type BatchNotify = Infer<typeof BATCH_NOTIFY_SPEC>;
/** m2m:rateLimit. */
export type RateLimit = Infer<typeof RATE_LIMIT_SPEC>;
/** m2m:childResourceRef item. */
export type ChildResourceRef = Infer<typeof CHILD_RESOURCE_REF_SPEC>;
/** m2m:sgn as validated. */
export type Notification = Infer<typeof NOTIFICATION_SPEC>;
/** `nev` of a notification. */
export type NotificationEvent = Infer<typeof NOTIFICATION_EVENT_SPEC>;
/** m2m:agn as validated. */
export type AggregatedNotification = Infer<typeof AGGREGATED_NOTIFICATION_SPEC>;
/** m2m:rrl as validated. */
export type ResourceRefList = Infer<typeof RESOURCE_REF_LIST_SPEC>;
/** m2m:agr as validated. */
export type AggregatedResponse = Infer<typeof AGGREGATED_RESPONSE_SPEC>;
/** m2m:rce as validated. */
export type ResourceWrapper = Infer<typeof RESOURCE_WRAPPER_SPEC>;
/** m2m:tsn as validated. */
export type TimeSeriesNotification = Infer<typeof TIME_SERIES_NOTIFICATION_SPEC>;
/** A request primitive as the schema checks it. */
export type RequestPrimitiveValue = Infer<typeof REQUEST_PRIMITIVE_SPEC>;
/** A response primitive as the schema checks it. */
export type ResponsePrimitiveValue = Infer<typeof RESPONSE_PRIMITIVE_SPEC>;
/** m2m:responseTypeInfo. */
export type ResponseTypeInfoValue = Infer<typeof RESPONSE_TYPE_INFO_SPEC>;
/** Filter criteria as validated: spec members typed, flat attribute keys allowed. */
export type FilterCriteriaValue = Infer<typeof FILTER_CRITERIA_SPEC>;

/** The validated type of each known `pc` member, by qualified short name. */
export interface ContentTypes {
  'm2m:acp': AccessControlPolicy;
  'm2m:ae': AE;
  'm2m:cnt': Container;
  'm2m:cin': ContentInstance;
  'm2m:cb': CSEBase;
  'm2m:grp': Group;
  'm2m:nod': NodeResource;
  'm2m:pch': PollingChannel;
  'm2m:csr': RemoteCSE;
  'm2m:req': RequestResource;
  'm2m:sub': Subscription;
  'm2m:fcnt': FlexContainer;
  'm2m:ts': TimeSeries;
  'm2m:tsi': TimeSeriesInstance;
  'm2m:crs': CrossResourceSubscription;
  'm2m:sgn': Notification;
  'm2m:agn': AggregatedNotification;
  'm2m:rrl': ResourceRefList;
  'm2m:agr': AggregatedResponse;
  'm2m:rce': ResourceWrapper;
  'm2m:tsn': TimeSeriesNotification;
  'm2m:uri': string;
  'm2m:uril': string[];
  'm2m:dbg': string;
  'm2m:atrl': string[];
  'm2m:qres': string;
  'm2m:rqp': RequestPrimitiveValue;
  'm2m:rsp': ResponsePrimitiveValue;
}
