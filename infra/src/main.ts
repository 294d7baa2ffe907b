import { App } from 'cdktf';
import { STAGES } from './config/stages';
import { ShopStack } from './stacks/shop-stack';

// One stack per stage: `shop-dev`, `shop-prod`. `cdktf synth` writes cdktf.out/stacks/<stack>/cdk.tf.json.
const app = new App();
for (const config of Object.values(STAGES)) new ShopStack(app, { config });
app.synth();
