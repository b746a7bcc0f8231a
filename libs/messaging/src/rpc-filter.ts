import type { ArgumentsHost, RpcExceptionFilter } from '@nestjs/common';
import { Catch } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { throwError } from 'rxjs';

/**
 * Nest's default RPC filter turns any thrown error into `{status:'error'}`, losing its class;
 * the transport needs the class (RetryableError, PermanentError) to decide ack/nak/term.
 */
@Catch()
export class PassThroughRpcFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
