import { describe, expect, it } from 'vitest';
import {
  AccessControlOperation,
  acopAllows,
  acopForOperation,
  acopFrom,
  acopNames,
  isAnnouncedType,
  isResultContentAllowed,
  Operation,
  ResourceType,
  ResultContent,
} from '../src/constants.js';

describe('enumerations', () => {
  it('numbers operations 1..5 with no operation 6', () => {
    expect(Object.values(Operation)).toEqual([1, 2, 3, 4, 5]);
  });

  it('numbers resource types per TS-0004 Table 6.3.4.2.1-1', () => {
    expect(ResourceType.AccessControlPolicy).toBe(1);
    expect(ResourceType.Container).toBe(3);
    expect(ResourceType.Subscription).toBe(23);
    expect(ResourceType.FlexContainer).toBe(28);
    expect(ResourceType.TimeSeriesInstance).toBe(30);
    expect(ResourceType.Transaction).toBe(51);
    expect(ResourceType.ContainerAnnc).toBe(10003);
    expect(ResourceType.MultimediaSessionAnnc).toBe(10046);
  });

  it('gives every resource type a distinct number', () => {
    const values = Object.values(ResourceType);
    expect(new Set(values).size).toBe(values.length);
  });

  it('makes every announced type 10000 + its base type', () => {
    const rt = ResourceType as Record<string, number>;
    for (const [name, ty] of Object.entries(rt)) {
      if (!name.endsWith('Annc')) {
        expect(isAnnouncedType(ty)).toBe(false);
        continue;
      }
      expect(isAnnouncedType(ty)).toBe(true);
      expect(rt[name.slice(0, -4)]).toBe(ty - 10000);
    }
  });
});

describe('access control operations', () => {
  it('uses one bit per operation and 63 for all', () => {
    expect(acopFrom('Create', 'Retrieve', 'Update', 'Delete', 'Notify', 'Discovery')).toBe(63);
    expect(AccessControlOperation.All).toBe(63);
    expect(acopFrom()).toBe(0);
    expect(acopFrom('Retrieve', 'Discovery')).toBe(34);
  });

  it('lists the names of a mask and checks permissions', () => {
    expect(acopNames(5)).toEqual(['Create', 'Update']);
    expect(acopNames(63)).toHaveLength(6);
    expect(acopAllows(3, AccessControlOperation.Retrieve)).toBe(true);
    expect(acopAllows(3, AccessControlOperation.Delete)).toBe(false);
    expect(acopAllows(7, acopFrom('Create', 'Update'))).toBe(true);
  });

  it('maps a request to the bit it needs, discovery included', () => {
    expect(acopForOperation(Operation.Create)).toBe(1);
    expect(acopForOperation(Operation.Retrieve)).toBe(2);
    expect(acopForOperation(Operation.Retrieve, 1)).toBe(32);
    expect(acopForOperation(Operation.Retrieve, 2)).toBe(2);
    expect(acopForOperation(Operation.Notify)).toBe(16);
    expect(acopForOperation(9)).toBe(0);
  });
});

describe('result content per operation (digest §3.3)', () => {
  it.each([
    [Operation.Create, ResultContent.HierarchicalAddressAndAttributes, true],
    [Operation.Create, ResultContent.OriginalResource, false],
    [Operation.Retrieve, ResultContent.AttributesAndChildResources, true],
    [Operation.Retrieve, ResultContent.Nothing, false],
    [Operation.Update, ResultContent.ModifiedAttributes, true],
    [Operation.Update, ResultContent.ChildResources, false],
    [Operation.Delete, ResultContent.Nothing, true],
    [Operation.Delete, ResultContent.HierarchicalAddress, false],
    [Operation.Notify, ResultContent.Attributes, false],
  ])('op %i rcn %i → %s', (op, rcn, ok) => {
    expect(isResultContentAllowed(op, rcn)).toBe(ok);
  });

  it('uses the discovery set for RETRIEVE with fu = 1', () => {
    expect(isResultContentAllowed(Operation.Retrieve, 6, 1)).toBe(true);
    expect(isResultContentAllowed(Operation.Retrieve, 11, 1)).toBe(true);
    expect(isResultContentAllowed(Operation.Retrieve, 4, 1)).toBe(false);
    expect(isResultContentAllowed(Operation.Retrieve, 11, 2)).toBe(false);
  });
});
