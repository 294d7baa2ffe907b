import { App } from 'cdktf';
import { ShopStack } from './stacks/shop-stack';

const app = new App();
new ShopStack(app, 'shop-dev', { stage: 'dev', region: 'us-east-1' });
app.synth();
