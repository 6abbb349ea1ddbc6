import type { RequestPrimitive, ResponsePrimitive } from '@onem2m-ws/protocol';
import { normalizeOriginator } from '../originator-stem.js';
import { resolveTarget } from './addressing.js';
import { RESOURCE_NAME } from './attributes.js';
import type { Engine, EngineOptions, RequestContext } from './contract.js';
import type { EngineCore } from './core.js';
import { ExpiryQueue } from './expiry.js';
import type { ResourceKind } from './kind.js';
import { Notifier } from './notifier.js';
import { create } from './operations/create.js';
import { remove } from './operations/delete.js';
import { fanOut } from './operations/fan-out.js';
import { acceptNonBlocking } from './operations/non-blocking.js';
import { notify } from './operations/notify.js';
import type { OperationInput, Outcome } from './operations/outcome.js';
import { retrieve } from './operations/retrieve.js';
import { update } from './operations/update.js';
import { PollingChannels } from './polling.js';
import { type Resource, representation } from './resource.js';
import { resourceKinds } from './resources/index.js';
import { fail, RequestError, Rsc, show } from './status.js';
import { formatTimestamp, parseAbsRel } from './time.js';
import { ResourceTree } from './tree.js';

/** Release versions the engine accepts in `rvi` and lists in the CSEBase `srv`. */
export const SUPPORTED_RELEASES = ['2', '2a', '3', '4', '5'] as const;

/** Thrown by {@link CseEngine}'s constructor for unusable {@link EngineOptions}. */
export class InvalidEngineOptionsError extends Error {
  override readonly name = 'InvalidEngineOptionsError';
  /** The offending option. */
  readonly option: keyof EngineOptions;

  constructor(option: keyof EngineOptions, message: string) {
    super(`${option}: ${message}`);
    this.option = option;
  }
}

function validateOptions(options: EngineOptions): void {
  if (typeof options.cseId !== 'string' || !/^\/[A-Za-z0-9._-]+$/.test(options.cseId)) {
    throw new InvalidEngineOptionsError('cseId', `must look like '/id-in', got '${show(options.cseId)}'`);
  }
  if (
    typeof options.cseName !== 'string' ||
    !RESOURCE_NAME.test(options.cseName) ||
    options.cseName === '-'
  ) {
    throw new InvalidEngineOptionsError(
      'cseName',
      `must be a resource name like 'cse-in', got '${show(options.cseName)}'`,
    );
  }
  if (!Array.isArray(options.poa) || !options.poa.every((p) => typeof p === 'string')) {
    throw new InvalidEngineOptionsError('poa', 'must be a list of URLs');
  }
  if (typeof options.releaseVersion !== 'string')
    throw new InvalidEngineOptionsError('releaseVersion', "must be a string such as '3'");
  if (typeof options.sink?.deliver !== 'function')
    throw new InvalidEngineOptionsError('sink', 'must have a deliver() method');
}

/** The resource engine: TS-0004 request processing over an in-memory tree. */
export class CseEngine implements Engine, EngineCore {
  readonly options: EngineOptions;
  readonly cseId: string;
  readonly tree: ResourceTree;
  readonly notifier: Notifier;
  readonly expiry: ExpiryQueue;
  readonly polling: PollingChannels;
  readonly now: () => number;
  private requestCounter = 0;
  /** Set by close(); a later request resumes the timers (the engine may outlive one server). */
  private closed = false;

  constructor(options: EngineOptions) {
    validateOptions(options);
    this.options = options;
    this.cseId = options.cseId;
    this.now = options.now ?? Date.now;
    const now = this.now();
    const ri = options.cseId.slice(1);
    this.tree = new ResourceTree({
      ty: 5,
      ri,
      rn: options.cseName,
      qn: 'm2m:cb',
      creator: options.cseId,
      createdAt: now,
      attrs: {
        ty: 5,
        ri,
        rn: options.cseName,
        pi: '',
        ct: formatTimestamp(now),
        lt: formatTimestamp(now),
        cst: 1,
        csi: options.cseId,
        srt: [...resourceKinds.keys()].sort((a, b) => a - b),
        poa: [...options.poa],
        csz: ['json', 'xml', 'cbor'],
        srv: [...SUPPORTED_RELEASES],
      },
    });
    this.notifier = new Notifier(this);
    this.polling = new PollingChannels(this.now);
    this.expiry = new ExpiryQueue(this.now, (key) => {
      const resource = this.tree.byRi.get(key);
      if (resource) this.removeResource(resource);
    });
  }

