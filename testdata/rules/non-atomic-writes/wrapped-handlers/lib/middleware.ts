// Project wrappers: each calls the handler it is given for every request.
export function withValidation(schema: { parse(v: unknown): unknown }, handler: (req: Request) => Promise<Response>) {
  return async (req: Request) => {
    schema.parse(await req.clone().json());
    return handler(req);
  };
}

export function withAuth(handler: (req: Request, ctx: { userId: string }) => Promise<Response>) {
  return async (req: Request) => {
    const userId = req.headers.get('x-user') ?? '';
    return handler(req, { userId });
  };
}

// A helper that runs its callback inline, as part of the caller's work.
export async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch {
    return await fn();
  }
}
