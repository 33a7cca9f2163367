/**
 * The call's form, derived from the Call Log columns that carry `form`: the input type the sidebar
 * sends (CallInput), its fields in form order with their labels, and which are notes, ticks or only
 * for a reached family. Adding a field to a call means adding a column here (tables.ts) and a control
 * on the form (src/client/views/call-form.ts); validation, the row logCall writes and the record read
 * back follow from the spec.
 */
import type { ColumnSpec, FormFieldSpec, RecordOf } from './spec';
import { CALL_LOG, type CallLogSpec } from './tables';

type FormColumn = Extract<CallLogSpec['columns'][number], { readonly form: FormFieldSpec }>;
/** A Call Log field the form fills in. */
export type CallFormField = FormColumn['field'];

/** What the sidebar sends for one call: the form's Call Log fields, and whether to save to the family. */
export type CallInput = { [F in CallFormField]: RecordOf<CallLogSpec>[F] } & {
  /** Also copy strengths and hopes into the family's record on Families (same lock). */
  saveToFamily: boolean;
};
export type CallField = keyof CallInput;
/** Fields of the form that hold text (every field but the ticks). */
export type CallTextField = { [K in CallField]: CallInput[K] extends string ? K : never }[CallField];

type FormColumnSpec = ColumnSpec & { readonly field: CallFormField; readonly form: FormFieldSpec };

/** The form's Call Log columns, in form order. */
export const CALL_FORM_COLUMNS: readonly FormColumnSpec[] = (
  CALL_LOG.columns.filter((c) => 'form' in c) as readonly ColumnSpec[] as readonly FormColumnSpec[]
)
  .slice()
  .sort((a, b) => a.form.order - b.form.order);

const SAVE_TO_FAMILY_LABEL = "Save strengths and hopes to the family's record";

/** Labels as the sidebar shows them, in form order; messages name fields by these. */
export const CALL_FIELD_LABELS = Object.fromEntries([
  ...CALL_FORM_COLUMNS.map((c) => [c.field, c.form.label]),
  ['saveToFamily', SAVE_TO_FAMILY_LABEL],
]) as Readonly<Record<CallField, string>>;

const fieldsWhere = (keep: (c: FormColumnSpec) => boolean) =>
  CALL_FORM_COLUMNS.filter(keep).map((c) => c.field);

/** Text fields, in form order. */
export const CALL_TEXT_FIELDS = fieldsWhere((c) => c.type !== 'boolean') as readonly CallTextField[];
/** Notes: bounded by the note length, kept exactly as typed. */
export const CALL_NOTE_FIELDS = fieldsWhere((c) => c.type === 'longtext') as readonly CallTextField[];
/** Ticks, and saving to the family's record. */
export const CALL_BOOLEAN_FIELDS: readonly Exclude<CallField, CallTextField>[] = [
  ...(fieldsWhere((c) => c.type === 'boolean') as Exclude<CallField, CallTextField>[]),
  'saveToFamily',
];
/** Fields that only make sense once the family was reached (the form shows them only then). */
export const CALL_REACHED_ONLY_COLUMNS = fieldsWhere(
  (c) => c.form.reachedOnly === true,
) as readonly CallTextField[];

/** The form's fields of a logged call (what editing it starts from); saving to the family is for new calls. */
export function callInputOf(call: RecordOf<CallLogSpec>): CallInput {
  const input: Record<string, unknown> = { saveToFamily: false };
  for (const { field } of CALL_FORM_COLUMNS) input[field] = call[field];
  return input as CallInput;
}