  kindOf(ty: number): ResourceKind | undefined {
    return resourceKinds.get(ty);
  }

  nextRequestId(): string {
    this.requestCounter += 1;
    return `${this.tree.base.ri}-${this.requestCounter}`;
  }

  isRegistered(originator: string): boolean {
    return typeof originator === 'string' && this.tree.aes.has(normalizeOriginator(originator, this.cseId));
  }

  close(): void {
    this.closed = true;
    this.expiry.close();
    this.notifier.close();
    this.polling.close();
  }

  handle(request: RequestPrimitive, context: RequestContext): Promise<ResponsePrimitive> {
    return this.run(request, context, true);
  }

  process(
    request: RequestPrimitive,
    context: RequestContext,
    memberPolicies?: readonly string[],
  ): Promise<ResponsePrimitive> {
    return this.run(request, context, false, memberPolicies);
  }

  removeResource(resource: Resource): void {
    if (!resource.alive || resource === this.tree.base) return;
    const parent = resource.parent!;
    // Snapshot only when someone listens for net 4: cascades over big containers stay cheap.
    const snapshot = parent.subscriptions.size > 0 ? representation(resource) : undefined;
    this.notifier.deleted(resource);
    this.removeSubtree(resource, true);
    if (parent.alive && snapshot) this.notifier.childDeleted(parent, resource, snapshot);
  }

  private removeSubtree(resource: Resource, top: boolean): void {
    // Children fire their own net 2; instance bookkeeping skips parents already going away.
    if (!top) this.notifier.deleted(resource);
    resource.alive = false;
    for (const child of [...resource.children.values()]) this.removeSubtree(child, false);
    this.tree.unlink(resource);
    this.expiry.cancel(resource.ri);
    this.kindOf(resource.ty)?.removed?.(this, resource);
  }

  private async run(
    request: RequestPrimitive,
    context: RequestContext,
    allowNonBlocking: boolean,
    memberPolicies?: readonly string[],
  ): Promise<ResponsePrimitive> {
    if (this.closed) {
      this.closed = false;
      this.expiry.resume();
    }
    this.expiry.expireDue();
    try {
      this.checkPrimitive(request);
      const originator = this.originatorOf(request, context);
      const target = resolveTarget(request.to, this.tree, this.options);
      const rtv = request.rt?.rtv;
      if (allowNonBlocking && (rtv === 1 || rtv === 2))
        return this.respond(request, acceptNonBlocking(this, request, context, originator));
      const input: OperationInput = memberPolicies
        ? { request, context, originator, target, memberPolicies }
        : { request, context, originator, target };
      const outcome = await this.dispatch(input);
      if (outcome.rsc < 4000 && !target.virtual && target.resource.alive) {
        this.notifier.operation(target.resource, request.op, originator);
      }
      return this.respond(request, outcome);
    } catch (error) {
      return this.errorResponse(request, error);
    }
  }

  private dispatch(input: OperationInput): Promise<Outcome> {
    if (input.target.virtual === 'fopt') return fanOut(this, input);
    switch (input.request.op) {
      case 1:
        return create(this, input);
      case 2:
        return retrieve(this, input);
      case 3:
        return update(this, input);
      case 4:
        return remove(this, input);
      default:
        return notify(this, input);
    }
  }

