/**
 * HtmlService templates: `<? code ?>`, `<?= value ?>` (printed with contextual escaping, as Apps
 * Script does) and `<?!= value ?>` (printed raw). A template compiles to the source of a function that
 * the runtime evaluates inside the script's own vm context, because scriptlets see the script's
 * globals and call its functions; template variables are in scope ahead of them.
 *
 * This module has no dependency on the rest of the emulator: worker threads evaluate templates too.
 */

/** Where a printing scriptlet sits in the page, which decides how its value is escaped. */
export type PrintContext = 'html' | 'attribute' | 'script' | 'event-attribute';

/** The helper object the compiled function receives. */
export interface TemplateRuntime {
  variables: Record<string, unknown>;
  out: string[];
  print(value: unknown, context: PrintContext): void;
  raw(value: unknown): void;
}

const HELPER = '__emulatorTemplate';

const compiled = new Map<string, string>();
const COMPILED_KEPT = 64;

/** Compiles template text to the source of `function (__emulatorTemplate) { ... }`, cached by text. */
export function compileTemplate(text: string): string {
  let code = compiled.get(text);
  if (code === undefined) {
    code = compile(text);
    if (compiled.size >= COMPILED_KEPT) compiled.delete(compiled.keys().next().value as string);
    compiled.set(text, code);
  }
  return code;
}

function compile(text: string): string {
  const body: string[] = [];
  const tracker = new HtmlContextTracker();
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('<?', at);
    const literal = open < 0 ? text.slice(at) : text.slice(at, open);
    if (literal) {
      tracker.feed(literal);
      body.push(`${HELPER}.out.push(${JSON.stringify(literal)});`);
    }
    if (open < 0) break;
    const close = text.indexOf('?>', open + 2);
    if (close < 0)
      throw new SyntaxError(`A scriptlet opened with "<?" at character ${open} is never closed with "?>".`);
    const inner = text.slice(open + 2, close);
    if (inner.startsWith('!=')) body.push(`${HELPER}.raw((${expression(inner.slice(2))}));`);
    else if (inner.startsWith('='))
      body.push(`${HELPER}.print((${expression(inner.slice(1))}), ${JSON.stringify(tracker.context())});`);
    else body.push(`${inner}\n`);
    at = close + 2;
  }
  // Sloppy mode on purpose: `with` puts the template variables in scope ahead of the script's globals.
  return `(function (${HELPER}) {\nwith (${HELPER}.variables) {\n${body.join('\n')}\n}\nreturn ${HELPER}.out.join('');\n})`;
}

/** A printing scriptlet's expression; a trailing semicolon is allowed there. */
function expression(code: string): string {
  return code.trim().replace(/;+$/, '');
}

export function templateRuntime(variables: Record<string, unknown>): TemplateRuntime {
  const out: string[] = [];
  return {
    variables,
    out,
    print: (value, context) => out.push(escapeFor(value, context)),
    raw: (value) => out.push(value === undefined || value === null ? '' : String(value)),
  };
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** A JavaScript literal for `value` that cannot close the script element or break out of a string. */
export function javascriptLiteral(value: unknown): string {
  const json = value === undefined || typeof value === 'function' ? 'null' : JSON.stringify(value);
  return (json ?? 'null')
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/'/g, '\\u0027')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function escapeFor(value: unknown, context: PrintContext): string {
  switch (context) {
    case 'script':
      return javascriptLiteral(value);
    case 'event-attribute':
      return escapeHtml(javascriptLiteral(value));
    default:
      return value === undefined || value === null ? '' : escapeHtml(String(value));
  }
}

// Sticky: matched at a position without slicing the text (templates are tens of KB).
const TAG_NAME = /<\/?([a-zA-Z][\w-]*)/y;
const ATTRIBUTE_NAME = /[\w-:]+/y;

/**
 * Follows the static HTML around the scriptlets far enough to know whether a scriptlet sits in text,
 * in an attribute (and which), or inside a <script> element.
 */
class HtmlContextTracker {
  private state: 'text' | 'tag' | 'value' | 'script' | 'comment' | 'rawtext' = 'text';
  private tagName = '';
  private attrName = '';
  private quote = '';
  private pendingTag = '';

  context(): PrintContext {
    if (this.state === 'script') return 'script';
    if (this.state === 'value' || this.state === 'tag')
      return /^on/i.test(this.attrName) && this.state === 'value' ? 'event-attribute' : 'attribute';
    return 'html';
  }

  feed(chunk: string): void {
    let i = 0;
    while (i < chunk.length) {
      const c = chunk[i] as string;
      switch (this.state) {
        case 'text':
          if (chunk.startsWith('<!--', i)) {
            this.state = 'comment';
            i += 4;
            continue;
          }
          if (c === '<' && /[a-zA-Z/]/.test(chunk[i + 1] ?? '')) {
            TAG_NAME.lastIndex = i;
            const match = TAG_NAME.exec(chunk);
            this.tagName = (match?.[1] ?? '').toLowerCase();
            this.pendingTag = chunk[i + 1] === '/' ? '' : this.tagName;
            this.state = 'tag';
            this.attrName = '';
            i += match ? match[0].length : 1;
            continue;
          }
          break;
        case 'comment':
          if (chunk.startsWith('-->', i)) {
            this.state = 'text';
            i += 3;
            continue;
          }
          break;
        case 'tag':
          if (c === '>') {
            this.state =
              this.pendingTag === 'script' ? 'script' : this.pendingTag === 'style' ? 'rawtext' : 'text';
          } else if (c === '=') {
            const next = chunk[i + 1];
            if (next === '"' || next === "'") {
              this.quote = next;
              this.state = 'value';
              i += 2;
              continue;
            }
          } else if (/[\w-:]/.test(c)) {
            ATTRIBUTE_NAME.lastIndex = i;
            const match = ATTRIBUTE_NAME.exec(chunk);
            this.attrName = match?.[0] ?? '';
            i += this.attrName.length || 1;
            continue;
          }
          break;
        case 'value':
          if (c === this.quote) this.state = 'tag';
          break;
        case 'script':
        case 'rawtext': {
          const end = this.state === 'script' ? '</script' : '</style';
          if (c === '<' && chunk.slice(i, i + end.length).toLowerCase() === end) {
            this.state = 'tag';
            this.pendingTag = '';
            i += end.length;
            continue;
          }
          break;
        }
      }
      i++;
    }
  }
}
