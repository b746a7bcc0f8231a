import type { ExecutionContext } from '@nestjs/common';
import { createParamDecorator } from '@nestjs/common';
import type { Caller } from './scopes.js';

/** The authenticated token of the request (set by AuthGuard). */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Caller => {
    const req = ctx.switchToHttp().getRequest<{ caller?: Caller }>();
    if (!req.caller) throw new Error('no caller: is AuthGuard installed?');
    return req.caller;
  },
);