  /** Request-primitive checks of TS-0004 §7.3.2.1 that do not depend on the target. */
  private checkPrimitive(request: RequestPrimitive): void {
    if (typeof request !== 'object' || request === null)
      fail(Rsc.BAD_REQUEST, 'the request is not an object');
    const { op } = request;
    if (!Number.isInteger(op) || op < 1 || op > 5)
      fail(Rsc.BAD_REQUEST, `'op' ${show(op)} is not an operation (1..5)`);
    if (typeof request.to !== 'string' || request.to === '') fail(Rsc.BAD_REQUEST, "'to' is missing");
    if (typeof request.rqi !== 'string' || request.rqi === '')
      fail(Rsc.BAD_REQUEST, "'rqi' is missing or not a string");
    if (request.rvi !== undefined && !(SUPPORTED_RELEASES as readonly unknown[]).includes(request.rvi)) {
      fail(
        Rsc.RELEASE_VERSION_NOT_SUPPORTED,
        `release version '${show(request.rvi)}' is not supported (${SUPPORTED_RELEASES.join(', ')})`,
      );
    }
    if (request.fr !== undefined && typeof request.fr !== 'string')
      fail(Rsc.BAD_REQUEST, "'fr' must be a string");
    if (op !== 1 && request.ty !== undefined)
      fail(Rsc.BAD_REQUEST, "'ty' is only allowed in a CREATE request");
    if ((op === 1 || op === 5) && request.fc !== undefined)
      fail(Rsc.BAD_REQUEST, `'fc' is not allowed in a ${op === 1 ? 'CREATE' : 'NOTIFY'} request`);
    for (const key of ['pc', 'rt', 'fc'] as const) {
      const value = request[key];
      if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
        fail(Rsc.BAD_REQUEST, `'${key}' must be an object`);
      }
    }
    for (const key of ['rcn', 'drt', 'ty'] as const) {
      if (request[key] !== undefined && !Number.isInteger(request[key]))
        fail(Rsc.BAD_REQUEST, `'${key}' must be an integer`);
    }
    if (request.rt !== undefined) {
      const { rtv, nu } = request.rt as { rtv?: unknown; nu?: unknown };
      if (!Number.isInteger(rtv) || (rtv as number) < 1 || (rtv as number) > 5)
        fail(Rsc.BAD_REQUEST, "'rt.rtv' must be 1..5");
      if (nu !== undefined) {
        if (rtv !== 2) fail(Rsc.BAD_REQUEST, "'rt.nu' is only allowed with rtv 2 (nonBlockingRequestAsynch)");
        if (!Array.isArray(nu) || !nu.every((n) => typeof n === 'string'))
          fail(Rsc.BAD_REQUEST, "'rt.nu' must be a list of URIs");
      }
    }
    if (request.rqet !== undefined) {
      const deadline = parseAbsRel(request.rqet, this.now());
      if (deadline === undefined) fail(Rsc.BAD_REQUEST, "'rqet' is not a timestamp or a number of ms");
      if (deadline <= this.now()) fail(Rsc.REQUEST_TIMEOUT, `the request expired at '${show(request.rqet)}'`);
    }
  }

  /**
   * The normalized originator. AE registration assigns it later; every other request needs a
   * registered AE-ID (4106 ORIGINATOR_NOT_AUTHENTICATED otherwise, TS-0004 §7.3.2.1). The CSE's
   * own ID is refused too: no request may act with the CSE's privileges.
   */
  private originatorOf(request: RequestPrimitive, context: RequestContext): string {
    const fr = request.fr ?? context.boundOriginator;
    if (request.op === 1 && request.ty === 2)
      return fr === undefined ? '' : normalizeOriginator(fr, this.cseId);
    if (fr === undefined || fr === '') fail(Rsc.BAD_REQUEST, "'fr' is missing");
    const originator = normalizeOriginator(fr, this.cseId);
    if (!this.tree.aes.has(originator)) {
      fail(Rsc.ORIGINATOR_NOT_AUTHENTICATED, `originator '${fr}' is not registered`);
    }
    return originator;
  }

  private respond(request: RequestPrimitive, outcome: Outcome): ResponsePrimitive {
    const response: ResponsePrimitive = {
      rsc: outcome.rsc,
      rqi: request.rqi,
      rvi: request.rvi ?? this.options.releaseVersion,
    };
    response.ot = formatTimestamp(this.now());
    response.fr = this.cseId;
    const registered =
      request.op === 1 && request.ty === 2
        ? (outcome.pc?.['m2m:ae'] as { aei?: string } | undefined)?.aei
        : undefined;
    const to = registered ?? request.fr;
    if (to) response.to = to;
    if (outcome.pc !== undefined) response.pc = outcome.pc;
    if (outcome.cnst !== undefined) response.cnst = outcome.cnst;
    if (outcome.cnot !== undefined) response.cnot = outcome.cnot;
    if (request.rset !== undefined) response.rset = request.rset;
    return response;
  }

  private errorResponse(request: RequestPrimitive, error: unknown): ResponsePrimitive {
    const e =
      error instanceof RequestError
        ? error
        : new RequestError(Rsc.INTERNAL_SERVER_ERROR, error instanceof Error ? error.message : show(error));
    const isObject = typeof request === 'object' && request !== null;
    const rvi =
      isObject &&
      typeof request.rvi === 'string' &&
      (SUPPORTED_RELEASES as readonly string[]).includes(request.rvi)
        ? request.rvi
        : this.options.releaseVersion;
    const response: ResponsePrimitive = {
      rsc: e.rsc,
      rvi,
      ot: formatTimestamp(this.now()),
      fr: this.cseId,
      pc: { 'm2m:dbg': e.debugText },
    };
    if (isObject && typeof request.rqi === 'string') response.rqi = request.rqi;
    if (isObject && typeof request.fr === 'string' && request.fr) response.to = request.fr;
    return response;
  }
}
