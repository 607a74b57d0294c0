/**
 * The parts of a domhandler node (the tree htmlparser2 builds under cheerio) that the extractor reads.
 * Walking the tree directly, rather than through cheerio selections, keeps extraction near parse speed.
 */
export interface DomNode {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  data?: string;
  parent?: DomNode | null;
}

export function attr(node: DomNode, name: string): string | undefined {
  return node.attribs?.[name];
}

/** All text under a node, entity-decoded, whitespace as in the source. Iterative: deep trees cannot overflow the stack. */
export function textOf(node: DomNode): string {
  const parts: string[] = [];
  const stack: DomNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text') parts.push(n.data ?? '');
    else if (n.children && n.type !== 'comment')
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return parts.join('');
}

/** Collapses white space runs to one space and trims. */
export function squash(s: string): string {
  return s.replace(/[\s\u00a0\u200b\u200c\u200d\u2028\u2029\ufeff]+/g, ' ').trim();
}
