// A NestJS service that reads a Verdict experiment through OpenFeature and reports a step with
// track(). Shown in docs/sdk.md ("A Node service with NestJS") and run against a real Verdict by
// test/e2e/openfeature-frameworks.e2e-spec.ts.
import { Controller, Get, HttpCode, Injectable, Module, Post, type ExecutionContext } from '@nestjs/common';
import { OpenFeatureClient, OpenFeatureModule, type Client } from '@openfeature/nestjs-sdk';
import { VerdictProvider } from '@verdict/shared';

@Injectable()
export class CheckoutService {
  constructor(@OpenFeatureClient() private readonly flags: Client) {}

  /** The request's customer (the context factory below) gets their variant: control → false. */
  async layout(): Promise<'one-page' | 'classic'> {
    const onePage = await this.flags.getBooleanValue('one-page-checkout', false);
    return onePage ? 'one-page' : 'classic';
  }

  /** The customer paid: step `pay` of the flow `checkout`, followed as prescribed. */
  paid(): void {
    this.flags.track('checkout:pay', {}, { outcome: 'aligned' });
  }
}

@Controller('checkout')
export class CheckoutController {
  constructor(private readonly checkout: CheckoutService) {}

  @Get()
  async page(): Promise<{ layout: string }> {
    return { layout: await this.checkout.layout() };
  }

  @Post('paid')
  @HttpCode(204)
  paid(): void {
    this.checkout.paid();
  }
}

@Module({
  imports: [
    OpenFeatureModule.forRoot({
      defaultProvider: new VerdictProvider({ baseUrl: process.env.VERDICT_URL!, apiKey: process.env.VERDICT_SDK_KEY! }),
      // Each request's unit (a header here; the signed-in customer in a real app) and an
      // attribute for the experiment's cohort rules, for every evaluation during the request.
      // Without a unit the flag answers its default (TARGETING_KEY_MISSING).
      contextFactory: (context: ExecutionContext) => {
        const { headers } = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
        return { targetingKey: headers['x-customer-id'] ?? '', plan: headers['x-plan'] ?? 'free' };
      },
    }),
  ],
  controllers: [CheckoutController],
  providers: [CheckoutService],
})
export class CheckoutModule {}
