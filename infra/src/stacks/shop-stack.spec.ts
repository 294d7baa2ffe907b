import { Testing } from 'cdktf';
import { ShopStack } from './shop-stack';

describe('ShopStack', () => {
  it('configures the AWS provider for the stage region', () => {
    const app = Testing.app();
    const stack = new ShopStack(app, 'shop-dev', { stage: 'dev', region: 'us-east-1' });
    const synth = JSON.parse(Testing.synth(stack)) as { provider: { aws: Array<{ region: string }> } };
    expect(synth.provider.aws[0]?.region).toBe('us-east-1');
  });
});
