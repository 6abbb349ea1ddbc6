import { ProtocolError } from '../errors.js';

/** An element of a parsed XML document. */
export interface XmlElement {
  tagName: string;
  /** Attribute values, entity references decoded (a null-prototype object). */
  attributes: Record<string, string>;
  /** Child elements and text (entity references decoded; CDATA sections as they are). */
  children: XmlNode[];
  /** True for an empty-element tag (`<cr/>`). */
  selfClosed?: boolean;
}

/** A node of a parsed XML document: an element or a piece of text. */
export type XmlNode = XmlElement | string;

const WHITESPACE = /[ \t\r\n]/;
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));|&/g;
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * A small, strict XML 1.0 parser for oneM2M primitives: elements, attributes, text, the five
 * predefined entities and character references, CDATA sections; comments and processing
 * instructions (the XML declaration) are skipped. It refuses what is not well-formed — an end tag
 * that does not match its start tag, an element left open, an undefined entity or bare `&`, a
 * repeated attribute — instead of guessing. It builds the tree without recursion, so no nesting
 * depth can overflow the stack (the reader bounds the depth it accepts). Document type and entity
 * declarations are refused by the reader before parsing.
 *
 * @returns the top-level nodes, in order.
 * @throws {ProtocolError} `MALFORMED`.
 */
export function parseXml(text: string): XmlNode[] {
  const fail = (reason: string): never => {
    throw new ProtocolError('MALFORMED', `invalid XML: ${reason}`, { codec: 'xml', frame: text });
  };
  const decode = (raw: string): string =>
    raw.includes('&')
      ? raw.replace(ENTITY, (_, name?: string, dec?: string, hex?: string) => {
          if (name) return PREDEFINED[name]!;
          const code = dec ? Number(dec) : hex ? Number.parseInt(hex, 16) : -1;
          if (
            (code < 0x20 && code !== 9 && code !== 10 && code !== 13) ||
            code > 0x10ffff ||
            (code >= 0xd800 && code < 0xe000)
          ) {
            return fail('undefined entity or bare "&"');
          }
          return String.fromCodePoint(code);
        })
      : raw;
  const skip = (end: string, from: number, what: string): number => {
    const at = text.indexOf(end, from);
    return at === -1 ? fail(`unterminated ${what}`) : at + end.length;
  };

  const top: XmlNode[] = [];
  const open: XmlElement[] = [];
  let children = top;
  let at = 0;
  while (at < text.length) {
    const lt = text.indexOf('<', at);
    if (lt !== at) {
      const end = lt === -1 ? text.length : lt;
      children.push(decode(text.slice(at, end)));
      at = end;
    } else if (text.startsWith('</', at)) {
      const gt = skip('>', at, 'end tag') - 1;
      const element = open.pop();
      if (element?.tagName !== text.slice(at + 2, gt).trimEnd()) fail('start and end tags do not match');
      children = open.length === 0 ? top : open[open.length - 1]!.children;
      at = gt + 1;
    } else if (text.startsWith('<!--', at)) at = skip('-->', at + 4, 'comment');
    else if (text.startsWith('<![CDATA[', at)) {
      const end = skip(']]>', at + 9, 'CDATA section');
      children.push(text.slice(at + 9, end - 3));
      at = end;
    } else if (text.startsWith('<?', at)) at = skip('?>', at + 2, 'processing instruction');
    else {
      // A start tag: name, then attributes up to `>` or `/>`.
      let i = at + 1;
      while (i < text.length && !WHITESPACE.test(text[i]!) && text[i] !== '>' && text[i] !== '/') i++;
      const element: XmlElement = {
        tagName: text.slice(at + 1, i),
        attributes: Object.create(null),
        children: [],
      };
      if (element.tagName === '' || element.tagName.includes('<')) fail('invalid start tag');
      for (;;) {
        while (WHITESPACE.test(text[i] ?? '')) i++;
        const c = text[i];
        if (c === undefined) fail(`<${element.tagName}> is not closed`);
        if (c === '>' || (c === '/' && text[i + 1] === '>')) break;
        const nameStart = i;
        while (i < text.length && !WHITESPACE.test(text[i]!) && !'=/><'.includes(text[i]!)) i++;
        const name = text.slice(nameStart, i);
        while (WHITESPACE.test(text[i] ?? '')) i++;
        if (name === '' || text[i] !== '=') fail(`invalid attribute in <${element.tagName}>`);
        i++;
        while (WHITESPACE.test(text[i] ?? '')) i++;
        const quote = text[i];
        if (quote !== '"' && quote !== "'") fail(`unquoted attribute ${name}`);
        const valueEnd = text.indexOf(quote!, i + 1);
        if (valueEnd === -1) fail(`<${element.tagName}> is not closed`);
        if (Object.hasOwn(element.attributes, name)) fail(`repeated attribute ${name}`);
        element.attributes[name] = decode(text.slice(i + 1, valueEnd));
        i = valueEnd + 1;
      }
      children.push(element);
      if (text[i] === '/') {
        element.selfClosed = true;
        i++;
      } else {
        open.push(element);
        children = element.children;
      }
      at = i + 1;
    }
  }
  if (open.length > 0) fail(`<${open[open.length - 1]!.tagName}> is not closed`);
  return top;
}
