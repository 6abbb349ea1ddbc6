import type { Codec } from '../codec.js';
import { ProtocolError } from '../errors.js';
import type { DecodedPrimitive, Primitive } from '../primitive.js';
import { classifyPrimitive } from './classify.js';
import { readXml } from './xml-reader.js';
import { writeXml } from './xml-writer.js';

/**
 * The XML serialization (TS-0004 §8.3, TS-0020 `oneM2M.xml`), carried in text frames.
 *
 * Written by our own small writer (`xml-writer.ts`), read by our own strict parser and reader
 * (`xml-parser.ts`, `xml-reader.ts`):
 * - `<m2m:rqp>` / `<m2m:rsp>` root with `xmlns:m2m="http://www.onem2m.org/xml/protocols"`, short
 *   names, member order kept (no XSD reordering: the order is the primitive's own);
 * - `rn` as an XML attribute of resource elements; `ch` / `rrf` items as
 *   `<ch nm=".." typ="3" spty="..">value</ch>`;
 * - `xs:list` values as one whitespace-separated element, maxOccurs > 1 elements repeated;
 * - values typed back to numbers, booleans and lists with the table of `xml-value-kinds.ts`;
 * - NULL as an empty element; where an empty element already means `""`, `[]` or `{}` (strings,
 *   lists, complex elements), NULL carries `xsi:nil="true"` as well;
 * - **`con` and every value whose type the table does not expect** (a `con` object or number,
 *   flexContainer custom attributes, server-specific members, strings with characters XML cannot
 *   carry) are written as JSON text in an element marked `type="json"`. This is an SDK convention:
 *   it round-trips every value exactly; a string `con` stays plain text, as other servers expect.
 * - DOCTYPE and entity declarations are refused (`FORBIDDEN_CONSTRUCT`) before parsing.
 */
export const xmlCodec: Codec = {
  serialization: 'xml',
  frameType: 'text',
  encode: encodeXml,
  decode: decodeXml,
};

/**
 * Serialize a primitive as an XML document.
 * @throws {ProtocolError} `UNENCODABLE` for values XML cannot carry (cycles, non-finite numbers...).
 */
export function encodeXml(primitive: Primitive): string {
  return writeXml(primitive);
}

/**
 * Parse one text frame holding an XML primitive.
 * @throws {ProtocolError} `WRONG_FRAME_TYPE` for a binary frame, `FORBIDDEN_CONSTRUCT` for DOCTYPE or
 * entity declarations, `MALFORMED`, `NOT_A_PRIMITIVE` or `INVALID_PRIMITIVE`.
 */
export function decodeXml(frame: string | Uint8Array): DecodedPrimitive {
  if (typeof frame !== 'string') {
    throw new ProtocolError(
      'WRONG_FRAME_TYPE',
      'an XML primitive travels in a text frame, got a binary frame',
      {
        codec: 'xml',
        frame: frame instanceof Uint8Array ? frame : undefined,
      },
    );
  }
  const { kind, value } = readXml(frame);
  return classifyPrimitive(value, 'xml', frame, kind);
}
