import type { FastifyInstance } from 'fastify';
import Router, { HTTPMethod } from 'find-my-way';
import { DomainError, FieldProblem, InvalidFieldError } from './domain-error';
import { stringProblem } from './json-body';

/** Paths the API answers; the console never does, and a wrong method here is a 405. */
export function isApiPath(url: string): boolean {
  return /^\/(api|ofrep)(\/|\?|$)/.test(url);
}

/**
 * Hooks that judge a request before any route runs:
 * - path parameters and query strings with U+0000 or a lone surrogate → 400 naming them;
 * - a known API path asked with another method → 405 with `Allow`.
 * (Bodies are judged by the JSON parser, json-body.ts.)
 */
export function useRequestGuard(fastify: FastifyInstance): void {
  const routes: { method: string; url: string }[] = [];
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url ?? route.path });
  });

  // Built on first use, once every route is known: which methods each API path answers.
  let router: Router.Instance<Router.HTTPVersion.V1> | undefined;
  const allowedMethods = (url: string): string[] => {
    if (!router) {
      router = Router();
      for (const { method, url: pattern } of routes) {
        if (!isApiPath(pattern) || router.hasRoute(method as HTTPMethod, pattern)) continue;
        router.on(method as HTTPMethod, pattern, () => undefined);
      }
    }
    const path = url.split('?')[0];
    return ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((method) => router!.find(method as HTTPMethod, path));
  };

  fastify.addHook('onRequest', async (request, reply) => {
    const problems = [
      ...stringProblems(request.params, 'params'),
      ...stringProblems(request.query, 'query'),
    ];
    if (problems.length > 0) throw new InvalidFieldError(problems);
    // No API route took it: either none matched, or only the console's catch-all did.
    if (isApiPath(request.url) && (request.is404 || !isApiPath(request.routeOptions.url ?? ''))) {
      const allow = allowedMethods(request.url);
      if (allow.length > 0) {
        void reply.header('Allow', allow.join(', '));
        throw new DomainError(405, 'method_not_allowed', `${request.method} is not allowed here; use ${allow.join(', ')}`);
      }
    }
  });
}

function stringProblems(values: unknown, where: string): FieldProblem[] {
  if (typeof values !== 'object' || values === null) return [];
  const problems: FieldProblem[] = [];
  for (const [name, value] of Object.entries(values)) {
    for (const item of [value].flat()) {
      const reason = typeof item === 'string' ? stringProblem(item) : null;
      if (reason) problems.push({ field: `${where}.${name}`, reason });
    }
  }
  return problems;
}
