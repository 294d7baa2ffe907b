import { App } from 'cdktf';
import { BOOTSTRAP } from './config/bootstrap-config';
import { STAGES } from './config/stages';
import { BootstrapStack } from './stacks/bootstrap-stack';
import { ShopStack } from './stacks/shop-stack';

// One stack per stage: `shop-dev`, `shop-prod`. `cdktf synth` writes cdktf.out/stacks/<stack>/cdk.tf.json.
const app = new App();
for (const config of Object.values(STAGES)) new ShopStack(app, { config });
// The deploy identity (GitHub OIDC and per-stage plan/apply roles): applied once, by hand, if at all.
new BootstrapStack(app, { config: BOOTSTRAP, stages: Object.values(STAGES) });
app.synth();
