// Types of validate-v5_3.js, the validator ajv generates ahead of time for KCIDB_SCHEMA_V5_3
// (see ../validator-codegen.ts). Written by hand; the .js is generated.
import type { ErrorObject } from 'ajv';

/** ajv's standalone validate function: true when `data` is valid, else its errors are set. */
export interface KcidbSchemaValidateFunction {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export declare const validate: KcidbSchemaValidateFunction;
export default validate;
