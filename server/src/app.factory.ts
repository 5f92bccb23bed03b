import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from '@fastify/helmet';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppModule } from './app.module';
import { AssignRoute, documentAssignRoute } from './assignments/assign.route';
import { AssignmentRequestDto, AssignmentResponseDto } from './assignments/dto/assignment.dto';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { useJsonBodyParser } from './common/json-body';
import { isApiPath, useRequestGuard } from './common/request-guard';
import { ApiErrorDto, completeDocument } from './common/openapi';
import { createValidationPipe } from './common/validation';
import { AppLogger } from './config/logging.module';
import { Env } from './config/env';
import { OfrepBulkEvaluationDto, OfrepEvaluationDto, OfrepEvaluationRequestDto, OfrepFailureDto } from './ofrep/dto/ofrep.dto';
import { documentOfrepRoutes, OfrepRoutes } from './ofrep/ofrep.routes';

/** Largest accepted JSON body: 1,000 events with generous properties. Larger → 413. */
export const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/** Every API route lives under this prefix. */
export const API_PREFIX = '/api/v1';

export async function createApp(env: Env): Promise<NestFastifyApplication> {
  // No Express-style middleware anywhere (see app.module.ts), so no @fastify/middie hook on every request.
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, logger: false, skipMiddie: true });
  // Bodies are parsed by our own JSON parser only (Nest's would add form-encoded bodies).
  useJsonBodyParser(adapter.getInstance(), BODY_LIMIT_BYTES);
  useRequestGuard(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(env), adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(AppLogger));
  app.setGlobalPrefix(API_PREFIX.slice(1));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  if (env.corsOrigins.length > 0) {
    app.enableCors({ origin: env.corsOrigins, methods: ['GET', 'POST', 'PATCH', 'DELETE'] });
  }
  await app.register(helmet, {
    contentSecurityPolicy: {
      // helmet's defaults (scripts from this origin only; inline styles, which the Swagger UI
      // needs, allowed), but no upgrade of http requests: Verdict is often served over plain http.
      directives: { upgradeInsecureRequests: null },
    },
  });
  // The hot SDK call, served by Fastify directly (see assign.route.ts).
  app.get(AssignRoute).register(app, API_PREFIX);
  // OFREP at the root, where its clients look (see ofrep.routes.ts).
  app.get(OfrepRoutes).register(app);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Verdict API')
      .setDescription(
        'Hypotheses, experiments, assignments, step events and analyses. Every operation needs a bearer key ' +
          'except `GET /api/v1/health` and these docs (`/api/docs`, `/api/docs-json`).',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Admin token or API key' })
      .addSecurityRequirements('bearer')
      .build(),
    {
      extraModels: [
        AssignmentRequestDto,
        AssignmentResponseDto,
        ApiErrorDto,
        OfrepEvaluationRequestDto,
        OfrepEvaluationDto,
        OfrepBulkEvaluationDto,
        OfrepFailureDto,
      ],
    },
  );
  documentAssignRoute(document, API_PREFIX);
  documentOfrepRoutes(document);
  completeDocument(document);
  SwaggerModule.setup('api/docs', app, document);

  await serveConsole(app, env);
  return app;
}

/** `web/dist` from the repository root, whether this file runs from source or from the build. */
function builtConsole(): string | undefined {
  const roots = [path.join(__dirname, '..', '..'), path.join(__dirname, '..', '..', '..', '..')];
  return roots.map((root) => path.join(root, 'web', 'dist')).find((dist) => fs.existsSync(path.join(dist, 'index.html')));
}

/** Serves the built console at `/` with a fallback to index.html for client-side routes. */
async function serveConsole(app: NestFastifyApplication, env: Env): Promise<void> {
  const dist = env.webDist ?? builtConsole();
  const index = dist && path.join(dist, 'index.html');
  if (!dist || !index || !fs.existsSync(index)) return;
  app.useStaticAssets({ root: dist, prefix: '/', wildcard: false, index: false });
  const html = fs.readFileSync(index);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/', (_request, reply) => reply.type('text/html').send(html));
  fastify.get('/*', (request, reply) => {
    // The API's own 404 for unknown API paths, and a 404 for files that do not exist; every
    // other path is a console route (e.g. /api-keys).
    if (isApiPath(request.url) || looksLikeFile(request.url)) {
      return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `Cannot GET ${request.url}` });
    }
    return reply.type('text/html').send(html);
  });
}

// Console routes end in keys, which may hold dots (`/experiments/checkout.v2`): only the
// extensions a build ships make a path a file.
const FILE_PATH = /^\/assets\/|\.(m?js|cjs|css|map|json|html?|txt|xml|webmanifest|wasm|png|jpe?g|gif|svg|ico|webp|avif|woff2?|ttf|otf)$/i;

/** A request for a static file (which, had it existed, @fastify/static would have served). */
function looksLikeFile(url: string): boolean {
  return FILE_PATH.test(url.split('?')[0]);
}
