/**
 * commander, loaded with require(). It is CommonJS: importing it as an ES module goes through
 * its ESM wrapper and a scan of its source for export names, a few milliseconds of every
 * start of the CLI. The types are commander's own.
 */
import { createRequire } from 'node:module';
import type * as Commander from 'commander';

const commander = createRequire(import.meta.url)('commander') as typeof Commander;

export const { Command, CommanderError, InvalidArgumentError, Option } = commander;
export type Command = Commander.Command;
export type CommanderError = Commander.CommanderError;
export type InvalidArgumentError = Commander.InvalidArgumentError;
export type Option = Commander.Option;
