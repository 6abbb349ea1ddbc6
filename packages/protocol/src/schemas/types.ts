import type {
  AggregatedNotification,
  AggregatedResponse,
  Notification,
  ResourceRefList,
  ResourceWrapper,
  TimeSeriesNotification,
} from './content.js';
import type { RequestPrimitiveValue, ResponsePrimitiveValue } from './primitives.js';
import type {
  AccessControlPolicy,
  AE,
  Container,
  ContentInstance,
  CrossResourceSubscription,
  CSEBase,
  FlexContainer,
  Group,
  NodeResource,
  PollingChannel,
  RemoteCSE,
  RequestResource,
  Subscription,
  TimeSeries,
  TimeSeriesInstance,
} from './resources.js';

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
